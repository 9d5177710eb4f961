import Foundation

/// Lists and small objects stored as JSON text, with sorted keys so their bytes (and the audit
/// hashes over them) do not depend on dictionary order.
enum JSONList {
    static func encode(_ list: [String]) -> String {
        var writer = JSONWriter()
        writer.strings(list)
        return writer.text
    }

    /// Reads `["a","b"]`; lists written by ``encode(_:)`` of plain ids take the fast path, anything
    /// with an escape goes through JSONDecoder.
    static func decode(_ text: String) -> [String] {
        let utf8 = Array(text.utf8)
        guard utf8.first == UInt8(ascii: "["), utf8.last == UInt8(ascii: "]"), !utf8.contains(UInt8(ascii: "\\")) else {
            return (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
        }
        var items: [String] = []
        var index = 1
        while index < utf8.count - 1 {
            guard utf8[index] == UInt8(ascii: "\"") else { index += 1; continue }
            let start = index + 1
            var end = start
            while end < utf8.count, utf8[end] != UInt8(ascii: "\"") { end += 1 }
            items.append(String(decoding: utf8[start..<end], as: UTF8.self))
            index = end + 1
        }
        return items
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
