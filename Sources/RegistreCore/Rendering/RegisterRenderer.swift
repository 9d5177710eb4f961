/// Renders the record of processing activities of GDPR Art. 30(1) as CSV, HTML or JSON, one
/// entry per activity, in the columns of the CNIL's register template.
public struct RegisterRenderer: Sendable {
    /// The output formats.
    public enum Format: String, Sendable, CaseIterable {
        case csv, html, json
    }

    let policy: Policy

    /// Creates a renderer for `policy`.
    public init(policy: Policy) {
        self.policy = policy
    }

    /// The register in `language` as `format`.
    public func render(language: String, format: Format) -> String {
        let entries = self.entries(language: language)
        let words = Vocabulary(language)
        switch format {
        case .json:
            struct Register: Encodable {
                var controller: String
                var language: String
                var updated: String
                var entries: [RegisterEntry]
            }
            return encodeJSON(Register(controller: policy.organization.name, language: words.language, updated: policy.metadata.updated?.description ?? "", entries: entries))
        case .csv:
            var rows = [Self.columns(words)]
            for entry in entries {
                rows.append([
                    entry.reference, entry.name, entry.updated, entry.controller, entry.jointControllers.joinedForRegister,
                    entry.representative, entry.dpo, entry.purpose, entry.legalBasis, entry.dataSubjects.joinedForRegister,
                    entry.dataCategories.joinedForRegister, entry.sensitiveData, entry.sources.joinedForRegister,
                    entry.recipients.joinedForRegister, entry.transfers.joinedForRegister,
                    entry.retention.joinedForRegister, entry.retentionAsPublished.joinedForRegister,
                    entry.securityMeasures.joinedForRegister,
                ])
            }
            return rows.map { CSV.line($0.map(CSV.field)) }.joined()
        case .html:
            struct Page {
                var language: String
                var title: String
                var controller: String
                var updated: String
                var columns: [String]
                var entries: [[String]]
            }
            let table = entries.map { entry in
                [entry.reference, entry.name, entry.controller + (entry.jointControllers.isEmpty ? "" : " — " + entry.jointControllers.joinedForRegister),
                 entry.representative.isEmpty ? "—" : entry.representative, entry.dpo, entry.purpose, entry.legalBasis, entry.dataSubjects.joined(separator: ", "), entry.dataCategories.joined(separator: ", "),
                 entry.sensitiveData, entry.sources.joined(separator: ", "), entry.recipients.joinedForRegister,
                 entry.transfers.isEmpty ? "—" : entry.transfers.joinedForRegister, entry.retention.joinedForRegister,
                 entry.securityMeasures.joinedForRegister]
            }
            let page = Page(
                language: words.language,
                title: words.pick("Record of processing activities (GDPR art. 30)", "Registre des activités de traitement (RGPD art. 30)"),
                controller: policy.organization.name, updated: policy.metadata.updated?.description ?? "—",
                columns: Self.htmlColumns(words), entries: table)
            return Templates.registerHTML.render(MustacheContext.make(page))
        }
    }

