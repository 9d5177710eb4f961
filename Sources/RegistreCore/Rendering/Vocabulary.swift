/// The fixed words of published documents, in French and English. Everything else comes from
/// the policy file.
struct Vocabulary: Sendable {
    let language: String

    /// The vocabulary for `language`; languages other than French read English.
    init(_ language: String) {
        self.language = language == "fr" ? "fr" : "en"
    }

    var isFrench: Bool { language == "fr" }

    func pick(_ en: String, _ fr: String) -> String { isFrench ? fr : en }

    // MARK: Durations and periods

    /// "3 years", "1 an et 6 mois", "30 days".
    func words(for duration: ISODuration) -> String {
        let units: [(Int, String, String, String, String)] = [
            (duration.years, "year", "years", "an", "ans"),
            (duration.months, "month", "months", "mois", "mois"),
            (duration.weeks, "week", "weeks", "semaine", "semaines"),
            (duration.days, "day", "days", "jour", "jours"),
            (duration.hours, "hour", "hours", "heure", "heures"),
            (duration.minutes, "minute", "minutes", "minute", "minutes"),
            (duration.seconds, "second", "seconds", "seconde", "secondes"),
        ]
        let parts = units.filter { $0.0 > 0 }.map { count, en1, enN, fr1, frN in
            "\(count) " + (isFrench ? (count > 1 ? frN : fr1) : (count > 1 ? enN : en1))
        }
        if parts.isEmpty { return pick("no time", "aucun délai") }
        if parts.count == 1 { return parts[0] }
        return parts.dropLast().joined(separator: ", ") + pick(" and ", " et ") + parts.last!
    }

    /// "after the end of the contract" / "après la fin du contrat".
    func after(_ anchor: RetentionAnchor) -> String {
        switch anchor {
        case .collection: pick("after collection", "après la collecte")
        case .contractEnd: pick("after the end of the contract", "après la fin du contrat")
        case .lastContact: pick("after the last contact", "après le dernier contact")
        case .lastActivity: pick("after the last activity", "après la dernière activité")
        case .accountDeactivation: pick("after the account is deactivated", "après la désactivation du compte")
        case .application: pick("after the application", "après la candidature")
        case .consent: pick("after consent is given", "après le recueil du consentement")
        case .consentWithdrawal: pick("after consent is withdrawn", "après le retrait du consentement")
        case .relationshipEnd: pick("after the end of the relationship", "après la fin de la relation")
        case .unstated: pick("(starting point not stated)", "(point de départ non précisé)")
        }
    }

    /// "until the end of the contract" / "jusqu'à la fin du contrat".
    func until(_ anchor: RetentionAnchor) -> String {
        switch anchor {
        case .collection: pick("only at collection", "le temps de la collecte")
        case .contractEnd: pick("until the end of the contract", "jusqu'à la fin du contrat")
        case .lastContact: pick("until the last contact", "jusqu'au dernier contact")
        case .lastActivity: pick("until the last activity", "jusqu'à la dernière activité")
        case .accountDeactivation: pick("until the account is deactivated", "jusqu'à la désactivation du compte")
        case .application: pick("until the application", "jusqu'à la candidature")
        case .consent: pick("until consent is given", "jusqu'au recueil du consentement")
        case .consentWithdrawal: pick("until consent is withdrawn", "jusqu'au retrait du consentement")
        case .relationshipEnd: pick("until the end of the relationship", "jusqu'à la fin de la relation")
        case .unstated: pick("for a period whose start is not stated", "pendant une durée dont le point de départ n'est pas précisé")
        }
    }

    /// "deleted" / "supprimées" (les données).
    func done(_ action: RetentionAction) -> String {
        switch action {
        case .delete: pick("deleted", "supprimées")
        case .anonymise: pick("anonymised", "anonymisées")
        case .archive: pick("moved to restricted archives", "placées en archivage intermédiaire")
        case .deactivate: pick("deactivated", "désactivées")
        }
    }

