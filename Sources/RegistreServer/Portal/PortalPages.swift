import Foundation
import Mustache
import RegistreCore
import RegistreStore

/// The pages of the rights portal: the form a person exercises a right with, and the status page
/// of their request behind its secret link. Self-contained HTML (no script, no outside resource),
/// in the policy's languages.
struct PortalPages: Sendable {
    let policy: Policy
    /// The rights a person can ask through the portal: those the policy offers that Registre
    /// carries out on the company's databases.
    let rights: [SubjectRight]

    /// The activities a person may object to (direct marketing, legitimate interests, public task).
    let objectable: [ProcessingActivity]
    /// The activities that rest on consent, which a person may withdraw.
    let consentBased: [ProcessingActivity]

    init(policy: Policy) {
        self.policy = policy
        self.objectable = policy.activities.filter(ProcessingLimits.acceptsObjection)
        self.consentBased = policy.activities.filter { $0.legalBasis == .consent }
        let withdrawable = !consentBased.isEmpty
        self.rights = SubjectRight.allCases.filter { right in policy.rights.offers(right.declared) && (right != .withdrawConsent || withdrawable) }
    }

    /// Whether the policy says a proof of identity may be asked (always, or when in doubt); a
    /// policy that says never, or nothing, gets no file form.
    var takesProof: Bool { policy.rights.identityProof.map { $0 != .never } ?? false }

    /// The language of a page: the one asked for when the policy has it, else the policy's first.
    func language(_ asked: String?) -> String {
        if let asked, policy.languages.contains(asked) { return asked }
        return policy.languages.first ?? "en"
    }

    /// What the person typed, given back with an error so nothing is lost.
    struct Entry {
        var right: String?
        var email = ""
        /// The activities ticked under objection, and under restriction: two lists, since a box
        /// ticked in the part of the form that is hidden is still sent.
        var objected: [String] = []
        var restricted: [String] = []
        var withdrawn: [String] = []
        var ground: String?
        var details = ""
    }

    /// The form, with what was typed and why it was not accepted.
    func form(language: String, entry: Entry = Entry(), error: String? = nil) -> String {
        let words = PortalWords(language)
        var context: [String: Any] = [
            "lang": language,
            "title": words.formTitle,
            "intro": words.intro(organization: policy.organization.name),
            "rightsLabel": words.pick("The right you exercise", "Le droit que vous exercez"),
            "rights": rights.map { right -> [String: Any] in
                let named = right.declared.words(in: language)
                return ["value": right.rawValue, "name": named.name, "detail": named.detail, "checked": entry.right == right.rawValue]
            },
            "emailLabel": words.pick("Your e-mail address", "Votre adresse électronique"),
            "emailHint": words.pick(
                "We send a code to this address to confirm that the request is yours; the month we have to answer starts once it is confirmed.",
                "Nous envoyons un code à cette adresse pour vérifier que la demande vient de vous ; le délai d'un mois pour vous répondre court à partir de cette vérification."),
            "email": entry.email,
            "objection": [
                "legend": words.pick("For an objection: the processing you object to", "Pour une opposition : les traitements auxquels vous vous opposez"),
                "activities": choices(objectable, ticked: entry.objected, language: language) { activity in
                    ProcessingLimits.isDirectMarketing(activity)
                        ? words.pick("direct marketing: no reason needed", "prospection : aucun motif à donner")
                        : words.pick("give the reasons relating to your situation below", "indiquez ci-dessous les raisons tenant à votre situation")
                },
            ] as [String: Any],
            "restriction": [
                "legend": words.pick("For a restriction: why, and which processing", "Pour une limitation : pourquoi, et quels traitements"),
                "grounds": ProcessingLimits.RestrictionGround.allCases.map { ground in
                    ["value": ground.rawValue, "text": words.ground(ground), "selected": entry.ground == ground.rawValue] as [String: Any]
                },
                "groundLabel": words.pick("Ground (GDPR art. 18(1))", "Motif (art. 18(1) du RGPD)"),
                "activitiesHint": words.pick("None ticked: all processing of your data.", "Aucune case cochée : tous les traitements de vos données."),
                "activities": choices(policy.activities, ticked: entry.restricted, language: language),
            ] as [String: Any],
            "withdrawal": [
                "legend": words.pick("For a withdrawal of consent: the purposes", "Pour un retrait du consentement : les finalités"),
                "hint": words.pick(
                    "None ticked: every purpose you consented to. Cookies are refused from the banner's \"manage my choices\" link on our site.",
                    "Aucune case cochée : toutes les finalités auxquelles vous avez consenti. Les cookies se refusent depuis le lien « gérer mes choix » du bandeau sur notre site."),
                "activities": choices(consentBased, ticked: entry.withdrawn, language: language),
            ] as [String: Any],
            "detailsLabel": words.pick("Details", "Précisions"),
            "detailsHint": words.pick(
                "Required for a rectification (what is inaccurate and what it should say) and for an objection to processing based on our legitimate interests (the reasons relating to your situation).",
                "Obligatoires pour une rectification (ce qui est inexact et ce qui est exact) et pour une opposition à un traitement fondé sur notre intérêt légitime (les raisons tenant à votre situation)."),
            "details": entry.details,
            "submit": words.pick("Send the request", "Envoyer la demande"),
        ]
        if objectable.isEmpty { context["objection"] = nil }
        if !rights.contains(.withdrawConsent) { context["withdrawal"] = nil }
        if let error { context["error"] = error }
        return page(language: language, title: words.formTitle, body: Self.render(Self.formTemplate, context), path: "/rights")
    }

