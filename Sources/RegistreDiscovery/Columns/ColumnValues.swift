/// How many sampled values of a column look like one data category: the evidence values give
/// for or against it.
public struct ValueCheck: Sendable, Hashable {
    /// The data category checked, such as `user.contact.email`.
    public var category: String
    /// The values that look like it: a finding of the category's kind covers most of the value.
    public var matching: Int
    /// The non-NULL values checked.
    public var checked: Int
    /// What a matching value is, in the plural: `e-mail addresses`.
    public var noun: String
    /// True when values that never look like the category speak against it (an e-mail address
    /// has a shape; a name or a street does not always).
    public var isStrict: Bool

    /// Creates a check.
    public init(category: String, matching: Int, checked: Int, noun: String, isStrict: Bool) {
        self.category = category
        self.matching = matching
        self.checked = checked
        self.noun = noun
        self.isStrict = isStrict
    }

    /// The share of checked values that match; 0 when none was checked.
    public var ratio: Double { checked == 0 ? 0 : Double(matching) / Double(checked) }

    /// `values: 47 of 50 e-mail addresses`.
    public var evidence: String { checked == 0 ? "values: none to check" : "values: \(matching) of \(checked) \(noun)" }
}

/// A category values can show, the detectors that show it, and the words a form would print
/// before such a value (`date de naissance :`), without which a bare `1985-03-12` or `Dupont`
/// says nothing.
struct ValueSpec: Sendable {
    var category: String
    var types: Set<PersonalDataType>
    var prefix: String?
    var isStrict: Bool
    var noun: String

    /// The specs by category: every category a detector reports, and the finer keys names give.
    static let byCategory: [String: ValueSpec] = {
        let specs = [
            ValueSpec(category: "user.contact.email", types: [.email], prefix: nil, isStrict: true, noun: "e-mail addresses"),
            ValueSpec(category: "user.contact.phone_number", types: [.phone], prefix: nil, isStrict: true, noun: "phone numbers"),
            ValueSpec(category: "user.contact.fax_number", types: [.phone], prefix: nil, isStrict: true, noun: "phone numbers"),
            ValueSpec(category: "user.financial.bank_account", types: [.iban], prefix: nil, isStrict: true, noun: "IBANs"),
            ValueSpec(category: "user.financial.credit_card", types: [.paymentCard], prefix: "carte ", isStrict: true, noun: "payment card numbers"),
            ValueSpec(
                category: "user.government_id.national_identification_number", types: [.nir], prefix: "NIR ", isStrict: true,
                noun: "social security numbers (NIR)"),
            ValueSpec(category: "user.device.ip_address", types: [.ipv4, .ipv6], prefix: nil, isStrict: true, noun: "IP addresses"),
            ValueSpec(category: "user.demographic.date_of_birth", types: [.dateOfBirth], prefix: "date de naissance : ", isStrict: true, noun: "calendar dates"),
            ValueSpec(category: "user.workplace", types: [.siren, .siret], prefix: "SIRET ", isStrict: false, noun: "SIREN or SIRET numbers"),
            ValueSpec(category: "user.name", types: [.personName], prefix: "nom : ", isStrict: false, noun: "names"),
            ValueSpec(category: "user.name.first", types: [.personName], prefix: "prénom : ", isStrict: false, noun: "names"),
            ValueSpec(category: "user.name.last", types: [.personName], prefix: "nom : ", isStrict: false, noun: "names"),
            ValueSpec(category: "user.contact.address", types: [.postalAddress], prefix: "adresse : ", isStrict: false, noun: "postal addresses"),
            ValueSpec(category: "user.contact.address.street", types: [.postalAddress], prefix: "adresse : ", isStrict: false, noun: "postal addresses"),
        ]
        return Dictionary(uniqueKeysWithValues: specs.map { ($0.category, $0) })
    }()
}