    func lifetime(_ lifetime: TrackerLifetime) -> String {
        switch lifetime {
        case .session: pick("until the browser is closed", "jusqu'à la fermeture du navigateur")
        case .indefinite: pick("no expiry", "sans expiration")
        case .unstated: pick("not stated", "non précisée")
        case .period(let duration): words(for: duration)
        }
    }

    // MARK: Legal bases and rights

    /// A legal basis in words, addressed to the reader of a notice or, in a register, about the
    /// person and the controller.
    func basis(_ basis: LegalBasis?, preContractual: Bool, addressingReader: Bool = true) -> String {
        guard let basis else { return pick("Not stated", "Non précisée") }
        let text = addressingReader ? readerBasis(basis, preContractual: preContractual) : registerBasis(basis, preContractual: preContractual)
        return "\(text) (\(pick("GDPR", "RGPD")) \(basis.article.replacingOccurrences(of: "Art.", with: "art.")))"
    }

    private func registerBasis(_ basis: LegalBasis, preContractual: Bool) -> String {
        switch basis {
        case .consent: pick("Consent of the person", "Consentement de la personne")
        case .contract: preContractual
            ? pick("Pre-contractual steps at the person's request", "Mesures précontractuelles prises à la demande de la personne")
            : pick("Performance of a contract with the person", "Exécution d'un contrat avec la personne")
        case .legalObligation: pick("Legal obligation of the controller", "Obligation légale du responsable")
        case .vitalInterests: pick("Vital interests", "Sauvegarde des intérêts vitaux")
        case .publicTask: pick("Task in the public interest", "Mission d'intérêt public")
        case .legitimateInterests: pick("Legitimate interests of the controller", "Intérêt légitime du responsable")
        }
    }

    private func readerBasis(_ basis: LegalBasis, preContractual: Bool) -> String {
        switch basis {
        case .consent: pick("Your consent", "Votre consentement")
        case .contract: preContractual
            ? pick("Steps taken at your request before entering into a contract", "Mesures précontractuelles prises à votre demande")
            : pick("Performance of a contract with you", "Exécution d'un contrat avec vous")
        case .legalObligation: pick("A legal obligation of ours", "Le respect d'une obligation légale")
        case .vitalInterests: pick("The protection of vital interests", "La sauvegarde des intérêts vitaux")
        case .publicTask: pick("A task carried out in the public interest", "L'exécution d'une mission d'intérêt public")
        case .legitimateInterests: pick("Our legitimate interests", "Notre intérêt légitime")
        }
    }