    /// One checkbox per activity, ticked as the person left it, with an optional note.
    private func choices(
        _ activities: [ProcessingActivity], ticked: [String], language: String, note: (ProcessingActivity) -> String? = { _ in nil }
    ) -> [[String: Any]] {
        activities.map { activity in
            var choice: [String: Any] = [
                "id": activity.id, "name": activity.name.text(in: language, fallback: policy.languages.first), "checked": ticked.contains(activity.id),
            ]
            if let note = note(activity) { choice["note"] = note }
            return choice
        }
    }

    /// The status page of `request`, with the code form while its identity waits for one.
    func status(
        of request: SubjectRequest, token: String, language: String, today: CivilDate, mailConfigured: Bool, downloadUntil: Date? = nil,
        proof: IdentityProofFile? = nil, error: String? = nil
    ) -> String {
        let words = PortalWords(language)
        let right = request.right.declared.words(in: language)
        let received = LegalDeadline.day(of: request.receivedAt).words(in: language)
        let title = words.pick("Your request no. \(request.id)", "Votre demande n° \(request.id)")
        let action = RightsPortal.statusPath(token)
        var context: [String: Any] = [
            "title": title,
            "summary": words.pick("\(right.name), received on \(received).", "\(right.name), reçue le \(received)."),
            "state": words.state(request, today: today),
            "keepLink": words.pick(
                "Keep the address of this page: it is the only way to follow your request, and anyone who has it can.",
                "Conservez l'adresse de cette page : elle seule permet de suivre votre demande, et quiconque la connaît le peut."),
            "lang": language,
        ]
        if let error { context["error"] = error }
        if let reason = request.extensionReason, let extended = request.extendedTo {
            context["extension"] = words.pick(
                "The deadline was extended to \(extended.words(in: language)), because: \(reason)",
                "Le délai a été prolongé jusqu'au \(extended.words(in: language)), pour la raison suivante : \(reason)")
        }
        if request.state.awaitsIdentity {
            var identity: [String: Any] = ["action": "\(action)/verify", "codeLabel": words.pick("Code received by e-mail", "Code reçu par e-mail"),
                                           "confirm": words.pick("Confirm", "Confirmer")]
            if let expiry = request.codeExpiresAt {
                identity["sent"] = words.pick(
                    "We sent a code to your e-mail address; it is valid until \(LegalDeadline.day(of: expiry).words(in: language)).",
                    "Nous avons envoyé un code à votre adresse électronique ; il est valable jusqu'au \(LegalDeadline.day(of: expiry).words(in: language)).")
            } else if mailConfigured {
                identity["sent"] = words.pick("No code could be sent yet.", "Aucun code n'a encore pu être envoyé.")
            }
            if mailConfigured {
                identity["resend"] = ["action": "\(action)/code", "label": words.pick("Send a new code", "Envoyer un nouveau code")]
                identity["form"] = true
            } else {
                identity["manual"] = words.pick(
                    "We will contact you to confirm your identity; the deadline runs from then.",
                    "Nous allons vous contacter pour vérifier votre identité ; le délai court à partir de cette vérification.")
            }
            context["identity"] = identity
        }
        // The form for a proof of identity, where the policy says one may be asked.
        if request.state.isOpen, takesProof, let asked = policy.rights.identityProof {
            var upload: [String: Any] = [
                "action": "\(action)/proof",
                "label": asked == .always
                    ? words.pick("Proof of identity (required)", "Justificatif d'identité (obligatoire)")
                    : words.pick("Proof of identity, if we ask you for one", "Justificatif d'identité, si nous vous le demandons"),
                "hint": words.pick(
                    "A copy of an identity document, as a PDF, JPEG or PNG file of 5 MB at most. It is kept encrypted and destroyed once your request is answered.",
                    "La copie d'une pièce d'identité, en fichier PDF, JPEG ou PNG de 5 Mo au plus. Elle est conservée chiffrée et détruite dès que votre demande est traitée."),
                "send": words.pick("Send the file", "Envoyer le fichier"),
            ]
            if let proof {
                upload["received"] = words.pick(
                    "We received a file on \(LegalDeadline.day(of: proof.receivedAt).words(in: language)) (\(proof.size / 1024 + 1) KB); sending another replaces it.",
                    "Nous avons reçu un fichier le \(LegalDeadline.day(of: proof.receivedAt).words(in: language)) (\(proof.size / 1024 + 1) Ko) ; en envoyer un autre le remplace.")
            }
            context["proof"] = upload
        }
        if request.state.isOpen {
            context["cancel"] = ["action": "\(action)/cancel", "label": words.pick("Withdraw my request", "Retirer ma demande")]
        }
        if let outcome = request.outcome, request.state == .refused || request.state == .cancelled || !outcome.hasPrefix("{") {
            context["outcome"] = ["label": request.state == .refused || request.state == .cancelled ? words.pick("Reasons", "Motifs") : words.pick("Answer", "Réponse"),
                                  "text": outcome]
        }
        if let downloadUntil {
            // The link itself goes only to the person's verified address: whoever holds this
            // page's link may not be the person (anyone can fill in the form with an address).
            let until = LegalDeadline.day(of: downloadUntil).words(in: language)
            context["download"] = words.pick(
                "Your data (a zip: one JSON and one CSV file per table, and a readable page) can be downloaded until \(until) from the link sent to your e-mail address; it is deleted afterwards.",
                "Vos données (un zip : un fichier JSON et un fichier CSV par table, et une page lisible) peuvent être téléchargées jusqu'au \(until) depuis le lien envoyé à votre adresse électronique ; elles sont supprimées ensuite.")
        }
        let kept = Self.keptReasons(request.outcome)
        if !kept.isEmpty {
            context["kept"] = ["label": words.pick("Data kept, and why", "Données conservées, et pourquoi"), "items": kept]
        }
        if request.state == .refused || request.state == .partiallyCompleted {
            context["complaint"] = complaint(words)
        }
        return page(language: language, title: title, body: Self.render(Self.statusTemplate, context), path: action)
    }

