import Foundation
import RegistreConnectors
import RegistreCore
import RegistreDiscovery
import RegistreServer

/// One scan of a database's columns, for `registre scan --connection` and `registre check
/// --connection`: reads the dataset file, lists the database's tables, reads a bounded sample
/// of each, classifies every column and, with datasets, compares.
struct ColumnScan {
    /// The rows read from each table unless `--sample` says otherwise.
    static let defaultSampleSize = 1000

    /// The database, as `--connection` gives it.
    var connection: String
    /// The dataset file, if any.
    var datasetsPath: String?
    /// The rows read from each table.
    var sampleSize: Int
    var classifier: ColumnClassifier

    /// What a scan found.
    struct Outcome {
        /// The tables scanned, as datasets name them (no schema for the default one).
        var tables: [TableName]
        /// Every column scanned, table by table, in the tables' order.
        var profiles: [ColumnProfile]
        /// The rows read, all tables together.
        var rowsSampled: Int
        /// The drift from the datasets; nil without a dataset file.
        var drift: DriftReport?
        /// The dataset file's warnings and notes (its errors stop the scan).
        var datasetFindings: [Finding]
        var seconds: Double
    }

    /// Runs the scan. A dataset file with errors, a collection or field the database lacks, or a
    /// database that cannot be read throws (after printing the located findings, if any).
    func run() async throws -> Outcome {
        let started = ContinuousClock.now
        var datasets: [Dataset] = []
        var datasetFindings: [Finding] = []
        if let datasetsPath {
            let loaded = try DatasetLoader.load(contentsOf: datasetsPath)
            guard let all = loaded.datasets else {
                for finding in loaded.findings { printError(finding.description) }
                throw ConnectorError(code: "dataset-invalid", message: "\(datasetsPath) has errors (above)")
            }
            datasets = all
            datasetFindings = loaded.findings
        }
        let sampleSize = sampleSize
        let classifier = classifier
        let datasetsPath = datasetsPath ?? ""
        return try await SubjectOptions.withConnector(connection) { connector in
            var tables = try await connector.tables(schema: nil)
            datasets = try await Self.placed(datasets, in: connector)
            let problems = try await Self.mismatches(of: datasets, in: connector, listed: &tables)
            if !problems.isEmpty {
                for problem in problems { printError(problem.description) }
                throw ConnectorError(
                    code: "dataset-mismatch",
                    message: "\(datasetsPath) describes \(problems.count) table(s) or column(s) the database does not have (above); registre datasets check holds the file against the database")
            }
            var profiles: [ColumnProfile] = []
            var rows = 0
            for table in tables {
                guard let description = try await connector.describe(table), !description.columns.isEmpty else { continue }
                let columns = description.columns.map(\.name)
                let sample = try await connector.sample(of: table, columns: columns, limit: sampleSize)
                rows += sample.count
                let samples = description.columns.enumerated().map { index, column in
                    ColumnSample(
                        schema: table.schema, table: table.name, name: column.name, type: column.type, rowsSampled: sample.count,
                        values: sample.compactMap { Self.text($0.values[index]) })
                }
                profiles += classifier.classify(samples, declared: Self.declared(in: table, by: datasets))
            }
            let drift = datasets.isEmpty ? nil : DriftReport(comparing: profiles, with: datasets, minimumConfidence: classifier.minimumConfidence)
            return Outcome(
                tables: tables, profiles: profiles, rowsSampled: rows, drift: drift, datasetFindings: datasetFindings,
                seconds: (ContinuousClock.now - started).timeInterval)
        }
    }

    /// The datasets with a schema that is the connection's default one written as no schema,
    /// as tables in it are listed: `public` on PostgreSQL, `main` on SQLite.
    private static func placed(_ datasets: [Dataset], in connector: any Connector) async throws -> [Dataset] {
        var placed = datasets
        for index in placed.indices {
            guard let schema = placed[index].schema else { continue }
            if try await connector.tables(schema: schema).contains(where: { $0.schema == nil }) { placed[index].schema = nil }
        }
        return placed
    }

    /// A finding for each collection whose table, and each field whose column, the database
    /// lacks; a collection on a table the listing left out (a view) joins `listed`.
    private static func mismatches(of datasets: [Dataset], in connector: any Connector, listed: inout [TableName]) async throws -> [Finding] {
        var problems: [Finding] = []
        for dataset in datasets {
            let (described, missing) = try await DatasetCheck.describe(dataset.collections, of: dataset, through: connector, reference: DriftReport.reference)
            problems += missing
            for collection in dataset.collections where described[collection.name] != nil {
                let table = TableName(schema: dataset.schema, name: collection.name)
                if !listed.contains(table) { listed.append(table) }
            }
        }
        listed.sort { ($0.schema ?? "", $0.name) < ($1.schema ?? "", $1.name) }
        return problems
    }

    /// The categories the datasets declare for each column of `table`, nested fields' included.
    private static func declared(in table: TableName, by datasets: [Dataset]) -> [String: [String]] {
        guard let collection = datasets.lazy.filter({ $0.schema == table.schema }).compactMap({ $0.collection(table.name) }).first else { return [:] }
        func categories(_ field: DatasetField) -> [String] { field.dataCategories + field.fields.flatMap(categories) }
        return Dictionary(collection.fields.map { ($0.name, categories($0)) }, uniquingKeysWith: { first, _ in first })
    }

    /// A value as text for the detectors; nil for NULL and for bytes.
    private static func text(_ value: SQLValue) -> String? {
        switch value {
        case .null, .blob: nil
        case .integer(let number): String(number)
        case .real(let number): String(number)
        case .text(let text): text
        }
    }
}
