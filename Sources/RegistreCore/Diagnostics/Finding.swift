/// How serious a finding is.
public struct Severity: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The name used in every output format: `error`, `warning` or `note`.
    public let name: String
    let rank: Int

    /// Something that is unlawful or cannot be enforced: `registre check` exits 1.
    public static let error = Severity(name: "error", rank: 2)
    /// Something a DPO should look at: probably wrong, or weak.
    public static let warning = Severity(name: "warning", rank: 1)
    /// Information only.
    public static let note = Severity(name: "note", rank: 0)

    /// Notes before warnings before errors.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    /// The name.
    public var description: String { name }

    /// Decodes the name.
    public init(from decoder: Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        switch name {
        case "error": self = .error
        case "warning": self = .warning
        default: self = .note
        }
    }

    /// Encodes the name.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }

    private init(name: String, rank: Int) {
        self.name = name
        self.rank = rank
    }
}

/// One thing `registre check` found in a policy file, with where it is and the text it rests on.
public struct Finding: Sendable, Hashable, Codable {
    /// The rule that produced it, such as `retention-missing` or `schema-unknown-key`.
    public var ruleID: String
    /// How serious it is.
    public var severity: Severity
    /// What is wrong, in a sentence a person can act on. Never carries personal data.
    public var message: String
    /// Where in the policy file.
    public var location: SourceLocation
    /// The article or CNIL text the rule rests on, such as `GDPR Art. 13(2)(a)`.
    public var reference: String

    /// Creates a finding.
    public init(ruleID: String, severity: Severity, message: String, location: SourceLocation, reference: String) {
        self.ruleID = ruleID
        self.severity = severity
        self.message = message
        self.location = location
        self.reference = reference
    }

    enum CodingKeys: String, CodingKey {
        case ruleID = "rule"
        case severity, message, location, reference
    }
}

extension Finding {
    /// Orders findings by line, then column; findings at the same place keep the order of the rules.
    public static func inFileOrder(_ a: Finding, _ b: Finding) -> Bool {
        (a.location.line, a.location.column) < (b.location.line, b.location.column)
    }
}

extension Finding: CustomStringConvertible {
    /// `file:line:column: severity: message [rule] (reference)`.
    public var description: String {
        "\(location): \(severity): \(message) [\(ruleID)] (\(reference))"
    }
}
