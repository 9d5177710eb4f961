import Foundation
import RegistreConnectors
import RegistreCore
import RegistreStore

/// How the server sends mail: the person's identity codes from the rights portal, and the DPO's
/// daily reminder of deadlines.
public struct MailSettings: Sendable {
    /// The mail server.
    public var client: SMTPClient
    /// The sender's address, such as `dpo@exemple.fr`.
    public var from: String
    /// Who the mails are signed by, such as the company's name.
    public var signature: String
    /// The DPO's address for reminders; none sends no reminders.
    public var remindTo: String?

    /// Creates settings; the addresses must be ones a mail can be sent from and to.
    public init(client: SMTPClient, from: String, signature: String, remindTo: String?) throws {
        for address in [from] + (remindTo.map { [$0] } ?? []) where !SMTPClient.isAddress(address) {
            throw RequestDesk.Refusal(code: "mail-address", message: "\(address.prefix(80)): not an e-mail address")
        }
        self.client = client
        self.from = from
        self.signature = signature
        self.remindTo = remindTo
    }
}

/// The mails about data subject requests, in French then English.
public enum RequestMail {
    /// The one-time code that confirms the person's identity, with the link to the request's
    /// status page when the server knows its public address.
    public static func identityCode(
        _ code: String, to email: String, from: String, request: SubjectRequest, validUntil: Date, signature: String, statusLink: String? = nil
    ) -> MailMessage {
        let until = LegalDeadline.day(of: validUntil)
        let right = request.right
        let named = (fr: right.declared.words(in: "fr").name, en: right.declared.words(in: "en").name)
        let frenchLink = statusLink.map { "\n\nVous pouvez aussi le saisir, et suivre votre demande, à cette adresse : \($0)" } ?? ""
        let englishLink = statusLink.map { "\n\nYou may also enter it, and follow your request, at this address: \($0)" } ?? ""
        return MailMessage(
            from: from, to: email, subject: "Votre demande n° \(request.id) : code de confirmation / Your request no. \(request.id): confirmation code",
            body: """
                Bonjour,

                Pour confirmer votre identité et que le traitement de votre demande (\(named.fr), \(right.article) du RGPD) commence, \
                donnez ce code : \(code)\(frenchLink)

                Il est valable jusqu'au \(until.words(in: "fr")). Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.

                Hello,

                To confirm your identity and start your request (\(named.en), GDPR \(right.article)), give this code: \(code)\(englishLink)

                It is valid until \(until.words(in: "en")). If you did not make this request, ignore this message.

                -- \(signature)
                """)
    }

    /// Tells the person their request was answered, and where to read the answer; for an export,
    /// the link to download their data (only ever sent to this verified address) and until when.
    public static func answered(
        _ request: SubjectRequest, to email: String, from: String, signature: String, statusLink: String?, download: String?, until downloadUntil: Date?
    ) -> MailMessage {
        let right = request.right
        let named = (fr: right.declared.words(in: "fr").name, en: right.declared.words(in: "en").name)
        let partly = request.state == .partiallyCompleted
        let frenchState = partly ? "a été traitée en partie : certaines données sont conservées, pour les raisons indiquées" : "a été traitée"
        let englishState = partly ? "was answered in part: some data is kept, for the reasons given" : "was answered"
        let frenchWhere = statusLink.map { " sur la page de votre demande : \($0)" } ?? " sur la page de votre demande, dont le lien vous a été envoyé avec le code de confirmation."
        let englishWhere = statusLink.map { " on your request's page: \($0)" } ?? " on your request's page, whose link came with the confirmation code."
        let until = downloadUntil.map(LegalDeadline.day(of:))
        var frenchDownload = "", englishDownload = ""
        if let until, let download {
            frenchDownload = "\n\nVos données peuvent être téléchargées jusqu'au \(until.words(in: "fr")) à cette adresse, qui n'est envoyée qu'à vous : \(download)\nElles sont ensuite supprimées."
            englishDownload = "\n\nYour data can be downloaded until \(until.words(in: "en")) at this address, sent to you alone: \(download)\nIt is deleted afterwards."
        }
        return MailMessage(
            from: from, to: email, subject: "Votre demande n° \(request.id) est traitée / Your request no. \(request.id) is answered",
            body: """
                Bonjour,

                Votre demande n° \(request.id) (\(named.fr), \(right.article) du RGPD) \(frenchState). La réponse est disponible\(frenchWhere)\(frenchDownload)

                Hello,

                Your request no. \(request.id) (\(named.en), GDPR \(right.article)) \(englishState). The answer is available\(englishWhere)\(englishDownload)

                -- \(signature)
                """)
    }

    /// One mail to the DPO listing the requests due soon or overdue, the nearest deadline first.
    public static func reminder(_ requests: [SubjectRequest], today: CivilDate, from: String, to: String) -> MailMessage {
        let lines = requests.compactMap { request -> String? in
            guard let deadline = request.deadline else { return nil }
            let left = deadline.daysSince1970 - today.daysSince1970
            let when = left < 0 ? "OVERDUE by \(-left) day(s) / en retard de \(-left) jour(s)" : "in \(left) day(s) / dans \(left) jour(s)"
            return "- n° \(request.id), \(request.right.rawValue) (\(request.right.article)), \(request.state.rawValue): due \(deadline), \(when)"
        }
        return MailMessage(
            from: from, to: to,
            subject: "Registre : \(requests.count) demande(s) à échéance / \(requests.count) request(s) due",
            body: """
                Demandes de personnes concernées à échéance dans les prochains jours ou dépassées.
                Data subject requests due in the coming days, or overdue.

                \(lines.joined(separator: "\n"))

                registre request list
                """)
    }

    /// Mails the DPO the requests due within `days` of today (or overdue) that had no reminder
    /// for their deadline, then records each reminder; returns them. Nothing is recorded when the
    /// mail fails, so the next run tries again.
    public static func remind(desk: RequestDesk, within days: Int64, on today: CivilDate, mail: MailSettings, to: String, actor: String) async throws -> [SubjectRequest] {
        let due = try await desk.dueReminders(on: today, within: days)
        guard !due.isEmpty else { return [] }
        try await mail.client.send(reminder(due, today: today, from: mail.from, to: to))
        var reminded: [SubjectRequest] = []
        for request in due { reminded.append(try await desk.markReminded(request.id, at: Date(), actor: actor)) }
        return reminded
    }
}