    func right(_ right: DataSubjectRight) -> (name: String, detail: String) {
        switch right {
        case .access: (pick("Access", "Droit d'accès"), pick(
            "obtain confirmation that we process your data and a copy of it (art. 15).",
            "obtenir la confirmation que vos données sont traitées et en recevoir une copie (art. 15)."))
        case .rectification: (pick("Rectification", "Droit de rectification"), pick(
            "have inaccurate data corrected and incomplete data completed (art. 16).",
            "faire corriger les données inexactes et compléter les données incomplètes (art. 16)."))
        case .erasure: (pick("Erasure", "Droit à l'effacement"), pick(
            "have your data erased, unless we must keep it, for example under a legal obligation (art. 17).",
            "obtenir l'effacement de vos données, sauf lorsque nous devons les conserver, par exemple en vertu d'une obligation légale (art. 17)."))
        case .restriction: (pick("Restriction", "Droit à la limitation"), pick(
            "have the processing of your data restricted while a question is settled (art. 18).",
            "obtenir la limitation du traitement de vos données le temps qu'une question soit tranchée (art. 18)."))
        case .objection: (pick("Objection", "Droit d'opposition"), pick(
            "object, on grounds relating to your situation, to processing based on our legitimate interests or on a task in the public interest, and at any time, without reason, to direct marketing (art. 21).",
            "vous opposer, pour des raisons tenant à votre situation, aux traitements fondés sur notre intérêt légitime ou sur une mission d'intérêt public et, à tout moment et sans motif, à la prospection (art. 21)."))
        case .portability: (pick("Portability", "Droit à la portabilité"), pick(
            "receive the data you gave us, processed on your consent or a contract, in a structured, machine-readable format, or have it sent to another controller (art. 20).",
            "recevoir les données que vous nous avez fournies, traitées sur la base de votre consentement ou d'un contrat, dans un format structuré et lisible par machine, ou les faire transmettre à un autre responsable (art. 20)."))
        case .withdrawConsent: (pick("Withdrawal of consent", "Retrait du consentement"), pick(
            "withdraw your consent at any time, as easily as you gave it; processing before the withdrawal remains lawful (art. 7(3)).",
            "retirer votre consentement à tout moment, aussi simplement que vous l'avez donné ; les traitements antérieurs restent licites (art. 7(3))."))
        case .postMortem: (pick("Directives after death", "Directives post mortem"), pick(
            "set directives on the retention, erasure and communication of your data after your death (French Data Protection Act, art. 85).",
            "définir des directives relatives à la conservation, à l'effacement et à la communication de vos données après votre décès (loi Informatique et Libertés, art. 85)."))
        case .noAutomatedDecision: (pick("Automated decisions", "Décisions automatisées"), pick(
            "not be subject to a decision based solely on automated processing, and obtain human intervention (art. 22).",
            "ne pas faire l'objet d'une décision fondée exclusivement sur un traitement automatisé et obtenir une intervention humaine (art. 22)."))
        }
    }

    func safeguard(_ safeguard: Safeguard?) -> String {
        switch safeguard {
        case .adequacy: pick("adequacy decision of the European Commission", "décision d'adéquation de la Commission européenne")
        case .dataPrivacyFramework: pick("EU-US Data Privacy Framework (adequacy decision)", "cadre de protection des données UE-États-Unis (décision d'adéquation)")
        case .standardContractualClauses: pick("standard contractual clauses of the European Commission", "clauses contractuelles types de la Commission européenne")
        case .bindingCorporateRules: pick("binding corporate rules", "règles d'entreprise contraignantes")
        case .codeOfConduct: pick("approved code of conduct", "code de conduite approuvé")
        case .certification: pick("approved certification", "certification approuvée")
        case .derogation: pick("derogation for a specific situation (art. 49)", "dérogation pour une situation particulière (art. 49)")
        case .unspecified: pick("appropriate safeguards, not named", "garanties appropriées, non précisées")
        case .some(.none), nil: pick("no safeguard stated", "aucune garantie indiquée")
        }
    }

    func region(_ region: Region) -> String {
        switch region {
        case .eea: pick("European Economic Area", "Espace économique européen")
        case .outsideEEA: pick("outside the EEA (country not stated)", "hors EEE (pays non précisé)")
        case .worldwide: pick("worldwide, inside and outside the EEA", "monde entier, dans et hors de l'EEE")
        }
    }

    /// An early-end event, addressed to the reader of a notice ("you object") or, in a register,
    /// about the person ("the person objects").
    func earlyEnd(_ event: EarlyEndEvent, addressingReader: Bool) -> String {
        if addressingReader {
            return switch event {
            case .consentWithdrawal: pick("you withdraw your consent", "vous retirez votre consentement")
            case .objection: pick("you object", "vous vous y opposez")
            case .erasureRequest: pick("you ask for erasure", "vous demandez l'effacement")
            case .accountDeletion: pick("you delete your account", "vous supprimez votre compte")
            case .applicationRejected: pick("your application is not accepted", "votre candidature n'est pas retenue")
            }
        }
        return switch event {
        case .consentWithdrawal: pick("the person withdraws consent", "la personne retire son consentement")
        case .objection: pick("the person objects", "la personne s'y oppose")
        case .erasureRequest: pick("the person asks for erasure", "la personne demande l'effacement")
        case .accountDeletion: pick("the person deletes the account", "la personne supprime son compte")
        case .applicationRejected: pick("the application is not accepted", "la candidature n'est pas retenue")
        }
    }

