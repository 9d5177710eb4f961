import Foundation

/// How the detectors fare on a labelled corpus: precision and recall per type, and the
/// mistakes the issue names outright.
public struct CorpusEvaluation: Sendable {
    /// Counts for one type. A finding is a true positive when it overlaps a label of its type.
    public struct Score: Sendable {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0

        public var precision: Double {
            truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives)
        }
        public var recall: Double {
            truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives)
        }
    }

    /// Per type, in `PersonalDataType.allCases` order.
    public var scores: [PersonalDataType: Score] = [:]
    /// Cards found over a labelled SIRET: must be 0.
    public var siretsReportedAsCards = 0
    /// Dates of birth found over a labelled IP address: must be 0.
    public var datesInsideAddresses = 0
    /// Near misses (a digit or key off) reported as what they imitate: must be 0.
    public var nearMissesReported = 0
    public var documents = 0
    public var bytes = 0
    /// The misses and false alarms, `type: text in context`, when asked for.
    public var mistakes: [String] = []

    /// Scans each document and compares the findings with its labels.
    /// - Parameters:
    ///   - listsMistakes: whether to keep each miss and false alarm with its context in `mistakes`.
    public static func evaluate(_ documents: some Sequence<CorpusDocument>, scanner: PersonalDataScanner, listsMistakes: Bool = false) -> CorpusEvaluation {
        var evaluation = CorpusEvaluation()
        for type in PersonalDataType.allCases where scanner.types.contains(type) { evaluation.scores[type] = Score() }
        for document in documents {
            evaluation.documents += 1
            evaluation.bytes += document.text.utf8.count
            let findings = scanner.scan(document.text)
            var matched = Set<Int>()
            for finding in findings {
                if let label = document.labels.firstIndex(where: { $0.type == finding.type && overlaps($0, finding) }) {
                    matched.insert(label)
                    evaluation.scores[finding.type]?.truePositives += 1
                } else {
                    evaluation.scores[finding.type]?.falsePositives += 1
                    if listsMistakes { evaluation.mistakes.append("false alarm \(finding.type.rawValue): " + context(document.text, finding.offset, finding.length)) }
                }
                if finding.type == .paymentCard, document.labels.contains(where: { $0.type == .siret && overlaps($0, finding) }) {
                    evaluation.siretsReportedAsCards += 1
                }
                if finding.type == .dateOfBirth, document.labels.contains(where: { ($0.type == .ipv4 || $0.type == .ipv6) && overlaps($0, finding) }) {
                    evaluation.datesInsideAddresses += 1
                }
                if document.nearMisses.contains(where: { $0.type == finding.type && overlaps($0, finding) }) {
                    evaluation.nearMissesReported += 1
                }
            }
            for (index, label) in document.labels.enumerated() where !matched.contains(index) && scanner.types.contains(label.type) {
                evaluation.scores[label.type]?.falseNegatives += 1
                if listsMistakes { evaluation.mistakes.append("missed \(label.type.rawValue): " + context(document.text, label.offset, label.length)) }
            }
        }
        return evaluation
    }

    /// The text at `offset`, in brackets, with 30 bytes either side.
    private static func context(_ text: String, _ offset: Int, _ length: Int) -> String {
        let bytes = Array(text.utf8)
        let before = bytes[max(0, offset - 30)..<offset], value = bytes[offset..<(offset + length)]
        let after = bytes[(offset + length)..<min(bytes.count, offset + length + 30)]
        return (String(decoding: before, as: UTF8.self) + "[" + String(decoding: value, as: UTF8.self) + "]" + String(decoding: after, as: UTF8.self))
            .replacingOccurrences(of: "\n", with: "⏎")
    }

    private static func overlaps(_ label: CorpusLabel, _ finding: DiscoveryFinding) -> Bool {
        finding.offset < label.offset + label.length && label.offset < finding.end
    }

    /// Whether the checksum-validated types reach `least` in precision and recall and none of
    /// the named mistakes happened.
    public func meets(_ least: Double) -> Bool {
        siretsReportedAsCards == 0 && datesInsideAddresses == 0 && nearMissesReported == 0
            && scores.allSatisfy { !$0.key.isChecksumValidated || ($0.value.precision >= least && $0.value.recall >= least) }
    }

    /// A table of precision and recall per type.
    public func text() -> String {
        var text = "\(documents) documents, \(bytes) bytes\n"
        text += "type              labels  found  precision  recall\n"
        for type in PersonalDataType.allCases {
            guard let score = scores[type] else { continue }
            let labels = score.truePositives + score.falseNegatives
            let found = score.truePositives + score.falsePositives
            text += type.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)
                + String(format: "%8d %6d %10.4f %7.4f", labels, found, score.precision, score.recall)
                + (type.isChecksumValidated ? "  (checksum)" : "") + "\n"
        }
        text += "SIRET reported as a card: \(siretsReportedAsCards); date inside an IP address: \(datesInsideAddresses); near misses reported: \(nearMissesReported)\n"
        return text
    }
}
