/// Runs every lint rule over a policy.
public enum Linter {
    /// Every rule, in the order their findings are listed for the same line.
    public static let rules: [LintRule] =
        organizationRules + activityRules + retentionRules + transferRules + trackerRules + rightsRules + noticeRules

    /// Loads the policy file at `path` and lints it.
    /// - Throws: ``PolicyReadError`` when the file cannot be read.
    public static func check(contentsOf path: String, today: PolicyDate) throws(PolicyReadError) -> LintReport {
        report(for: try PolicyLoader.load(contentsOf: path), file: path, today: today)
    }

    /// Lints a policy given as text.
    public static func check(text: String, file: String, today: PolicyDate) throws(PolicyReadError) -> LintReport {
        report(for: try PolicyLoader.load(text: text, file: file), file: file, today: today)
    }

    /// The findings of every rule on a policy that loaded.
    public static func lint(_ policy: Policy, today: PolicyDate) -> [Finding] {
        let context = LintContext(today: today)
        return rules.flatMap { $0.check(policy, context: context) }.sorted(by: Finding.inFileOrder)
    }

    private static func report(for result: PolicyLoadResult, file: String, today: PolicyDate) -> LintReport {
        var findings = result.findings
        if let policy = result.policy {
            findings += lint(policy, today: today)
        }
        findings.sort(by: Finding.inFileOrder)
        return LintReport(file: file, findings: findings)
    }
}
