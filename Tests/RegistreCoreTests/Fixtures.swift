import RegistreCore

/// A small policy that every lint rule accepts. Rule tests change one line of it, so each
/// finding comes from the change alone.
enum Fixtures {
    static let today = PolicyDate(year: 2026, month: 11, day: 22)

    static let cleanPolicy = """
    registre: 1
    policy:
      version: "2026-11"
      updated: 2026-10-01
      change_notification: email
    organization:
      name: Exemple SAS
      legal_form: SAS
      address: 1 rue de la Paix, 75002 Paris
      country: FR
      registration: {siren: "948199120", rcs: RCS Paris}
      dpo: {email: dpo@exemple.fr}
      supervisory_authority: {name: CNIL, country: FR, complaint_url: https://www.cnil.fr/fr/plaintes}
      languages: [fr, en]
      prevailing_language: fr
      entities:
        - id: partner
          name: Partenaire SA
          country: FR
          role: joint_controller
          arrangement: {fr: Exemple répond aux demandes., en: Exemple answers requests.}
    sources:
      - id: form
        name: {fr: Formulaire, en: Form}
        kind: data_subject
      - id: logs
        name: {fr: Journaux, en: Logs}
        kind: observed
    recipients:
      - id: support_team
        name: {fr: Équipe support, en: Support team}
        kind: internal
      - id: host
        name: {fr: Hébergeur, en: Hosting provider}
        kind: processor
        countries: [FR]
        dpa: true
      - id: mailer
        name: {fr: Routeur, en: Mailer}
        kind: processor
        countries: [US]
        dpa: true
        safeguard: scc
    transfers:
      - id: occasional
        countries: [IN]
        safeguard: scc
        occasional: true
        description: {fr: Assistance ponctuelle, en: Occasional support}
    activities:
      - id: accounts
        name: {fr: Gestion des comptes, en: Account management}
        legal_basis: contract
        automated_decisions: false
        data_categories: [user.name, user.contact.email]
        data_subjects: [customer]
        sources: [form]
        mandatory: {required: true, consequence: {fr: Pas de compte., en: No account.}}
        recipients: [support_team, host]
        retention:
          phases:
            - {id: off, anchor: contract_end, duration: P0D, action: deactivate}
            - {id: gone, after: off, duration: P30D, action: delete}
      - id: billing
        name: {fr: Facturation, en: Billing}
        legal_basis: legal_obligation
        automated_decisions: false
        legal_obligation: Code de commerce, art. L123-22
        data_categories: [user.name, user.financial]
        data_subjects: [customer]
        sources: [form]
        mandatory: true
        recipients: [host]
        retention: {anchor: collection, duration: P10Y, legal_reference: "Code de commerce, art. L123-22"}
      - id: newsletter
        name: {fr: Lettre d'information, en: Newsletter}
        legal_basis: consent
        automated_decisions: false
        withdrawal: {fr: Lien de désinscription., en: Unsubscribe link.}
        data_categories: [user.contact.email]
        data_subjects: [prospect]
        sources: [form]
        mandatory: false
        recipients: [mailer]
        transfers: [occasional]
        controller: joint
        joint_controllers: [partner]
        retention: {anchor: consent_withdrawal, duration: P0D}
      - id: security
        name: {fr: Sécurité, en: Security}
        legal_basis: legitimate_interests
        automated_decisions: false
        legitimate_interest: {fr: Protéger le service., en: Protecting the service.}
        data_categories: [user.device.ip_address]
        data_subjects: [visitor]
        sources: [logs]
        recipients: [host]
        retention: {anchor: collection, duration: P1Y, rolling: true}
      - id: statistics
        name: {fr: Statistiques, en: Statistics}
        legal_basis: consent
        automated_decisions: false
        data_categories: [user.device.cookie_id]
        data_subjects: [visitor]
        sources: [logs]
        recipients: [host]
        retention: {anchor: collection, duration: P25M}
    trackers:
      - name: session
        category: essential
        lifetime: session
        purpose: {fr: Session, en: Session}
      - name: _pk_id
        provider: Matomo
        category: analytics
        lifetime: P13M
        activity: statistics
        purpose: {fr: Mesure d'audience, en: Audience measurement}
    rights:
      offered: [access, rectification, erasure, restriction, objection, portability, withdraw_consent, post_mortem]
      contact: {email: dpo@exemple.fr}
      response_time: P1M
      extension: P2M
      identity_proof: {required: when_in_doubt, destroyed_after_processing: true}
    consent:
      mechanism: banner
      lifetime: P13M
      refusal_lifetime: P6M
    security:
      - {fr: Chiffrement des sauvegardes, en: Encrypted backups}
    """

    /// The clean policy with each `(old, new)` replacement applied; fails the test when `old`
    /// is not in the policy, so a case cannot silently test nothing.
    static func policy(replacing replacements: [(String, String)]) throws -> String {
        var text = cleanPolicy
        for (old, new) in replacements {
            guard let range = text.range(of: old) else { throw FixtureError(missing: old) }
            text.replaceSubrange(range, with: new)
        }
        return text
    }

    struct FixtureError: Error, CustomStringConvertible {
        var missing: String
        var description: String { "the fixture does not contain: \(missing)" }
    }
}
