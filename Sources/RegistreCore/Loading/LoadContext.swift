import Yams

/// Collects the schema findings made while one policy file is read, so that a DPO sees every
/// mistake of the file at once instead of one per run.
final class LoadContext {
    /// The path of the file, as the user named it.
    let file: String
    /// What the findings refer the reader to: the format's documentation.
    let reference: String
    private(set) var findings: [Finding] = []

    init(file: String, reference: String = "Registre policy format (docs/policy-format.md)") {
        self.file = file
        self.reference = reference
    }

    /// Where a YAML mark points in this file.
    func location(_ mark: Mark?) -> SourceLocation {
        SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    /// Records a schema error: the file is readable but does not follow the policy format.
    func error(_ ruleID: String, _ message: String, at location: SourceLocation) {
        findings.append(Finding(
            ruleID: ruleID,
            severity: .error,
            message: message,
            location: location,
            reference: reference
        ))
    }

    var hasErrors: Bool { findings.contains { $0.severity == .error } }
}

/// The closest word to `word` among `candidates`, when it is close enough to be a typo.
func suggestion(for word: String, among candidates: some Sequence<String>) -> String? {
    let lowered = word.lowercased()
    var best: (String, Int)?
    for candidate in candidates {
        let distance = editDistance(lowered, candidate.lowercased())
        if distance <= max(1, min(3, candidate.count / 3)), distance < (best?.1 ?? .max) {
            best = (candidate, distance)
        }
    }
    return best?.0
}

/// The edit distance between two strings (Levenshtein, with swaps of neighbours), in characters.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var beforePrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            // A swap of two neighbours (`nmae` for `name`) counts as one edit.
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], beforePrevious[j - 2] + 1)
            }
        }
        (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[b.count]
}

/// A value from the file as a message shows it: at most 60 characters, so a message never
/// carries a whole paragraph (or whatever personal data was pasted into the wrong key).
func shown(_ text: String) -> String {
    text.count <= 60 ? text : String(text.prefix(59)) + "…"
}
