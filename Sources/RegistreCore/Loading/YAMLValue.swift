import Foundation
import Yams

/// One value of the policy file being read: the YAML node, its path in the document and where it
/// stands, so every conversion that fails can say what and where.
struct YAMLValue {
    let node: Node
    /// A readable path such as `activities[2].retention.duration`.
    let path: String
    let context: LoadContext

    var location: SourceLocation { context.location(node.mark) }

    /// The path for messages: `the document` at the root.
    var displayPath: String { path.isEmpty ? "the document" : path }

    /// What the node is, in words, for error messages.
    var kindDescription: String {
        switch node {
        case .scalar: "a single value"
        case .mapping: "a mapping of keys"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    private func wrongType(_ expected: String) {
        context.error("schema-wrong-type", "\(displayPath) must be \(expected), found \(kindDescription)", at: location)
    }

    /// The scalar text, or nil (reported) when the node is a list or a mapping.
    func string() -> String? {
        guard case .scalar(let scalar) = node else {
            wrongType("a text")
            return nil
        }
        return scalar.string
    }

    /// The scalar text, trimmed; an empty text is reported.
    func nonEmptyString() -> String? {
        guard let text = string() else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            context.error("schema-invalid-value", "\(path) must not be empty", at: location)
            return nil
        }
        return trimmed
    }

    /// `true` or `false` (YAML's `yes`/`no` too).
    func bool() -> Bool? {
        guard let text = string() else { return nil }
        switch text.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            context.error("schema-wrong-type", "\(path) must be true or false, found '\(shown(text))'", at: location)
            return nil
        }
    }

    /// A whole number.
    func integer() -> Int? {
        guard let text = string() else { return nil }
        guard let value = Int(text) else {
            context.error("schema-wrong-type", "\(path) must be a whole number, found '\(shown(text))'", at: location)
            return nil
        }
        return value
    }

    /// One of `allowed`; an unknown word is reported with the closest allowed one.
    func keyword(_ allowed: [String], what: String) -> String? {
        guard let text = nonEmptyString() else { return nil }
        if allowed.contains(text) { return text }
        var message = "\(path): '\(shown(text))' is not a known \(what)"
        if let near = suggestion(for: text, among: allowed) {
            message += "; did you mean '\(near)'?"
        } else {
            message += "; use one of: \(allowed.joined(separator: ", "))"
        }
        context.error("schema-invalid-value", message, at: location)
        return nil
    }

    /// The items of a list; a single scalar counts as a list of one.
    func list() -> [YAMLValue]? {
        switch node {
        case .sequence(let sequence):
            return sequence.enumerated().map { index, item in
                YAMLValue(node: item, path: "\(path)[\(index)]", context: context)
            }
        case .scalar where node.null != nil:
            return []
        case .scalar:
            return [self]
        default:
            wrongType("a list")
            return nil
        }
    }

    /// A list of non-empty texts, each with where it stands.
    func strings() -> [Located<String>] {
        (list() ?? []).compactMap { item in
            item.nonEmptyString().map { Located($0, at: item.location) }
        }
    }

    /// Reads a mapping with `body`, then reports every key `body` did not ask for.
    func mapping<T>(_ body: (YAMLMapping) -> T?) -> T? {
        guard case .mapping(let mapping) = node else {
            wrongType("a mapping of keys")
            return nil
        }
        let reader = YAMLMapping(mapping: mapping, owner: self)
        let result = body(reader)
        reader.reportUnknownKeys()
        return result
    }

    /// True when the node is YAML's null (`~`, `null` or nothing).
    var isNull: Bool { node.null != nil }
}

/// A mapping being read. Every key asked for is remembered, so that the keys nobody asked for
/// are reported as unknown, with the closest known key as a suggestion (`retension` ->
/// `retention`).
final class YAMLMapping {
    private let owner: YAMLValue
    private var entries: [(key: String, keyNode: Node, value: Node)] = []
    private var asked: Set<String> = []

    init(mapping: Node.Mapping, owner: YAMLValue) {
        self.owner = owner
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                owner.context.error(
                    "schema-wrong-type", "\(owner.displayPath) has a key that is not a plain word",
                    at: owner.context.location(key.mark))
                continue
            }
            entries.append((name, key, value))
        }
    }

    var location: SourceLocation { owner.location }
    var path: String { owner.path }
    var context: LoadContext { owner.context }

    /// The value under `key`, or nil when it is absent or null.
    func optional(_ key: String) -> YAMLValue? {
        asked.insert(key)
        guard let entry = entries.first(where: { $0.key == key }) else { return nil }
        let value = YAMLValue(node: entry.value, path: childPath(key), context: owner.context)
        return value.isNull ? nil : value
    }

    /// The value under `key`; its absence is reported.
    func required(_ key: String, _ what: String) -> YAMLValue? {
        guard let value = optional(key) else {
            owner.context.error(
                "schema-missing-key", "\(owner.displayPath) needs '\(key)' (\(what))", at: owner.location)
            return nil
        }
        return value
    }

    /// Where `key` stands in the file, or the mapping's own place when it is absent.
    func location(of key: String) -> SourceLocation {
        guard let entry = entries.first(where: { $0.key == key }) else { return owner.location }
        return owner.context.location(entry.keyNode.mark)
    }

    /// Accepts every key that starts with `prefix` without reading it: `x-` keys hold YAML anchors
    /// that the rest of the file reuses (`x-teams: &teams [sales, support]`).
    func acceptKeys(withPrefix prefix: String) {
        for entry in entries where entry.key.hasPrefix(prefix) { asked.insert(entry.key) }
    }

    /// Every key with its value, in file order, for mappings whose keys are names the file chooses
    /// (a column per anchor); each counts as asked for.
    func pairs() -> [(key: String, value: YAMLValue)] {
        entries.map { entry in
            asked.insert(entry.key)
            return (entry.key, YAMLValue(node: entry.value, path: childPath(entry.key), context: owner.context))
        }
    }

    /// True when `key` is present (even with a null value).
    func contains(_ key: String) -> Bool {
        entries.contains { $0.key == key }
    }

    fileprivate func reportUnknownKeys() {
        for entry in entries where !asked.contains(entry.key) {
            var message = "\(owner.displayPath) has an unknown key '\(entry.key)'"
            if let near = suggestion(for: entry.key, among: asked) {
                message += "; did you mean '\(near)'?"
            } else {
                message += "; known keys here: \(asked.sorted().joined(separator: ", "))"
            }
            owner.context.error("schema-unknown-key", message, at: owner.context.location(entry.keyNode.mark))
        }
    }

    private func childPath(_ key: String) -> String {
        owner.path.isEmpty ? key : "\(owner.path).\(key)"
    }
}

/// A value with the place in the policy file it was read from.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    /// The value.
    public var value: Value
    /// Where it was written.
    public var location: SourceLocation

    /// Creates a located value.
    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}
