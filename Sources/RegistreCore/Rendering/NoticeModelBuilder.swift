/// Builds a ``NoticeModel`` from a policy in one language.
struct NoticeModelBuilder {
    let policy: Policy
    let language: String
    /// True for Markdown, where `|` and line breaks inside table cells must be neutralised.
    let escapeMarkdown: Bool
    let words: Vocabulary

    init(policy: Policy, language: String, escapeMarkdown: Bool) {
        self.policy = policy
        self.language = language
        self.escapeMarkdown = escapeMarkdown
        self.words = Vocabulary(language)
    }

    private var fallback: String? { policy.languages.first }

    /// A text of the policy in the notice's language.
    func text(_ value: LocalizedText?) -> String? {
        value.map { cell($0.text(in: language, fallback: fallback)) }
    }

    /// A value placed in a Markdown table cell.
    func cell(_ text: String) -> String {
        guard escapeMarkdown else { return text }
        return text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    func build() -> NoticeModel {
        let organization = policy.organization
        var details = [organization.legalForm, organization.shareCapital.map { words.pick("share capital \($0)", "au capital de \($0)") }]
            .compactMap { $0 }
        if let address = organization.address { details.append(address) }
        let registration = [organization.registration.siren.map { "SIREN \($0)" }, organization.registration.rcs, organization.registration.vat]
            .compactMap { $0 }
        var model = NoticeModel(
            language: words.language,
            labels: words.noticeLabels(),
            prevailingNote: prevailingNote(),
            updated: policy.metadata.updated?.description,
            version: policy.metadata.version,
            organizationName: organization.name,
            organizationDetails: cell(details.joined(separator: ", ")),
            registration: registration.isEmpty ? nil : registration.joined(separator: " · "),
            dpo: organization.dpo?.summary,
            jointControllers: organization.entities.filter { $0.role == "joint_controller" }.map { entity in
                let place = entity.country.map { " (\(words.country($0)))" } ?? ""
                let arrangement = text(entity.arrangement).map { words.colon + $0 } ?? ""
                return "\(entity.name)\(place)\(arrangement)"
            },
            representative: organization.representative?.summary,
            activities: policy.activities.map(activity),
            recipients: policy.recipients.map(recipient),
            transfers: transfers(),
            rights: policy.rights.offered.map { offered in
                let right = words.right(offered.right)
                var detail = text(offered.description) ?? right.detail
                if !offered.activities.isEmpty {
                    detail += words.pick(" Applies to: ", " S'applique à\u{00A0}: ") + offered.activities.compactMap { policy.activity($0.value) }
                        .map { $0.name.text(in: language, fallback: fallback) }.joined(separator: ", ") + "."
                }
                return NoticeModel.Right(name: right.name, detail: cell(detail))
            },
            exercise: exercise(),
            responseTime: responseTime(),
            identity: identity(),
            complaint: complaint(),
            automated: automated(),
            trackers: policy.trackers.map(tracker),
            security: policy.securityMeasures.map { $0.text(in: language, fallback: fallback) },
            changes: changes(),
            colon: words.colon,
            trackersIntro: trackersIntro(),
            transfersUnknown: transfersUnknown())
        model.computeFlags()
        return model
    }

    /// What the notice says about automated decisions: that some are made, that none are (only
    /// when every activity says so), or nothing.
    private func automated() -> String? {
        if policy.activities.contains(where: { $0.hasAutomatedDecisions == true }) {
            return words.pick("Some processing involves decisions based solely on automated processing; you may ask for human intervention, express your point of view and contest the decision.",
                              "Certains traitements donnent lieu à des décisions fondées exclusivement sur un traitement automatisé ; vous pouvez demander une intervention humaine, exprimer votre point de vue et contester la décision.")
        }
        if !policy.activities.isEmpty, policy.activities.allSatisfy({ $0.hasAutomatedDecisions == false }) {
            return words.pick("We make no decision based solely on automated processing, including profiling, that produces legal or similarly significant effects for you.",
                              "Nous ne prenons aucune décision fondée exclusivement sur un traitement automatisé, y compris le profilage, produisant des effets juridiques ou vous affectant de manière significative.")
        }
        return nil
    }

    private func prevailingNote() -> String? {
        guard policy.organization.languages.count > 1, let prevailing = policy.organization.prevailingLanguage else { return nil }
        let name = Vocabulary(language).languageName(prevailing)
        if prevailing == language {
            return words.pick("This version prevails over the translations.", "Cette version prévaut sur les traductions.")
        }
        return words.pick(
            "This version is provided for information; the \(name) version prevails in case of divergence.",
            "Cette version est fournie à titre d'information ; la version \(name) prévaut en cas de divergence.")
    }

    private func activity(_ activity: ProcessingActivity) -> NoticeModel.Activity {
        let taxonomy = policy.taxonomy
        let categories = activity.dataCategories.map { taxonomy.name(of: $0.value, kind: .dataCategory, language: language) }
        let subjects = activity.dataSubjects.map { taxonomy.name(of: $0.value, kind: .dataSubject, language: language) }
        let sources = activity.sources.compactMap { policy.source($0.value) }.map { $0.name.text(in: language, fallback: fallback) }
        let recipients = activity.recipients.compactMap { policy.recipient($0.value) }.map { $0.name.text(in: language, fallback: fallback) }
        var mandatory = words.pick("Not stated", "Non précisé")
        if let requirement = activity.requirement {
            if requirement.isMandatory {
                mandatory = requirement.fields.isEmpty
                    ? words.pick("Required", "Obligatoire")
                    : words.pick("Required: ", "Obligatoire : ") + requirement.fields.joined(separator: ", ")
            } else {
                mandatory = words.pick("Optional", "Facultatif")
            }
            if let consequence = text(requirement.consequence) { mandatory += ". " + consequence }
        }
        let joint = activity.jointControllers.compactMap { id in policy.organization.entities.first { $0.id == id.value }?.name }
        let controllership = activity.controllership == .joint
            ? words.pick("Joint controllers", "Responsables conjoints") + (joint.isEmpty ? "" : words.colon + joint.joined(separator: ", "))
            : words.pick("Sole controller", "Responsable unique")
        return NoticeModel.Activity(
            id: activity.id,
            name: cell(activity.name.text(in: language, fallback: fallback)),
            description: text(activity.description),
            basis: words.basis(activity.legalBasis, preContractual: activity.isPreContractual),
            legitimateInterest: text(activity.legitimateInterest),
            legalObligation: activity.legalObligation.map(cell),
            categories: cell(categories.isEmpty ? words.pick("Not stated", "Non précisées") : categories.joined(separator: ", ")),
            subjects: cell(subjects.isEmpty ? words.pick("Not stated", "Non précisées") : subjects.joined(separator: ", ")),
            sources: cell(sources.isEmpty ? words.pick("Not stated", "Non précisée") : sources.joined(separator: ", ")),
            mandatory: cell(mandatory),
            retention: cell(activity.retention.isEmpty
                ? words.pick("Not stated", "Non précisée")
                : activity.retention.map { words.describe($0, taxonomy: taxonomy) }.joined(separator: ". ")),
            recipients: cell(recipients.isEmpty ? "—" : recipients.joined(separator: ", ")),
            controllership: cell(controllership),
            withdrawal: text(activity.withdrawal))
    }

    private func recipient(_ recipient: Recipient) -> NoticeModel.Recipient {
        var location = recipient.countries.map { words.country($0.value) }.joined(separator: ", ")
        if location.isEmpty {
            location = recipient.region.map(words.region)
                ?? (recipient.kind == .internalTeam ? "—" : words.pick("not stated", "non précisé"))
        }
        return NoticeModel.Recipient(
            name: cell(recipient.name.text(in: language, fallback: fallback)),
            kind: words.recipientKind(recipient.kind),
            role: text(recipient.role) ?? "—",
            location: cell(location))
    }

    /// Every transfer outside the EEA: recipients located there, and declared transfers.
    private func transfers() -> [NoticeModel.Transfer] {
        var result: [NoticeModel.Transfer] = []
        for recipient in policy.recipients {
            if recipient.countries.isEmpty, let region = recipient.region, region.leavesEEA {
                result.append(NoticeModel.Transfer(
                    who: cell(recipient.name.text(in: language, fallback: fallback)),
                    destination: cell(words.region(region)),
                    safeguard: cell(safeguardText(recipient.safeguard, countries: [], reference: recipient.safeguardReference)),
                    frequency: words.pick("Regular", "Régulier")))
            }
            let outside = recipient.countries.filter { !Country.isInEEA($0.value) }
            guard !outside.isEmpty else { continue }
            result.append(NoticeModel.Transfer(
                who: cell(recipient.name.text(in: language, fallback: fallback)),
                destination: cell(outside.map { words.country($0.value) }.joined(separator: ", ")),
                safeguard: cell(safeguardText(recipient.safeguard, countries: outside.map(\.value), reference: recipient.safeguardReference)),
                frequency: words.pick("Regular", "Régulier")))
        }
        for transfer in policy.transfers {
            let recipientName = transfer.recipient.flatMap { policy.recipient($0.value) }?.name.text(in: language, fallback: fallback)
            let who = [recipientName, text(transfer.description)].compactMap { $0 }.joined(separator: " — ")
            result.append(NoticeModel.Transfer(
                who: cell(who.isEmpty ? transfer.id : who),
                destination: cell(transfer.countries.isEmpty
                    ? words.pick("Countries outside the EEA (not specified)", "Pays hors EEE (non précisés)")
                    : transfer.countries.map { words.country($0.value) }.joined(separator: ", ")),
                safeguard: cell(safeguardText(transfer.safeguard, countries: transfer.countries.map(\.value), reference: nil)),
                frequency: words.frequency(transfer.isOccasional)))
        }
        return result
    }

    private func safeguardText(_ safeguard: Safeguard?, countries: [String], reference: String?) -> String {
        var text: String
        if safeguard == nil, !countries.isEmpty, countries.allSatisfy({ Country.adequate.contains($0) }) {
            text = words.safeguard(.adequacy)
        } else {
            text = words.safeguard(safeguard)
        }
        if let reference { text += words.pick(" — copy: ", " — copie : ") + reference }
        return text
    }

    private func exercise() -> String {
        let contact = policy.rights.contact ?? policy.organization.dpo
        guard let contact, contact.isReachable else {
            return words.pick("The policy gives no address to exercise your rights.", "La politique n'indique aucune adresse pour exercer vos droits.")
        }
        var text = words.pick("To exercise your rights, write to ", "Pour exercer vos droits, écrivez à ") + contact.summary + "."
        if let notes = self.text(policy.rights.notes) { text += " " + notes }
        return text
    }

    private func responseTime() -> String? {
        guard let time = policy.rights.responseTime else { return nil }
        var text = words.pick("We answer within \(words.words(for: time)) of receiving your request",
                              "Nous répondons dans un délai de \(words.words(for: time)) à compter de la réception de votre demande")
        if let extensionPeriod = policy.rights.responseExtension {
            text += words.pick(", a period that may be extended by \(words.words(for: extensionPeriod))",
                               ", délai qui peut être prolongé de \(words.words(for: extensionPeriod))")
            if let condition = self.text(policy.rights.extensionCondition) { text += " (\(condition))" }
            text += words.pick("; if so, we tell you why within the first month", " ; nous vous en informons alors, avec les motifs, dans le premier mois")
        }
        return text + "."
    }

    private func identity() -> String? {
        var text: String
        switch policy.rights.identityProof {
        case .always: text = words.pick("A proof of identity is asked for with every request.", "Un justificatif d'identité est demandé pour toute demande.")
        case .whenInDoubt: text = words.pick("A proof of identity is asked for only if there is reasonable doubt about who you are.", "Un justificatif d'identité n'est demandé qu'en cas de doute raisonnable sur votre identité.")
        case .never: text = words.pick("No proof of identity is asked for.", "Aucun justificatif d'identité n'est demandé.")
        case nil: return nil
        }
        if policy.rights.destroysIdentityProof {
            text += words.pick(" It is destroyed once your request is processed.", " Il est détruit une fois votre demande traitée.")
        }
        return text
    }

    private func complaint() -> String {
        guard let authority = policy.organization.supervisoryAuthority else {
            return words.pick("You may lodge a complaint with a supervisory authority, in particular in the Member State where you live or work.",
                              "Vous pouvez introduire une réclamation auprès d'une autorité de contrôle, notamment dans l'État membre de votre résidence ou de votre travail.")
        }
        let url = authority.complaintURL.map { " (\($0))" } ?? ""
        return words.pick("You may lodge a complaint with the supervisory authority, \(authority.name)\(url).",
                          "Vous pouvez introduire une réclamation auprès de l'autorité de contrôle, \(authority.name)\(url).")
    }

    /// When recipients do not say where they process data, the notice cannot claim that nothing
    /// leaves the EEA: it names them instead.
    private func transfersUnknown() -> String? {
        let unknown = policy.recipients.filter { $0.kind != .internalTeam && $0.countries.isEmpty && $0.region == nil }
        guard !unknown.isEmpty else { return nil }
        let names = unknown.map { $0.name.text(in: language, fallback: fallback) }.joined(separator: ", ")
        return words.pick("The policy does not say where these recipients process the data: \(names).",
                          "La politique n'indique pas où ces destinataires traitent les données\u{00A0}: \(names).")
    }

    private func trackersIntro() -> String {
        switch policy.consent.mechanism {
        case nil:
            return words.pick("The policy does not say how consent to these trackers is asked for; you can refuse or delete them in your browser's settings.",
                              "La politique n'indique pas comment le consentement à ces traceurs est recueilli ; vous pouvez les refuser ou les supprimer dans les réglages de votre navigateur.")
        case .banner?:
            return words.pick("Trackers that need your consent are set only once you have given it, and you may withdraw it at any time from the cookie banner.",
                              "Les traceurs soumis à consentement ne sont déposés qu'après votre accord, que vous pouvez retirer à tout moment depuis le bandeau cookies.")
        case let mechanism?:
            return words.pick("The policy collects consent to these trackers through \(words.mechanism(mechanism)); you can refuse or delete them in your browser's settings.",
                              "La politique recueille le consentement à ces traceurs par \(words.mechanism(mechanism)) ; vous pouvez les refuser ou les supprimer dans les réglages de votre navigateur.")
        }
    }

    private func tracker(_ tracker: Tracker) -> NoticeModel.Tracker {
        NoticeModel.Tracker(
            name: cell(tracker.name),
            provider: cell(tracker.provider ?? "—"),
            purpose: text(tracker.purpose) ?? "—",
            category: words.trackerCategory(tracker.category),
            lifetime: words.lifetime(tracker.lifetime),
            consent: tracker.isExempt ? words.pick("No (exempt)", "Non (exempté)") : words.pick("Yes", "Oui"))
    }

    private func changes() -> String? {
        var text: String? = switch policy.metadata.changeNotification {
        case "email": words.pick("We notify substantial changes to this notice by e-mail.", "Nous vous informons par e-mail de toute modification substantielle de cette politique.")
        case "website_notice": words.pick("We announce substantial changes to this notice by a prominent notice on our website before they take effect.", "Nous annonçons toute modification substantielle de cette politique par un avis visible sur notre site avant son entrée en vigueur.")
        case "email_and_website": words.pick("We notify substantial changes by e-mail and by a notice on our website.", "Nous annonçons toute modification substantielle par e-mail et par un avis sur notre site.")
        default: nil
        }
        if let statement = self.text(policy.metadata.changeStatement) { text = [text, statement].compactMap { $0 }.joined(separator: " ") }
        return text
    }
}