/// What the detectors found in a column's sampled values, category by category.
struct ValueStatistics {
    /// One category's tally.
    struct Tally {
        /// Values a finding of the category covers most of.
        var whole = 0
        /// Values holding at least one finding of the category.
        var containing = 0
        /// The sum over `containing` values of their best finding's confidence.
        var confidence = 0.0
        /// A few values that showed it, kept only when asked.
        var examples: [String] = []

        /// The mean confidence of the findings.
        var meanConfidence: Double { containing == 0 ? 0 : confidence / Double(containing) }
    }

    /// The longest part of a value scanned: free text past it adds time, not evidence.
    static let longestValue = 4096
    /// Examples kept per category.
    static let examplesKept = 3

    /// The detectors' types by the category they report.
    static let types: [String: Set<PersonalDataType>] = Dictionary(grouping: PersonalDataType.allCases, by: \.dataCategory).mapValues(Set.init)

    let values: [String]
    let scanner: PersonalDataScanner
    let keepsExamples: Bool
    private(set) var tallies: [String: Tally] = [:]

    var checked: Int { values.count }

    /// Scans each value once as it is.
    init(values: [String], scanner: PersonalDataScanner, keepsExamples: Bool) {
        self.values = values.compactMap { value in
            let trimmed = Self.trimmed(value)
            guard !trimmed.isEmpty else { return nil }
            return trimmed.utf8.count <= Self.longestValue ? trimmed : String(decoding: trimmed.utf8.prefix(Self.longestValue), as: UTF8.self)
        }
        self.scanner = scanner
        self.keepsExamples = keepsExamples
        for value in self.values {
            let findings = scanner.scan(value)
            let length = value.utf8.count
            var seen: [String: Double] = [:]
            for finding in findings { seen[finding.type.dataCategory] = max(seen[finding.type.dataCategory] ?? 0, finding.confidence) }
            for (category, confidence) in seen {
                var tally = tallies[category] ?? Tally()
                tally.containing += 1
                tally.confidence += confidence
                if Self.covers(findings, types: Self.types[category] ?? [], from: 0, length: length) { tally.whole += 1 }
                if keepsExamples, tally.examples.count < Self.examplesKept { tally.examples.append(value) }
                tallies[category] = tally
            }
        }
    }

    /// How many values look like `spec`'s category, each read after the spec's context words;
    /// nil when the scanner looks for none of its types.
    func check(_ spec: ValueSpec) -> (check: ValueCheck, examples: [String])? {
        let types = spec.types.intersection(scanner.types)
        guard !types.isEmpty else { return nil }
        var matching = 0
        var examples: [String] = []
        for value in values {
            let findings: [DiscoveryFinding]
            var start = 0
            if let prefix = spec.prefix {
                findings = scanner.scan(prefix + value)
                start = prefix.utf8.count
            } else {
                findings = scanner.scan(value)
            }
            if Self.covers(findings, types: types, from: start, length: value.utf8.count) {
                matching += 1
                if keepsExamples, examples.count < Self.examplesKept { examples.append(value) }
            }
        }
        return (ValueCheck(category: spec.category, matching: matching, checked: values.count, noun: spec.noun, isStrict: spec.isStrict), examples)
    }

    /// `value` without leading and trailing spaces, tabs and line breaks.
    static func trimmed(_ value: String) -> String {
        let scalars = value.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    /// True when findings of `types` cover most (four fifths) of the value at `start..<start +
    /// length`, or when a date of birth starts it (a date-time's date, `1985-03-12 00:00:00`).
    static func covers(_ findings: [DiscoveryFinding], types: Set<PersonalDataType>, from start: Int, length: Int) -> Bool {
        guard length > 0 else { return false }
        var covered = 0
        for finding in findings where types.contains(finding.type) && finding.offset >= start {
            if finding.type == .dateOfBirth, finding.offset == start { return true }
            covered += min(finding.end, start + length) - finding.offset
        }
        return covered * 5 >= length * 4
    }
}
