import Foundation
import Yams

/// What loading a policy file gave: the policy, when the file follows the format, and the
/// schema findings (unknown keys, wrong types, bad durations, unknown references).
public struct PolicyLoadResult: Sendable {
    /// The policy; nil when the file has schema errors.
    public var policy: Policy?
    /// Every schema finding, in file order.
    public var findings: [Finding]
}

/// Reads policy files into ``Policy`` values.
public enum PolicyLoader {
    /// Policy files larger than this are refused before parsing: a real policy is a few hundred
    /// kilobytes at most, and a larger file is a mistake (a log, a dump) that would only waste
    /// memory.
    public static let maximumFileSize = 4 * 1024 * 1024

    /// Reads and validates the policy file at `path`.
    /// - Throws: ``PolicyReadError`` when the file is missing, a directory, too large, empty,
    ///   not UTF-8 or not YAML.
    public static func load(contentsOf path: String) throws(PolicyReadError) -> PolicyLoadResult {
        try load(data: readFile(path, what: "policy file"), file: path)
    }

    /// The bytes of a YAML file Registre reads (a policy, a dataset), refused with a clear
    /// error when it is missing, a directory, unreadable or larger than ``maximumFileSize``.
    static func readFile(_ path: String, what: String) throws(PolicyReadError) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw PolicyReadError(code: "file-not-found", message: "\(path): no such file")
        }
        if isDirectory.boolValue {
            throw PolicyReadError(code: "is-directory", message: "\(path) is a directory, not a \(what)")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > maximumFileSize {
            throw PolicyReadError(
                code: "file-too-large",
                message: "\(path) is \(String(format: "%.1f", Double(size) / 1_048_576)) MiB; a \(what) may be at most \(maximumFileSize / 1_048_576) MiB")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PolicyReadError(code: "unreadable", message: "\(path) cannot be read (permissions?)")
        }
        return data
    }

    /// Validates a policy held in memory; `file` names it in findings.
    public static func load(data: Data, file: String) throws(PolicyReadError) -> PolicyLoadResult {
        try load(text: text(of: data, file: file), file: file)
    }

    /// The UTF-8 text of a file's bytes; too large or not UTF-8 is refused with where.
    static func text(of data: Data, file: String) throws(PolicyReadError) -> String {
        if data.count > maximumFileSize {
            throw PolicyReadError(code: "file-too-large", message: "\(file) is larger than \(maximumFileSize / 1_048_576) MiB")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw PolicyReadError(
                code: "not-utf8", message: "the file is not UTF-8 text; save it as UTF-8",
                location: firstInvalidUTF8(in: data, file: file))
        }
        return text
    }

    /// Validates a policy given as text; `file` names it in findings.
    public static func load(text: String, file: String) throws(PolicyReadError) -> PolicyLoadResult {
        let root = try compose(text: text, file: file, emptyHint: "a policy needs at least organization: and activities:")
        let context = LoadContext(file: file)
        let value = YAMLValue(node: root, path: "", context: context)
        let draft = value.mapping { PolicyDraft.read(from: $0) }
        let policy = draft.flatMap { $0.resolve(context: context) }
        let findings = context.findings.sorted(by: Finding.inFileOrder)
        return PolicyLoadResult(policy: context.hasErrors ? nil : policy, findings: findings)
    }

    /// The one YAML document of a file's text, with byte order mark, emptiness, NUL bytes and
    /// syntax errors reported with where they are.
    static func compose(text: String, file: String, emptyHint: String) throws(PolicyReadError) -> Node {
        // Editors on Windows often start UTF-8 files with a byte order mark, which YAML parsers refuse.
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw PolicyReadError(code: "empty-file", message: "\(file) is empty; \(emptyHint)")
        }
        if text.contains("\u{0}") {
            throw PolicyReadError(code: "not-text", message: "\(file) contains NUL bytes; it is not a text file")
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw PolicyReadError(code: "empty-file", message: "\(file) holds no YAML document")
            }
            root = node
        } catch let error as PolicyReadError {
            throw error
        } catch let error as YamlError {
            throw readError(from: error, file: file)
        } catch {
            throw PolicyReadError(code: "yaml-syntax", message: "\(file) is not valid YAML")
        }
        return root
    }

    private static func readError(from error: YamlError, file: String) -> PolicyReadError {
        func located(_ problem: String, _ mark: Mark?) -> PolicyReadError {
            PolicyReadError(
                code: "yaml-syntax", message: "YAML syntax error: \(problem)",
                location: SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1))
        }
        switch error {
        case let .composer(context, _, mark, _) where context?.text.contains("expected a single document") == true:
            return PolicyReadError(
                code: "yaml-several-documents",
                message: "the file holds more than one YAML document (a second '---' or '...'); a policy file is one document",
                location: SourceLocation(file: file, line: mark.line, column: mark.column))
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return located(detail, mark)
        case let .duplicatedKeysInMapping(duplicates, context):
            let first = context.mark
            let second = duplicates.first.flatMap { repeatedKey($0, after: first, in: context.text) }
            let place = second ?? (line: first.line, column: first.column)
            return PolicyReadError(
                code: "yaml-duplicate-key",
                message: "the key '\(duplicates.joined(separator: "', '"))' appears twice in the same mapping (first at line \(first.line))",
                location: SourceLocation(file: file, line: place.line, column: place.column))
        case let .reader(problem, _, _, _):
            return PolicyReadError(code: "yaml-syntax", message: "YAML syntax error: \(problem)", location: SourceLocation(file: file, line: 1, column: 1))
        default:
            return PolicyReadError(code: "yaml-syntax", message: "YAML syntax error: \(error)")
        }
    }

    /// Where `key` is written again at the same column as its first occurrence, to point at the
    /// repetition rather than at the original.
    static func repeatedKey(_ key: String, after first: Mark, in text: String) -> (line: Int, column: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard first.line >= 1, first.line < lines.count else { return nil }
        for index in first.line..<lines.count {
            let line = lines[index]
            let indent = line.prefix { $0 == " " }.count
            if indent + 1 == first.column, line.dropFirst(indent).hasPrefix(key + ":") { return (index + 1, first.column) }
            if indent + 1 < first.column, !line.trimmingCharacters(in: .whitespaces).isEmpty,
               !line.dropFirst(indent).hasPrefix("#") { return nil }
        }
        return nil
    }

    /// The line and column of the first byte that breaks UTF-8.
    static func firstInvalidUTF8(in data: Data, file: String) -> SourceLocation {
        let bytes = [UInt8](data)
        var line = 1, lineStart = 0, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            let valid = length > 0 && index + length <= bytes.count
                && bytes[index + 1 ..< index + length].allSatisfy { $0 & 0xC0 == 0x80 }
                && String(validating: bytes[index ..< index + length], as: UTF8.self) != nil
            if !valid {
                let prefix = bytes[lineStart ..< index]
                let column = (String(validating: prefix, as: UTF8.self)?.unicodeScalars.count ?? prefix.count) + 1
                return SourceLocation(file: file, line: line, column: column)
            }
            if byte == 0x0A { line += 1; lineStart = index + 1 }
            index += length
        }
        return SourceLocation(file: file, line: line, column: 1)
    }
}