    /// What an erasure's result says was kept or left, and why (as `collection: reason`).
    static func keptReasons(_ outcome: String?) -> [String] {
        guard let outcome, outcome.hasPrefix("{"), let object = (try? JSONSerialization.jsonObject(with: Data(outcome.utf8))) as? [String: Any] else { return [] }
        var reasons: [String] = []
        for (collection, entries) in (object["collections"] as? [String: Any] ?? [:]).sorted(by: { $0.key < $1.key }) {
            for entry in entries as? [[String: Any]] ?? [] {
                if let reason = entry["reason"] as? String { reasons.append("\(collection): \(reason)") }
            }
        }
        return reasons
    }

    /// A page saying the request has no export to download (any more).
    func noExport(language: String) -> String {
        let words = PortalWords(language)
        let title = words.pick("Nothing to download", "Rien à télécharger")
        let body = Self.render(Self.messageTemplate, [
            "title": title,
            "text": words.pick(
                "This request has no data to download: it is not answered yet, it is not an access or portability request, or its export was deleted after its time.",
                "Cette demande n'a pas de données à télécharger : elle n'est pas encore traitée, ce n'est pas une demande d'accès ou de portabilité, ou l'export a été supprimé après son délai."),
        ])
        return page(language: language, title: title, body: body, path: "/rights")
    }

