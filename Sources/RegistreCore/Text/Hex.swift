import Foundation

/// Lowercase hexadecimal of bytes. (`String(format: "%02x")` per byte went through Foundation's
/// formatter and was the largest single cost of recording a consent.)
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// The bytes as lowercase hexadecimal, two digits each.
    public static func string(_ bytes: some Sequence<UInt8>) -> String {
        var characters: [UInt8] = []
        characters.reserveCapacity(64)
        for byte in bytes {
            characters.append(digits[Int(byte >> 4)])
            characters.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: characters, as: UTF8.self)
    }

    /// The bytes of a digest or a MAC (anything that lends its bytes), as lowercase hexadecimal,
    /// written straight into the string: iterating a digest byte by byte through its `Sequence`
    /// conformance, generic across modules, took half of each keyed hash.
    public static func string(bytesOf value: some ContiguousBytes) -> String {
        value.withUnsafeBytes { bytes in
            String(unsafeUninitializedCapacity: bytes.count * 2) { text in
                for (index, byte) in bytes.enumerated() {
                    text[2 * index] = digits[Int(byte >> 4)]
                    text[2 * index + 1] = digits[Int(byte & 0x0F)]
                }
                return bytes.count * 2
            }
        }
    }
}
