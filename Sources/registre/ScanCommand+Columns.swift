import ArgumentParser
import Foundation
import RegistreConnectors
import RegistreCore
import RegistreDiscovery

/// `registre scan --connection`: a database's columns instead of files.
struct ColumnScanOptions: ParsableArguments {
    @Option(help: "Scan this database's columns instead of files: sqlite:PATH or a file path, postgres://user@host:port/db, or env:NAME.")
    var connection: String?

    @Option(help: "With --connection: the dataset file describing the database, to report drift.")
    var datasets: String?

    @Option(help: "With --connection: the rows read from each table (default \(ColumnScan.defaultSampleSize)).")
    var sample: Int?

    func validate() throws {
        guard let sample else { return }
        guard connection != nil else { throw ValidationError("--sample applies to a database: give --connection too") }
        guard sample > 0 else { throw ValidationError("--sample must be at least 1, not \(sample)") }
    }

    /// Scans the database's columns and prints what they hold; true when there is drift from
    /// the dataset file to report.
    /// - Parameters:
    ///   - showsValues: print a few matching values with each category (`--values`).
    func run(scanner: PersonalDataScanner, format: ScanCommand.Format, showsValues: Bool = false) async throws -> Bool {
        guard let connection else { return false }
        let scan = ColumnScan(
            connection: connection, datasetsPath: datasets, sampleSize: sample ?? ColumnScan.defaultSampleSize,
            classifier: ColumnClassifier(scanner: scanner, keepsExamples: showsValues))
        let outcome = try await SubjectOptions.exitingOnBadInput { try await scan.run() }
        for finding in outcome.datasetFindings { printError(finding.description) }
        let text = switch format {
        case .jsonl: Self.jsonl(outcome, showsValues: showsValues)
        case .table: Self.table(outcome, showsValues: showsValues)
        case .summary: Self.summary(outcome, datasets: datasets)
        }
        FileHandle.standardOutput.write(Data(text.utf8))
        return !(outcome.drift?.isEmpty ?? true)
    }

    /// One JSON object a line: each category of each column (`"kind": "classification"`), then
    /// each drift item (`"kind": "drift"`).
    static func jsonl(_ outcome: ColumnScan.Outcome, showsValues: Bool) -> String {
        var lines: [String] = []
        for profile in outcome.profiles {
            for category in profile.categories {
                var json = JSONWriter()
                json.object { json in
                    json.field("kind", "classification")
                    json.field("schema", profile.schema)
                    json.field("table", profile.table)
                    json.field("column", profile.column)
                    json.field("type", profile.type)
                    json.key("rows"); json.integer(Int64(profile.rowsSampled))
                    json.key("values_checked"); json.integer(Int64(profile.valuesChecked))
                    json.field("category", category.key)
                    json.key("confidence"); json.real(category.confidence)
                    json.key("evidence"); json.strings(category.evidence)
                    if showsValues { json.key("examples"); json.strings(category.examples) }
                }
                lines.append(json.text)
            }
        }
        for item in outcome.drift?.items ?? [] {
            var json = JSONWriter()
            json.object { json in
                json.field("kind", "drift")
                json.field("drift", item.kind.rawValue)
                json.field("schema", item.schema)
                json.field("table", item.table)
                json.field("column", item.column)
                json.key("declared"); json.strings(item.declared)
                json.key("found"); json.strings(item.found)
                json.key("confidence"); json.real(item.confidence)
                json.key("evidence"); json.strings(item.evidence)
                json.field("file", item.location.file)
                json.key("line"); json.integer(Int64(item.location.line))
                json.field("message", item.message)
            }
            lines.append(json.text)
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// A line per category of each column (`table.column  category  confidence  evidence`),
    /// then a line per drift item located in the dataset file, as compilers print errors.
    static func table(_ outcome: ColumnScan.Outcome, showsValues: Bool) -> String {
        var text = ""
        for profile in outcome.profiles {
            for category in profile.categories {
                text += "\(profile.qualifiedName)\t\(category.key)\t\(String(format: "%.2f", category.confidence))\t\(category.evidence.joined(separator: "; "))"
                if showsValues, !category.examples.isEmpty {
                    text += "\t" + category.examples.map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: " | ")
                }
                text += "\n"
            }
        }
        for item in outcome.drift?.items ?? [] {
            text += "\(item.location): drift: \(item.message) [\(item.kind.rawValue)]\n"
        }
        return text
    }

    /// What was scanned, the columns holding each category, and the drift by kind.
    static func summary(_ outcome: ColumnScan.Outcome, datasets: String?) -> String {
        let columns = outcome.profiles.count
        var text = "Scanned \(outcome.tables.count) table\(outcome.tables.count == 1 ? "" : "s"), \(columns) column\(columns == 1 ? "" : "s"), "
        text += "\(outcome.rowsSampled) sampled row\(outcome.rowsSampled == 1 ? "" : "s") in \(String(format: "%.3f", outcome.seconds)) s.\n"
        let personal = outcome.profiles.filter { !$0.categories.isEmpty }
        if personal.isEmpty {
            text += "No personal data found.\n"
        } else {
            let tables = Set(personal.map(\.qualifiedTable)).count
            text += "Personal data in \(personal.count) column\(personal.count == 1 ? "" : "s") of \(tables) table\(tables == 1 ? "" : "s").\n"
            var counts: [String: Int] = [:]
            for profile in personal {
                for category in profile.categories { counts[category.key, default: 0] += 1 }
            }
            text += "category".padding(toLength: 52, withPad: " ", startingAt: 0) + "columns\n"
            for (key, count) in counts.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
                text += key.padding(toLength: 52, withPad: " ", startingAt: 0) + String(count).leftPadded(to: 7) + "\n"
            }
        }
        guard let drift = outcome.drift, let datasets else { return text }
        if drift.isEmpty {
            text += "No drift from \(datasets).\n"
        } else {
            text += "Drift from \(datasets): \(drift.items.count) item\(drift.items.count == 1 ? "" : "s").\n"
            for kind in DriftItem.Kind.allCases {
                let count = drift.items.filter { $0.kind == kind }.count
                if count > 0 { text += kind.rawValue.padding(toLength: 52, withPad: " ", startingAt: 0) + String(count).leftPadded(to: 7) + "\n" }
            }
        }
        return text
    }
}