    /// A page saying the link names no request.
    func unknownLink(language: String) -> String {
        let words = PortalWords(language)
        let title = words.pick("Unknown link", "Lien inconnu")
        let body = Self.render(Self.messageTemplate, [
            "title": title,
            "text": words.pick("This link does not lead to a request. Check that it was copied whole.", "Ce lien ne mène à aucune demande. Vérifiez qu'il a été copié en entier."),
        ])
        return page(language: language, title: title, body: body, path: "/rights")
    }

    /// The right to complain to the supervisory authority and to a court (Art. 12(4), 77, 79).
    private func complaint(_ words: PortalWords) -> [String: Any] {
        let authority = policy.organization.supervisoryAuthority
        var complaint: [String: Any] = [
            "text": words.pick(
                "You may lodge a complaint with the \(authority?.name ?? "CNIL") and seek a judicial remedy.",
                "Vous pouvez introduire une réclamation auprès de la \(authority?.name ?? "CNIL") et former un recours juridictionnel."),
        ]
        if let url = authority == nil ? "https://www.cnil.fr/fr/plaintes" : authority?.complaintURL { complaint["url"] = url }
        return complaint
    }

    private func page(language: String, title: String, body: String, path: String) -> String {
        let others = policy.languages.filter { $0 != language }.map { code -> [String: String] in
            ["code": code, "href": "\(path)?lang=\(code)", "name": code == "fr" ? "Français" : code == "en" ? "English" : code]
        }
        return Self.render(Self.layout, [
            "lang": language, "title": title, "organization": policy.organization.name, "body": body, "languages": others, "hasLanguages": !others.isEmpty,
        ])
    }

    private static func render(_ template: MustacheTemplate, _ context: [String: Any]) -> String {
        template.render(context)
    }

