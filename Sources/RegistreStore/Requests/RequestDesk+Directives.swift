import Foundation
import RegistreCore

/// Post-mortem directives (French Data Protection Act, art. 85): recorded, withdrawn, and carried
/// out when the person's death is notified, by opening the request each one calls for.
extension RequestDesk {
    /// The hash under which an identity (`type=value`, normalised) finds its directives.
    /// What a death notified with no directive leaves the heirs (art. 85 II), told to whoever
    /// notified it, on the command line and over the API alike.
    public static let heirsWithoutDirective = """
        no directive: the heirs may still have the accounts closed, object to further processing and have the data \
        updated to record the death, as far as needed to settle the estate (art. 85 II); open those requests by hand
        """

    public func directiveHash(_ identity: String) -> String { hasher.hash(identity, kind: "directive") }

    /// Records a directive for the person known by `identities`; `communicate` names its recipient.
    public func recordDirective(
        _ instruction: PostMortemDirective.Instruction, identities: [String], executor: String, recipient: String?, note: String?, at date: Date, actor: String
    ) async throws -> PostMortemDirective {
        guard !identities.isEmpty else { throw Refusal(code: "identity-missing", message: "a directive needs at least one identity of the person") }
        let executor = executor.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !executor.isEmpty else {
            throw Refusal(code: "executor-missing", message: "a directive names the person who carries it out (art. 85 I), such as 'Marie Dupont <marie@exemple.fr>'")
        }
        let recipient = recipient?.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty
        if instruction == .communicate, recipient == nil {
            throw Refusal(code: "recipient-missing", message: "a directive to communicate the data names to whom (--recipient)")
        }
        if instruction != .communicate, recipient != nil {
            throw Refusal(code: "recipient-unexpected", message: "only a directive to communicate the data names a recipient")
        }
        let details = DirectiveDetails(executor: executor, recipient: recipient, note: note?.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty, identities: identities)
        let directive = PostMortemDirective(
            id: 0, instruction: instruction, sealedDetails: try seal(details), identityHashes: Set(identities.map(directiveHash)).sorted(), recordedAt: date)
        return try await store.insertDirective(directive) { stored in directiveAudit(stored, action: "directive.recorded", actor: actor, at: date) }
    }

    /// Withdraws directive `id`, as the person may at any time.
    public func revokeDirective(_ id: Int64, reason: String?, at date: Date, actor: String) async throws -> PostMortemDirective {
        var directive = try await activeDirective(id)
        directive.revokedAt = date
        let note = reason?.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty
        try await store.updateDirective(directive, audit: directiveAudit(directive, action: "directive.revoked", actor: actor, at: date, note: note))
        return directive
    }

    /// The directives of the person known by any of `identities`, withdrawn and carried out ones
    /// too with `includeClosed`.
    public func directives(for identities: [String], includeClosed: Bool) async throws -> [PostMortemDirective] {
        try await store.directives(identityHashes: identities.map(directiveHash), includeClosed: includeClosed)
    }

    /// What directive `directive` says, unsealed.
    public func details(of directive: PostMortemDirective) throws -> DirectiveDetails {
        try unseal(directive.sealedDetails, as: DirectiveDetails.self, of: "directive \(directive.id)")
    }

    /// Carries out the active directives of a person whose death was notified (the DPO checked
    /// the proof of death and who notifies it): an `erase` opens an erasure request, a
    /// `communicate` an access request whose answer goes to the recipient, both with the identity
    /// taken as established; a `keep` opens none. Each directive is marked carried out with its
    /// request. Returns them; none when the person left no directive (their heirs then have only
    /// the rights of art. 85 II).
    public func applyDirectives(for identities: [String], notifiedBy: String, at date: Date, actor: String) async throws -> [PostMortemDirective] {
        let notifiedBy = notifiedBy.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !notifiedBy.isEmpty else { throw Refusal(code: "notifier-missing", message: "say who notified the death (--notified-by)") }
        var applied: [PostMortemDirective] = []
        for var directive in try await directives(for: identities, includeClosed: false) {
            let details = try details(of: directive)
            let why = "post-mortem directive \(directive.id) (art. 85), death notified by \(notifiedBy)"
            switch directive.instruction {
            case .erase:
                directive.appliedRequest = try await open(.erasure, details: RequestDetails(identities: details.identities, reason: why), verified: true, at: date, actor: actor).id
            case .communicate:
                let reason = "\(why); communicate the answer to \(details.recipient ?? details.executor)"
                directive.appliedRequest = try await open(.access, details: RequestDetails(identities: details.identities, reason: reason), verified: true, at: date, actor: actor).id
            case .keep:
                break
            }
            directive.appliedAt = date
            try await store.updateDirective(directive, audit: directiveAudit(directive, action: "directive.applied", actor: actor, at: date, note: why))
            applied.append(directive)
        }
        return applied
    }

    private func activeDirective(_ id: Int64) async throws -> PostMortemDirective {
        guard let directive = try await store.directive(id: id) else { throw Refusal(code: "directive-unknown", message: "there is no directive \(id)") }
        guard directive.isActive else {
            throw Refusal(code: "directive-closed", message: "directive \(id) was already \(directive.revokedAt != nil ? "withdrawn" : "carried out")")
        }
        return directive
    }

    /// The audit entry of a change: the directive's number, instruction and request; never who
    /// it is about or what the note says.
    private func directiveAudit(_ directive: PostMortemDirective, action: String, actor: String, at date: Date, note: String? = nil) -> AuditDraft {
        var fields = ["id": String(directive.id), "instruction": directive.instruction.rawValue]
        if let request = directive.appliedRequest { fields["request"] = String(request) }
        if let note { fields["reason"] = note }
        return AuditDraft(actor: actor, action: action, subject: directive.identityHashes.first, payload: JSONList.object(fields), recordedAt: date)
    }
}

extension String {
    /// Nil when empty.
    var nonEmpty: String? { isEmpty ? nil : self }
}
