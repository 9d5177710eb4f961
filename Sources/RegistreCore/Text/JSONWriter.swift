import Foundation

/// Writes JSON text directly: the shapes on the consent hot path (the audit payload of each
/// consent, the answers of `POST /v1/consents` and `GET /v1/consents/{id}`), where going through
/// `Encodable` and `JSONEncoder` cost more than the database write, and the rows of data subject
/// exports, written a row at a time.
///
/// The output matches `JSONEncoder` with `.withoutEscapingSlashes`: strings escape `"`, `\` and
/// control characters only; dates are ISO 8601 in UTC to the second, as `.iso8601` writes them.
/// Keys are written in the order given; callers that hash the text give them sorted.
public struct JSONWriter: Sendable {
    /// The text written so far.
    public private(set) var bytes: [UInt8] = []
    private var needsComma = false

    /// Creates an empty writer.
    public init() {
        bytes.reserveCapacity(256)
    }

    /// The text as a string.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Writes `{`, what `body` writes, and `}`.
    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
        body(&self)
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Writes `[`, what `body` writes, and `]`.
    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        body(&self)
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes a key inside an object; the value follows.
    public mutating func key(_ key: String) {
        separate()
        appendQuoted(key)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes a string value.
    public mutating func string(_ value: String) {
        separate()
        appendQuoted(value)
        needsComma = true
    }

    /// Writes a string value, or `null`.
    public mutating func string(_ value: String?) {
        guard let value else { return null() }
        string(value)
    }

    /// Writes an integer value.
    public mutating func integer(_ value: Int64) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    /// Writes a number; a value JSON cannot hold (infinite, NaN) is written as a string.
    public mutating func real(_ value: Double) {
        guard value.isFinite else { return string(String(value)) }
        separate()
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    /// Writes a boolean value.
    public mutating func boolean(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
        needsComma = true
    }

    /// Writes `null`.
    public mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
        needsComma = true
    }

    /// Writes a date as an ISO 8601 string in UTC, to the second (`2026-11-22T09:30:00Z`).
    public mutating func date(_ value: Date) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        Self.appendTimestamp(value, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// Writes a date as ISO 8601 in UTC to the millisecond, `YYYY-MM-DDTHH:MM:SS.mmmZ` (log lines).
    public mutating func dateWithMilliseconds(_ value: Date) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        Self.appendTimestamp(value, to: &bytes, milliseconds: true)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// Writes an array of strings.
    public mutating func strings(_ values: [String]) {
        array { writer in
            for value in values { writer.string(value) }
        }
    }

    /// Writes an object of counts, keys in order.
    public mutating func counts(_ values: [String: Int]) {
        object { writer in
            for (key, count) in values.sorted(by: { $0.key < $1.key }) {
                writer.key(key)
                writer.integer(Int64(count))
            }
        }
    }

    /// Writes a value of the shapes `JSONSerialization` accepts (dictionaries with string keys,
    /// arrays, strings, numbers, booleans, `NSNull`), keys sorted; an optional is its value or
    /// `null`; ``JSONText`` is copied as it is. Summaries of requests, holds and limits are
    /// written with it: `JSONSerialization` took 4% of an access request's CPU on Linux, most of
    /// it sorting keys.
    public mutating func any(_ value: Any) throws {
        switch value {
        case let text as String: string(text)
        case let flag as Bool: boolean(flag)
        case let number as Int: integer(Int64(number))
        case let number as Int64: integer(number)
        case let number as Int32: integer(Int64(number))
        case let number as Double where number.isFinite:
            // Whole numbers as JSONSerialization writes them: 3, not 3.0.
            if number == number.rounded(), abs(number) < 1e15 { integer(Int64(number)) } else { real(number) }
        case is NSNull: null()
        case let text as JSONText:
            separate()
            bytes.append(contentsOf: text.text.utf8)
            needsComma = true
        case let optional as any JSONOptional:
            guard let wrapped = optional.wrapped else { return null() }
            try any(wrapped)
        case let list as [Any]:
            var failure: (any Error)?
            array { writer in
                for element in list where failure == nil {
                    do { try writer.any(element) } catch { failure = error }
                }
            }
            if let failure { throw failure }
        case let dictionary as [String: Any]:
            var failure: (any Error)?
            object { writer in
                for (key, element) in dictionary.sorted(by: { $0.key < $1.key }) where failure == nil {
                    writer.key(key)
                    do { try writer.any(element) } catch { failure = error }
                }
            }
            if let failure { throw failure }
        default:
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: [], debugDescription: "\(type(of: value)) has no JSON form"))
        }
    }

    /// A key and its string value.
    public mutating func field(_ name: String, _ value: String?) {
        key(name)
        string(value)
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func appendQuoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most strings (hashes, identifiers, purposes) need no escape: copied whole.
        let copied = text.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if copied == true {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x00..<0x20:
                bytes.append(contentsOf: "\\u00".utf8)
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Appends `YYYY-MM-DDTHH:MM:SSZ`, the date's second in UTC, or `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    static func appendTimestamp(_ date: Date, to bytes: inout [UInt8], milliseconds: Bool = false) {
        let (day, secondOfDay) = CivilDate.split(date)
        let second = Int64(secondOfDay.rounded(.down))
        appendDigits(day.year, count: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(day.month, count: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(day.day, count: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        appendDigits(second / 3600, count: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(second % 3600 / 60, count: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(second % 60, count: 2, to: &bytes)
        if milliseconds {
            bytes.append(UInt8(ascii: "."))
            appendDigits(min(999, Int64(((secondOfDay - secondOfDay.rounded(.down)) * 1000).rounded(.down))), count: 3, to: &bytes)
        }
        bytes.append(UInt8(ascii: "Z"))
    }

    /// Appends the last `count` decimal digits of `value`, zero-padded, most significant first.
    private static func appendDigits(_ value: Int64, count: Int, to bytes: inout [UInt8]) {
        guard count > 0 else { return }
        var divisor: Int64 = 1
        for _ in 1..<count { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }
}

/// JSON text already written (a stored outcome), put into a larger value as it is.
public struct JSONText: Sendable {
    public let text: String
    /// Wraps `text`, which must be one whole JSON value.
    public init(_ text: String) { self.text = text }
}

/// An optional seen as `Any`, so ``JSONWriter/any(_:)`` can tell `nil` from a value.
protocol JSONOptional {
    var wrapped: Any? { get }
}

extension Optional: JSONOptional {
    var wrapped: Any? { self.map { $0 as Any } }
}
