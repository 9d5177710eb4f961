import Foundation

/// The findings of `registre check` on one file, and their renderings as text, JSON and SARIF.
public struct LintReport: Sendable, Codable {
    /// The file checked.
    public var file: String
    /// Every finding, in file order.
    public var findings: [Finding]

    /// Creates a report.
    public init(file: String, findings: [Finding]) {
        self.file = file
        self.findings = findings
    }

    /// True when at least one finding is an error.
    public var hasErrors: Bool { findings.contains { $0.severity == .error } }

    /// The number of findings of `severity`.
    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }

    /// One line per finding, `file:line:column: severity: message [rule] (reference)`, then a
    /// summary line.
    public func text() -> String {
        var lines = findings.map(\.description)
        lines.append("\(file): \(count(.error)) error(s), \(count(.warning)) warning(s), \(count(.note)) note(s)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report as JSON: the file, counts and every finding.
    public func json() -> String {
        struct Output: Encodable {
            var file: String
            var errors: Int
            var warnings: Int
            var notes: Int
            var findings: [Finding]
        }
        let output = Output(file: file, errors: count(.error), warnings: count(.warning), notes: count(.note), findings: findings)
        return encodeJSON(output)
    }

    /// The report as SARIF 2.1.0, for code-scanning views in CI. Each rule a finding names is
    /// described from the linter's rules and `rules` (those of the dataset check and the drift
    /// report, which live in other modules); a rule found in neither is a file format error.
    public func sarif(rules described: [RuleDescription] = []) -> String {
        let usedRules = Set(findings.map(\.ruleID))
        let known = Dictionary((Linter.rules.map(\.description) + described).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let rules = usedRules.sorted().map { id -> SARIF.Rule in
            let rule = known[id] ?? RuleDescription.formatError(id)
            return SARIF.Rule(
                id: id, shortDescription: .init(text: rule.summary), properties: .init(reference: rule.reference),
                defaultConfiguration: .init(level: rule.severity.name))
        }
        let results = findings.map { finding in
            SARIF.Result(
                ruleId: finding.ruleID,
                level: finding.severity.name,
                message: .init(text: "\(finding.message) (\(finding.reference))"),
                locations: [.init(physicalLocation: .init(
                    artifactLocation: .init(uri: finding.location.file),
                    region: .init(startLine: finding.location.line, startColumn: finding.location.column)))])
        }
        let log = SARIF(runs: [.init(tool: .init(driver: .init(rules: rules)), results: results)])
        return encodeJSON(log)
    }
}

/// The subset of SARIF 2.1.0 that code-scanning views read.
private struct SARIF: Encodable {
    var version = "2.1.0"
    var schema = "https://json.schemastore.org/sarif-2.1.0.json"
    var runs: [Run]

    enum CodingKeys: String, CodingKey {
        case version, runs
        case schema = "$schema"
    }

    struct Run: Encodable {
        var tool: Tool
        var results: [Result]
    }
    struct Tool: Encodable { var driver: Driver }
    struct Driver: Encodable {
        var name = "Registre"
        var informationUri = "https://github.com/registre/registre"
        var rules: [Rule]
    }
    struct Text: Encodable { var text: String }
    struct Rule: Encodable {
        var id: String
        var shortDescription: Text
        var properties: Properties
        var defaultConfiguration: Configuration
    }
    struct Properties: Encodable { var reference: String }
    struct Configuration: Encodable { var level: String }
    struct Result: Encodable {
        var ruleId: String
        var level: String
        var message: Text
        var locations: [Location]
    }
    struct Location: Encodable { var physicalLocation: PhysicalLocation }
    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }
    struct ArtifactLocation: Encodable { var uri: String }
    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
    }
}

/// Pretty JSON with sorted keys, ending with a newline.
func encodeJSON(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return "{}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
}
