/// A check of the policy against a rule of law or of the CNIL, with the text it rests on.
public struct LintRule: Sendable {
    /// The stable identifier findings carry, such as `retention-missing`.
    public let id: String
    /// How serious a breach of the rule is.
    public let severity: Severity
    /// What the rule asks for, in one sentence.
    public let summary: String
    /// The article or CNIL text the rule rests on.
    public let reference: String
    let body: @Sendable (Policy, LintContext, inout [Finding]) -> Void

    /// Creates a rule.
    /// - Parameters:
    ///   - body: Appends a finding for each breach, through ``LintContext/report(_:_:at:into:)``.
    init(
        _ id: String, _ severity: Severity, reference: String, summary: String,
        body: @escaping @Sendable (Policy, LintContext, inout [Finding]) -> Void
    ) {
        self.id = id
        self.severity = severity
        self.summary = summary
        self.reference = reference
        self.body = body
    }

    /// What the rule asks for, for reports that describe their rules (SARIF).
    public var description: RuleDescription { RuleDescription(id: id, severity: severity, summary: summary, reference: reference) }

    /// The findings of this rule on `policy`.
    public func check(_ policy: Policy, context: LintContext) -> [Finding] {
        var findings: [Finding] = []
        body(policy, LintContext(today: context.today, rule: self), &findings)
        return findings
    }
}

/// What a rule knows besides the policy: the date to check against, and itself, to stamp its
/// findings.
public struct LintContext: Sendable {
    /// The date statements are checked against.
    public var today: PolicyDate
    var rule: LintRule?

    /// Creates a context for checking on `today`.
    public init(today: PolicyDate) {
        self.today = today
        self.rule = nil
    }

    init(today: PolicyDate, rule: LintRule) {
        self.today = today
        self.rule = rule
    }

    /// Appends a finding of the current rule.
    func report(_ message: String, at location: SourceLocation, into findings: inout [Finding]) {
        guard let rule else { return }
        findings.append(Finding(ruleID: rule.id, severity: rule.severity, message: message, location: location, reference: rule.reference))
    }
}

/// A rule as reports describe it: its id, default severity, what it asks for and what it rests on.
public struct RuleDescription: Sendable, Hashable {
    public let id: String
    public let severity: Severity
    public let summary: String
    public let reference: String

    public init(id: String, severity: Severity, summary: String, reference: String) {
        self.id = id
        self.severity = severity
        self.summary = summary
        self.reference = reference
    }

    /// A rule no module describes: an error in reading a policy or dataset file.
    static func formatError(_ id: String) -> RuleDescription {
        id.hasPrefix("dataset-")
            ? RuleDescription(id: id, severity: .error, summary: "The dataset file does not follow the Fides dataset format.", reference: "Fides dataset format (fides_key, collections, fields)")
            : RuleDescription(id: id, severity: .error, summary: "The policy file does not follow the Registre policy format.", reference: "Registre policy format (docs/policy-format.md)")
    }
}