    /// The entries, one per activity.
    public func entries(language: String) -> [RegisterEntry] {
        let builder = NoticeModelBuilder(policy: policy, language: language, escapeMarkdown: false)
        let words = builder.words
        let organization = policy.organization
        let controller = [organization.name, organization.address, organization.email, organization.website].compactMap { $0 }.joined(separator: ", ")
        let transfersByRecipient = Dictionary(uniqueKeysWithValues: policy.recipients.map { recipient in
            (recipient.id, recipient.countries.filter { !Country.isInEEA($0.value) })
        })
        return policy.activities.map { activity in
            let taxonomy = policy.taxonomy
            var basis = words.basis(activity.legalBasis, preContractual: activity.isPreContractual, addressingReader: false)
            if let interest = builder.text(activity.legitimateInterest) { basis += " — " + interest }
            if let obligation = activity.legalObligation { basis += " — " + obligation }
            let sensitive = activity.dataCategories.filter { taxonomy.isSpecialCategory($0.value) || taxonomy.isCriminalData($0.value) }
            var sensitiveText = words.pick("None", "Aucune")
            if !sensitive.isEmpty {
                sensitiveText = sensitive.map { taxonomy.name(of: $0.value, kind: .dataCategory, language: language) }.joined(separator: ", ")
                sensitiveText += " — " + (activity.specialCategoryCondition.map { $0.article } ?? words.pick("no Art. 9(2) condition stated", "aucune condition de l'art. 9(2) indiquée"))
            }
            var transfers: [String] = []
            for reference in activity.recipients {
                guard let recipient = policy.recipient(reference.value) else { continue }
                if recipient.countries.isEmpty, let region = recipient.region, region.leavesEEA {
                    transfers.append("\(recipient.name.text(in: language, fallback: policy.languages.first)) — \(words.region(region)) — \(words.safeguard(recipient.safeguard))")
                }
                guard let outside = transfersByRecipient[recipient.id], !outside.isEmpty else { continue }
                transfers.append("\(recipient.name.text(in: language, fallback: policy.languages.first)) — \(outside.map { words.country($0.value) }.joined(separator: ", ")) — \(words.safeguard(recipient.safeguard))")
            }
            for transfer in policy.transfers(of: activity) {
                let countries = transfer.countries.isEmpty ? words.pick("countries not specified", "pays non précisés") : transfer.countries.map { words.country($0.value) }.joined(separator: ", ")
                let frequency = words.frequency(transfer.isOccasional).lowercased()
                transfers.append("\(builder.text(transfer.description) ?? transfer.id) — \(countries) — \(words.safeguard(transfer.safeguard)) (\(frequency))")
            }
            return RegisterEntry(
                reference: activity.id,
                name: activity.name.text(in: language, fallback: policy.languages.first),
                updated: policy.metadata.updated?.description ?? "",
                controller: controller,
                jointControllers: activity.jointControllers.compactMap { id in organization.entities.first { $0.id == id.value } }.map { entity in
                    entity.name + (entity.country.map { " (\($0))" } ?? "")
                },
                representative: organization.representative?.summary ?? "",
                dpo: organization.dpo?.summary ?? "",
                purpose: builder.text(activity.description) ?? activity.name.text(in: language, fallback: policy.languages.first),
                legalBasis: basis,
                dataSubjects: activity.dataSubjects.map { taxonomy.name(of: $0.value, kind: .dataSubject, language: language) },
                dataCategories: activity.dataCategories.map { taxonomy.name(of: $0.value, kind: .dataCategory, language: language) },
                sensitiveData: sensitiveText,
                sources: activity.sources.compactMap { policy.source($0.value) }.map { $0.name.text(in: language, fallback: policy.languages.first) },
                recipients: activity.recipients.compactMap { policy.recipient($0.value) }.map { recipient in
                    let place = recipient.countries.isEmpty
                        ? recipient.region.map { " — " + words.region($0) } ?? ""
                        : ", " + recipient.countries.map(\.value).joined(separator: "/")
                    return "\(recipient.name.text(in: language, fallback: policy.languages.first)) (\(words.recipientKind(recipient.kind))\(place))"
                },
                transfers: transfers,
                retention: activity.retention.map { words.describe($0, taxonomy: taxonomy, addressingReader: false) },
                retentionAsPublished: activity.retention.compactMap { builder.text($0.statement) },
                securityMeasures: policy.securityMeasures.map { $0.text(in: language, fallback: policy.languages.first) })
        }
    }

    static func columns(_ words: Vocabulary) -> [String] {
        [
            words.pick("Reference", "Référence"), words.pick("Processing activity", "Nom du traitement"), words.pick("Last updated", "Mise à jour"),
            words.pick("Controller (a)", "Responsable du traitement (a)"), words.pick("Joint controllers (a)", "Responsables conjoints (a)"),
            words.pick("Representative (a)", "Représentant (a)"), words.pick("Data protection officer (a)", "Délégué à la protection des données (a)"),
            words.pick("Purpose (b)", "Finalité (b)"), words.pick("Legal basis (b)", "Base légale (b)"),
            words.pick("Data subjects (c)", "Catégories de personnes concernées (c)"), words.pick("Personal data (c)", "Catégories de données (c)"),
            words.pick("Sensitive data (c)", "Données sensibles (c)"), words.pick("Sources", "Sources des données"),
            words.pick("Recipients (d)", "Destinataires (d)"), words.pick("Transfers outside the EEA (e)", "Transferts hors EEE (e)"),
            words.pick("Time limits for erasure (f)", "Durées de conservation (f)"), words.pick("Retention as published", "Durées telles que publiées"),
            words.pick("Security measures (g)", "Mesures de sécurité (g)"),
        ]
    }

    static func htmlColumns(_ words: Vocabulary) -> [String] {
        let all = columns(words)
        return [all[0], all[1], all[3], all[5], all[6], all[7], all[8], all[9], all[10], all[11], all[12], all[13], all[14], all[15], all[17]]
    }

    /// Items joined with "; ", each without the full stop that would make ".;".
    static func joined(_ items: [String]) -> String {
        items.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }.joined(separator: "; ")
    }
}

extension [String] {
    /// The items joined with "; " for a register cell, without ".;" where an item ends a sentence.
    var joinedForRegister: String { RegisterRenderer.joined(self) }
}