    /// Whether a transfer is regular or occasional, or that the policy does not say.
    func frequency(_ isOccasional: Bool?) -> String {
        switch isOccasional {
        case true?: pick("Occasional", "Ponctuel")
        case false?: pick("Regular", "Régulier")
        case nil: pick("Not stated", "Non précisé")
        }
    }

    /// How a consent mechanism collects consent, for messages and notices.
    func mechanism(_ mechanism: ConsentMechanism) -> String {
        switch mechanism {
        case .banner: pick("a consent banner", "un bandeau de consentement")
        case .browserSettings: pick("the browser's settings alone", "les seuls réglages du navigateur")
        case .implied: pick("continued browsing (implied consent)", "la poursuite de la navigation (consentement implicite)")
        case .optOut: pick("an opt-out after the trackers are set", "une opposition après dépôt des traceurs")
        }
    }

    /// ": " in English, " : " (non-breaking space) in French.
    var colon: String { pick(": ", "\u{00A0}: ") }

    func sourceKind(_ kind: DataSource.Kind) -> String {
        switch kind {
        case .dataSubject: pick("provided by the person", "fournies par la personne")
        case .observed: pick("observed", "observées")
        case .thirdParty: pick("from a third party", "reçues d'un tiers")
        case .publicSource: pick("public source", "source publique")
        }
    }

    func recipientKind(_ kind: Recipient.Kind) -> String {
        switch kind {
        case .internalTeam: pick("internal team", "service interne")
        case .processor: pick("processor", "sous-traitant")
        case .thirdParty: pick("third party", "tiers")
        case .authority: pick("authority", "autorité")
        case .groupEntity: pick("group entity", "entité du groupe")
        case .jointController: pick("joint controller", "responsable conjoint")
        }
    }

    func trackerCategory(_ category: TrackerCategory) -> String {
        switch category {
        case .essential: pick("Strictly necessary", "Strictement nécessaire")
        case .analytics: pick("Audience measurement", "Mesure d'audience")
        case .functionality: pick("Functionality", "Fonctionnalité")
        case .advertising: pick("Advertising", "Publicité")
        case .socialMedia: pick("Social networks", "Réseaux sociaux")
        }
    }

    func country(_ code: String) -> String {
        let locale = Locale(identifier: isFrench ? "fr_FR" : "en_GB")
        return locale.localizedString(forRegionCode: code) ?? code
    }
}

import Foundation

extension Vocabulary {
    /// The name of a language in this vocabulary's language: "French", "anglaise".
    func languageName(_ code: String) -> String {
        switch (code, isFrench) {
        case ("fr", false): "French"
        case ("en", false): "English"
        case ("fr", true): "française"
        case ("en", true): "anglaise"
        default: Locale(identifier: isFrench ? "fr_FR" : "en_GB").localizedString(forLanguageCode: code) ?? code
        }
    }