    private static func parse(_ text: String) -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: text)
        } catch {
            preconditionFailure("a built-in portal template does not parse: \(error)")
        }
    }

    static let layout = parse(#"""
<!DOCTYPE html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{{title}} — {{organization}}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.7rem}fieldset{border:1px solid #bbb;border-radius:.3rem;margin:1.2rem 0;padding:.6rem 1rem}legend{font-weight:600;padding:0 .3rem}
label{display:block;margin:.4rem 0}.hint,.note{color:#444;font-size:.93rem}.choice{display:flex;gap:.5rem;align-items:flex-start;margin:.5rem 0}
.choice input{margin-top:.35rem}input[type=email],input[type=text],select,textarea{font:inherit;width:100%;box-sizing:border-box;padding:.4rem;border:1px solid #777;border-radius:.2rem}
textarea{min-height:7rem}button{font:inherit;padding:.5rem 1.2rem;border-radius:.3rem;border:2px solid #1f3f8f;background:#1f3f8f;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1f3f8f}:focus-visible{outline:3px solid #e0a100;outline-offset:2px}
.error{border-left:4px solid #b00020;background:#fdecee;padding:.6rem 1rem}.state{font-size:1.1rem}nav{text-align:right;font-size:.93rem}
@supports selector(:has(a)){.only{display:none}form:has(input[value=objection]:checked) .for-objection,form:has(input[value=restriction]:checked) .for-restriction,form:has(input[value=withdraw_consent]:checked) .for-withdraw_consent{display:block}}
</style>
</head>
<body>
{{#hasLanguages}}<nav>{{#languages}}<a href="{{href}}" hreflang="{{code}}" lang="{{code}}">{{name}}</a> {{/languages}}</nav>{{/hasLanguages}}
<main>
{{{body}}}
</main>
<footer><p class="note">{{organization}}</p></footer>
</body>
</html>
"""#)

    static let formTemplate = parse(#"""
<h1>{{title}}</h1>
{{#intro}}<p>{{.}}</p>{{/intro}}
{{#error}}<p class="error" role="alert" id="error">{{.}}</p>{{/error}}
<form method="post" action="/rights" accept-charset="utf-8">
<input type="hidden" name="lang" value="{{lang}}">
<fieldset>
<legend>{{rightsLabel}}</legend>
{{#rights}}
<div class="choice"><input type="radio" name="right" id="right-{{value}}" value="{{value}}" required{{#checked}} checked{{/checked}}>
<label for="right-{{value}}"><strong>{{name}}</strong> — {{detail}}</label></div>
{{/rights}}
</fieldset>
<label for="email">{{emailLabel}}</label>
<input type="email" name="email" id="email" value="{{email}}" required autocomplete="email" aria-describedby="email-hint">
<p class="hint" id="email-hint">{{emailHint}}</p>
{{#objection}}
<fieldset class="only for-objection">
<legend>{{legend}}</legend>
{{#activities}}
<div class="choice"><input type="checkbox" name="objected" id="object-{{id}}" value="{{id}}"{{#checked}} checked{{/checked}}>
<label for="object-{{id}}">{{name}}{{#note}} <span class="hint">({{.}})</span>{{/note}}</label></div>
{{/activities}}
</fieldset>
{{/objection}}
{{#restriction}}
<fieldset class="only for-restriction">
<legend>{{legend}}</legend>
<label for="ground">{{groundLabel}}</label>
<select name="ground" id="ground">
<option value=""></option>
{{#grounds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{text}}</option>
{{/grounds}}
</select>
<p class="hint">{{activitiesHint}}</p>
{{#activities}}
<div class="choice"><input type="checkbox" name="restricted" id="restrict-{{id}}" value="{{id}}"{{#checked}} checked{{/checked}}>
<label for="restrict-{{id}}">{{name}}</label></div>
{{/activities}}
</fieldset>
{{/restriction}}
{{#withdrawal}}
<fieldset class="only for-withdraw_consent">
<legend>{{legend}}</legend>
<p class="hint">{{hint}}</p>
{{#activities}}
<div class="choice"><input type="checkbox" name="withdrawn" id="withdraw-{{id}}" value="{{id}}"{{#checked}} checked{{/checked}}>
<label for="withdraw-{{id}}">{{name}}</label></div>
{{/activities}}
</fieldset>
{{/withdrawal}}
<label for="details">{{detailsLabel}}</label>
<textarea name="details" id="details" maxlength="4000" aria-describedby="details-hint">{{details}}</textarea>
<p class="hint" id="details-hint">{{detailsHint}}</p>
<p><button type="submit">{{submit}}</button></p>
</form>
"""#)

    static let statusTemplate = parse(#"""
<h1>{{title}}</h1>
<p>{{summary}}</p>
{{#error}}<p class="error" role="alert" id="error">{{.}}</p>{{/error}}
<p class="state" id="state">{{state}}</p>
{{#extension}}<p>{{.}}</p>{{/extension}}
{{#outcome}}<h2>{{label}}</h2><p id="outcome">{{text}}</p>{{/outcome}}
{{#download}}<p id="download">{{.}}</p>{{/download}}
{{#kept}}<h2>{{label}}</h2><ul id="kept">{{#items}}<li>{{.}}</li>{{/items}}</ul>{{/kept}}
{{#complaint}}<p>{{text}}{{#url}} <a href="{{.}}">{{.}}</a>{{/url}}</p>{{/complaint}}
{{#identity}}
{{#sent}}<p>{{.}}</p>{{/sent}}
{{#manual}}<p>{{.}}</p>{{/manual}}
{{#form}}
<form method="post" action="{{action}}?lang={{lang}}">
<label for="code">{{codeLabel}}</label>
<input type="text" name="code" id="code" inputmode="numeric" autocomplete="one-time-code" maxlength="12" required>
<p><button type="submit">{{confirm}}</button></p>
</form>
{{/form}}
{{#resend}}<form method="post" action="{{action}}?lang={{lang}}"><p><button type="submit" class="secondary">{{label}}</button></p></form>{{/resend}}
{{/identity}}
{{#proof}}
<form method="post" action="{{action}}?lang={{lang}}" enctype="multipart/form-data">
<label for="proof">{{label}}</label>
<input type="file" name="proof" id="proof" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" required aria-describedby="proof-hint">
<p class="hint" id="proof-hint">{{hint}}</p>
{{#received}}<p id="proof-received">{{.}}</p>{{/received}}
<p><button type="submit" class="secondary">{{send}}</button></p>
</form>
{{/proof}}
{{#cancel}}<form method="post" action="{{action}}?lang={{lang}}"><p><button type="submit" class="secondary" id="cancel">{{label}}</button></p></form>{{/cancel}}
<p class="note">{{keepLink}}</p>
"""#)

    static let messageTemplate = parse(#"""
<h1>{{title}}</h1>
<p>{{text}}</p>
"""#)
}

/// The portal's own words, in French and English.
struct PortalWords {
    let isFrench: Bool

    init(_ language: String) {
        isFrench = language == "fr"
    }

    func pick(_ en: String, _ fr: String) -> String { isFrench ? fr : en }

    var formTitle: String { pick("Exercise your rights", "Exercer vos droits") }

    var unreadableForm: String { pick("The form could not be read.", "Le formulaire n'a pas pu être lu.") }

    func intro(organization: String) -> [String] {
        [
            pick("This form sends your request to \(organization), which answers within one month of confirming your identity. For complex or numerous requests that month may be extended by two more; you are then told why within the first month.",
                 "Ce formulaire transmet votre demande à \(organization), qui vous répond dans un délai d'un mois après avoir vérifié votre identité. Ce délai peut être prolongé de deux mois pour des demandes complexes ou nombreuses ; vous en êtes alors informé, avec les raisons, dans le premier mois."),
            pick("What you enter here is used only to handle your request.", "Les informations saisies ici servent uniquement à traiter votre demande."),
        ]
    }

    func ground(_ ground: ProcessingLimits.RestrictionGround) -> String {
        switch ground {
        case .accuracyContested: pick("I contest the accuracy of my data, while it is checked", "Je conteste l'exactitude de mes données, le temps de la vérifier")
        case .unlawful: pick("The processing is unlawful and I want it restricted rather than erased", "Le traitement est illicite et je demande sa limitation plutôt que l'effacement")
        case .legalClaims: pick("You no longer need the data but I need it for legal claims", "Vous n'avez plus besoin des données mais elles me sont nécessaires pour un droit en justice")
        case .objectionPending: pick("I objected, while my grounds are checked", "Je me suis opposé(e), le temps de vérifier mes motifs")
        }
    }

    /// Where the request stands, in one sentence.
    func state(_ request: SubjectRequest, today: CivilDate) -> String {
        let language = isFrench ? "fr" : "en"
        switch request.state {
        case .received:
            return pick("Received: your identity is to be confirmed.", "Reçue : votre identité reste à vérifier.")
        case .awaitingIdentity:
            return pick("Waiting for the confirmation of your identity.", "En attente de la vérification de votre identité.")
        case .inProgress:
            let deadline = request.deadline.map { $0.words(in: language) } ?? ""
            return pick("In progress: we will answer by \(deadline) at the latest.", "En cours de traitement : nous vous répondrons au plus tard le \(deadline).")
        case .completed, .partiallyCompleted:
            let day = request.closedAt.map { LegalDeadline.day(of: $0).words(in: language) } ?? ""
            return request.state == .completed
                ? pick("Answered on \(day).", "Traitée le \(day).")
                : pick("Answered in part on \(day): some data is kept, for the reasons below.", "Traitée en partie le \(day) : certaines données sont conservées, pour les raisons ci-dessous.")
        case .refused:
            return pick("Refused, for the reasons below.", "Refusée, pour les motifs ci-dessous.")
        case .cancelled:
            return pick("Withdrawn or cancelled.", "Retirée ou annulée.")
        }
    }

    /// The message for a refusal of the desk, in the person's words.
    func refusal(_ refusal: RequestDesk.Refusal) -> String {
        switch refusal.code {
        case "code-wrong":
            let left = refusal.message.firstMatch(of: /(\d+) tries left/).map { String($0.1) } ?? "?"
            return pick("That is not the code we sent; \(left) tries left.", "Ce n'est pas le code envoyé ; il reste \(left) essai(s).")
        case "code-expired": return pick("That code has expired; ask for a new one.", "Ce code a expiré ; demandez-en un nouveau.")
        case "code-locked": return pick("Too many wrong codes; ask for a new one.", "Trop de codes erronés ; demandez-en un nouveau.")
        case "code-missing": return pick("No code was sent for this request yet; ask for one.", "Aucun code n'a encore été envoyé pour cette demande ; demandez-en un.")
        case "code-recent": return pick("A code was sent less than a minute ago; wait a moment before asking for another.", "Un code a été envoyé il y a moins d'une minute ; patientez avant d'en demander un autre.")
        case "state-invalid": return pick("This request can no longer be changed.", "Cette demande ne peut plus être modifiée.")
        default: return pick("The request could not be changed.", "La demande n'a pas pu être modifiée.")
        }
    }
}
