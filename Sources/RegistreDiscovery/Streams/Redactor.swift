/// Writes a copy of scanned input with each finding replaced, window after window, so that a
/// redacted copy of any size takes no more memory than the scan.
public struct Redactor {
    /// What a finding is replaced with.
    public enum Replacement: Sendable {
        /// One `*` per character.
        case mask
        /// The type's name in brackets: `[EMAIL]`.
        case tag
        /// A keyed pseudonym, the same for the same value everywhere: `[EMAIL:3f9a0c2e1b7d]`.
        /// The function receives the type and the value's normalised bytes.
        case pseudonym(@Sendable (PersonalDataType, [UInt8]) -> String)
    }

    private let replacement: Replacement
    private let write: ([UInt8]) throws -> Void
    private var written = 0
    private var pending: [UInt8] = []

    /// - Parameters:
    ///   - write: receives the redacted bytes in order.
    public init(replacement: Replacement, write: @escaping ([UInt8]) throws -> Void) {
        self.replacement = replacement
        self.write = write
        pending.reserveCapacity(1 << 16)
    }

    /// Writes the window's settled bytes, its findings replaced.
    public mutating func consume(_ window: StreamingScanner.Window) throws {
        for finding in window.findings where finding.offset >= written {
            append(window.bytes(from: written, to: finding.offset))
            pending += replaced(window.bytes(from: finding.offset, to: finding.end), type: finding.type)
            written = finding.end
            try flushIfLarge()
        }
        if window.settled > written {
            append(window.bytes(from: written, to: window.settled))
            written = window.settled
        }
        try flushIfLarge()
        if window.isLast {
            try write(pending)
            pending.removeAll()
        }
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        pending.append(contentsOf: bytes)
    }

    private mutating func flushIfLarge() throws {
        guard pending.count >= 1 << 16 else { return }
        try write(pending)
        pending.removeAll(keepingCapacity: true)
    }

    private func replaced(_ value: UnsafeBufferPointer<UInt8>, type: PersonalDataType) -> [UInt8] {
        switch replacement {
        case .mask:
            // One star per character: UTF-8 continuation bytes are not characters.
            return Array(repeating: UInt8(ascii: "*"), count: value.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) })
        case .tag:
            return Array("[\(type.rawValue.uppercased())]".utf8)
        case .pseudonym(let make):
            return Array(make(type, Self.normalised(value, type: type)).utf8)
        }
    }

    /// The value as the pseudonym keys it, so that writings of one value share a pseudonym:
    /// phones in E.164, e-mails in lower case, numbers without their spaces.
    public static func normalised(_ value: UnsafeBufferPointer<UInt8>, type: PersonalDataType) -> [UInt8] {
        switch type {
        case .phone:
            let text = String(decoding: value, as: UTF8.self)
            return Array((PhoneNumbering.e164(text) ?? text).utf8)
        case .email:
            return value.map(\.asciiLowercased)
        case .iban, .paymentCard, .siren, .siret, .nir:
            return value.filter { $0.isASCIIAlphanumeric }.map { $0.isASCIILower ? $0 - 32 : $0 }
        default:
            return Array(value)
        }
    }
}
