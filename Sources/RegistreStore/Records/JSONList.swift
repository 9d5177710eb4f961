import Foundation

/// Lists and small objects stored as JSON text, with sorted keys so their bytes (and the audit
/// hashes over them) do not depend on dictionary order.
enum JSONList {
    static func encode(_ list: [String]) -> String {
        (try? String(decoding: JSONEncoder().encode(list), as: UTF8.self)) ?? "[]"
    }

    static func decode(_ text: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    /// A JSON object with sorted keys.
    static func object(_ values: [String: any Encodable & Sendable]) -> String {
        struct Wrapper: Encodable {
            let values: [String: any Encodable & Sendable]
            struct Key: CodingKey {
                var stringValue: String
                var intValue: Int? { nil }
                init(stringValue: String) { self.stringValue = stringValue }
                init?(intValue: Int) { nil }
            }
            func encode(to encoder: Encoder) throws {
                var container = encoder.container(keyedBy: Key.self)
                for (key, value) in values { try container.encode(value, forKey: Key(stringValue: key)) }
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(Wrapper(values: values)), as: UTF8.self)) ?? "{}"
    }
}

/// The audit entry written with each consent: what was chosen, never who (the subject hash is a
/// separate field) nor from where.
enum ConsentLedgerAudit {
    static func draft(for consent: ConsentDraft) -> AuditDraft {
        AuditDraft(
            actor: "public", action: "consent.recorded", subject: consent.subjectHash,
            payload: JSONList.object([
                "method": consent.method.rawValue, "granted": consent.granted, "refused": consent.refused,
                "banner_hash": consent.bannerHash, "policy_version": consent.policyVersion,
            ]),
            recordedAt: consent.receivedAt)
    }
}