    /// The headings and labels of the notice.
    func noticeLabels() -> NoticeModel.Labels {
        NoticeModel.Labels(
            title: pick("Privacy notice", "Politique de protection des données personnelles"),
            updated: pick("Last updated", "Dernière mise à jour"),
            version: pick("Version", "Version"),
            controller: pick("Who is responsible for your data", "Qui est responsable de vos données"),
            dpo: pick("Data protection officer", "Délégué à la protection des données"),
            jointControllers: pick("Joint controllers", "Responsables conjoints du traitement"),
            representative: pick("Representative in the Union", "Représentant dans l'Union"),
            purposes: pick("Why we process your data, on what basis, and for how long", "Pourquoi nous traitons vos données, sur quelle base et combien de temps"),
            purpose: pick("Purpose", "Finalité"),
            legalBasis: pick("Legal basis", "Base légale"),
            legitimateInterest: pick("Legitimate interest pursued", "Intérêt légitime poursuivi"),
            legalObligation: pick("Legal obligation", "Obligation légale"),
            categories: pick("Data", "Données"),
            subjects: pick("People concerned", "Personnes concernées"),
            sources: pick("Source of the data", "Source des données"),
            mandatory: pick("Is providing the data required?", "La fourniture des données est-elle obligatoire ?"),
            retention: pick("Retention", "Durée de conservation"),
            recipients: pick("Recipients", "Destinataires"),
            recipientsIntro: pick("Your data is accessible only to the following recipients, each for the purposes listed above.", "Vos données ne sont accessibles qu'aux destinataires suivants, chacun pour les finalités indiquées ci-dessus."),
            kind: pick("Kind", "Nature"),
            role: pick("Role", "Rôle"),
            location: pick("Where", "Localisation"),
            transfers: pick("Transfers outside the European Economic Area", "Transferts hors de l'Espace économique européen"),
            transfersIntro: pick("The policy declares the following transfers, each with the safeguard shown; where the safeguard is a contract or binding rules, you may obtain a copy of it from the contact given under your rights.", "La politique déclare les transferts suivants, chacun avec la garantie indiquée ; lorsque la garantie est un contrat ou des règles contraignantes, vous pouvez en obtenir une copie auprès du contact indiqué pour l'exercice de vos droits."),
            noTransfers: pick("Your data is not transferred outside the European Economic Area.", "Vos données ne sont pas transférées hors de l'Espace économique européen."),
            transferWho: pick("Recipient or transfer", "Destinataire ou transfert"),
            destination: pick("Destination", "Destination"),
            safeguard: pick("Safeguard", "Garantie"),
            occasional: pick("Frequency", "Fréquence"),
            rights: pick("Your rights", "Vos droits"),
            rightsIntro: pick("You have the following rights:", "Vous disposez des droits suivants\u{00A0}:"),
            exercise: pick("How to exercise your rights", "Comment exercer vos droits"),
            complaint: pick("Complaints", "Réclamation"),
            automated: pick("Automated decisions", "Décisions automatisées"),
            trackers: pick("Cookies and similar trackers", "Cookies et autres traceurs"),
            tracker: pick("Name", "Nom"),
            provider: pick("Provider", "Émetteur"),
            category: pick("Category", "Catégorie"),
            lifetime: pick("Lifetime", "Durée de vie"),
            consentNeeded: pick("Consent needed", "Consentement requis"),
            changes: pick("Changes to this notice", "Modifications de cette politique"),
            security: pick("Security", "Sécurité"),
            jointController: pick("Controllership", "Responsabilité"),
            registration: pick("Registration", "Immatriculation"),
            withdrawal: pick("Withdrawing consent", "Retrait du consentement"))
    }
}

extension TrackerLifetime {
    /// The lifetime in words, as notices and banners print it ("13 months", "jusqu'à la fermeture du navigateur").
    public func words(in language: String) -> String { Vocabulary(language).lifetime(self) }
}

extension DataSubjectRight {
    /// The right's name and what it lets the person do, as the notice says them ("Droit d'accès",
    /// "obtenir la confirmation...").
    public func words(in language: String) -> (name: String, detail: String) { Vocabulary(language).right(self) }
}

extension CivilDate {
    /// The date as a person reads it: "1er avril 2026", "20 April 2026".
    public func words(in language: String) -> String {
        let french = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
        let english = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        guard (1...12).contains(month) else { return description }
        if language == "fr" { return "\(day == 1 ? "1er" : String(day)) \(french[Int(month) - 1]) \(year)" }
        return "\(day) \(english[Int(month) - 1]) \(year)"
    }
}
