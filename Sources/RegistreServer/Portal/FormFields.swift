import Foundation
import NIOCore

/// The fields of an HTML form posted as `application/x-www-form-urlencoded`: names and values
/// percent-decoded, `+` read as a space, a name given several times kept in order.
struct FormFields: Sendable {
    private var pairs: [(name: String, value: String)]

    /// Reads `buffer`; nil when it is not UTF-8 text or holds a malformed percent escape.
    init?(_ buffer: ByteBuffer) {
        guard let text = String(validating: Array(buffer.readableBytesView), as: UTF8.self) else { return nil }
        var pairs: [(String, String)] = []
        for part in text.split(separator: "&", omittingEmptySubsequences: true) {
            let halves = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(halves[0]), let value = Self.decode(halves.count > 1 ? halves[1] : "") else { return nil }
            pairs.append((name, value))
        }
        self.pairs = pairs
    }

    /// The first value of `name`, trimmed; nil when absent or blank.
    subscript(name: String) -> String? {
        let value = pairs.first { $0.name == name }?.value.trimmingCharacters(in: .whitespacesAndNewlines)
        return value?.isEmpty == false ? value : nil
    }

    /// Every non-blank value of `name`, in order.
    func all(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map { $0.value.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    private static func decode(_ text: Substring) -> String? {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        guard spaced.contains("%") else { return spaced }
        return spaced.removingPercentEncoding
    }
}
