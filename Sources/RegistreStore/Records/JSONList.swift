import RegistreCore

/// Lists and small objects stored as JSON text, with sorted keys so their bytes (and the audit
/// hashes over them) do not depend on dictionary order.
enum JSONList {
    static func encode(_ list: [String]) -> String {
        var writer = JSONWriter()
        writer.strings(list)
        return writer.text
    }

    /// Reads `["a","b"]`; anything that is not a list of strings reads as empty.
    static func decode(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { JSONReader.parseStrings(UnsafeRawBufferPointer($0)) } ?? []
    }

    /// A JSON object of texts with sorted keys.
    static func object(_ values: [String: String]) -> String {
        var writer = JSONWriter()
        writer.object { object in
            for key in values.keys.sorted() { object.field(key, values[key]) }
        }
        return writer.text
    }
}

/// The audit entry written with each consent: what was chosen, never who (the subject hash is a
/// separate field) nor from where.
enum ConsentLedgerAudit {
    static func draft(for consent: ConsentDraft) -> AuditDraft {
        AuditDraft(
            actor: "public", action: "consent.recorded", subject: consent.subjectHash,
            payload: payload(for: consent),
            recordedAt: consent.receivedAt)
    }

    /// What was chosen and shown, keys sorted.
    static func payload(for consent: ConsentDraft) -> String {
        var writer = JSONWriter()
        writer.object { object in
            object.field("banner_hash", consent.bannerHash)
            object.key("granted")
            object.strings(consent.granted)
            object.field("method", consent.method.rawValue)
            object.field("policy_version", consent.policyVersion)
            object.key("refused")
            object.strings(consent.refused)
        }
        return writer.text
    }
}
