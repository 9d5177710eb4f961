import Foundation
import RegistreCore
import RegistreStore

/// The banners of a policy, one per language: what each shows (texts, purposes, the trackers of
/// each purpose and their lifetimes), and the hash of that content, which a consent cites as
/// proof of what the person saw.
public struct BannerCatalog: Sendable {
    /// One banner.
    public struct Banner: Sendable, Encodable {
        /// `POLICYVERSION.LANGUAGE`.
        public var id: String
        /// The language.
        public var language: String
        /// The policy version.
        public var policyVersion: String
        /// The content the banner shows, as canonical JSON (sorted keys).
        public var content: String
        /// The SHA-256 of ``content``.
        public var hash: String
    }

    /// The banners by language.
    public let banners: [String: Banner]

    /// Builds the banners of `policy`.
    public init(policy: Policy) {
        let version = policy.metadata.recordedVersion
        var banners: [String: Banner] = [:]
        for language in policy.languages {
            let content = BannerContent(policy: policy, language: language)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let json = String(decoding: (try? encoder.encode(content)) ?? Data(), as: UTF8.self)
            banners[language] = Banner(
                id: "\(version).\(language)", language: language, policyVersion: version, content: json, hash: KeyedHasher.sha256(json))
        }
        self.banners = banners
    }

    /// Records every banner in the store, so consents can refer to them.
    public func register(in store: any RegistreStore, at date: Date = Date()) async throws {
        for banner in banners.values.sorted(by: { $0.language < $1.language }) {
            try await store.registerBanner(BannerVersion(
                id: banner.id, hash: banner.hash, policyVersion: banner.policyVersion, language: banner.language,
                content: banner.content, firstServedAt: date))
        }
    }
}

/// What a banner shows, in one language.
struct BannerContent: Encodable {
    struct Purpose: Encodable {
        var id: String
        var name: String
        var description: String
        var trackers: [Tracker]
    }

    struct Tracker: Encodable {
        var name: String
        var provider: String
        var lifetime: String
        var purpose: String
        var category: String
    }

    var language: String
    var controller: String
    var purposes: [Purpose]
    var essential: [Tracker]
    var consentLifetime: String
    var privacyNotice: String?
    var texts: BannerTexts

    init(policy: Policy, language: String) {
        let fallback = policy.languages.first
        func tracker(_ tracker: RegistreCore.Tracker) -> Tracker {
            Tracker(
                name: tracker.name, provider: tracker.provider ?? "—", lifetime: tracker.lifetime.words(in: language),
                purpose: tracker.purpose?.text(in: language, fallback: fallback) ?? "", category: tracker.category.rawValue)
        }
        self.language = language
        controller = policy.organization.name
        purposes = policy.activities.filter { $0.legalBasis == .consent }.map { activity in
            Purpose(
                id: activity.id,
                name: activity.name.text(in: language, fallback: fallback),
                description: activity.description?.text(in: language, fallback: fallback) ?? "",
                trackers: policy.trackers.filter { $0.activity?.value == activity.id && !$0.isExempt }.map(tracker))
        }
        essential = policy.trackers.filter(\.isExempt).map(tracker)
        consentLifetime = policy.consent.lifetime.description
        privacyNotice = policy.metadata.url
        texts = BannerTexts(language: language, controller: policy.organization.name)
    }
}

/// The fixed words of the banner, in French or English. They are part of the hashed content: a
/// consent proves which words were shown.
struct BannerTexts: Encodable {
    var title, description, accept, reject, customise, save, back, trackers, name, provider, lifetime, noTrackers, notice, reopen: String

    init(language: String, controller: String) {
        if language == "fr" {
            title = "Vos choix sur les cookies"
            description = "\(controller) utilise des traceurs soumis à votre consentement pour les finalités ci-dessous. Vous pouvez tout accepter, tout refuser ou choisir finalité par finalité, et changer d'avis à tout moment avec le bouton « Cookies » en bas de page. Refuser ne vous empêche pas d'utiliser le site."
            accept = "Tout accepter"
            reject = "Tout refuser"
            customise = "Personnaliser"
            save = "Enregistrer mes choix"
            back = "Retour"
            trackers = "Traceurs utilisés"
            name = "Nom"
            provider = "Émetteur"
            lifetime = "Durée de vie"
            noTrackers = "Aucun traceur déclaré pour cette finalité."
            notice = "Politique de protection des données"
            reopen = "Cookies"
        } else {
            title = "Your choices about cookies"
            description = "\(controller) uses trackers that need your consent for the purposes below. You can accept all, reject all or choose purpose by purpose, and change your mind at any time with the \u{201C}Cookies\u{201D} button at the bottom of the page. Rejecting does not stop you from using the site."
            accept = "Accept all"
            reject = "Reject all"
            customise = "Customise"
            save = "Save my choices"
            back = "Back"
            trackers = "Trackers used"
            name = "Name"
            provider = "Provider"
            lifetime = "Lifetime"
            noTrackers = "No tracker is declared for this purpose."
            notice = "Privacy notice"
            reopen = "Cookies"
        }
    }
}
