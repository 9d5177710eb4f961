import RegistreCore

/// `registre datasets check`: a dataset file held against the database it describes, before a
/// request depends on it. Errors are what would make a request miss rows or report an erasure it
/// could not do (a missing table or column, a collection no identity reaches, a personal field
/// erasure cannot mask, a personal table without a primary key); warnings are what would make it
/// slow or surprising (a column searched without an index, types that disagree).
public struct DatasetCheck: Sendable {
    /// The rules the check's findings name, for reports that describe their rules.
    public static let rules: [RuleDescription] = [
        ("table-missing", Severity.error, "A collection of the dataset has no table in the database.", "GDPR Art. 15(1)"),
        ("column-missing", .error, "A field of the dataset has no column in its table.", "GDPR Art. 15(1)"),
        ("reference-other-dataset", .warning, "A field refers to another dataset, which requests do not follow.", "GDPR Art. 15(1)"),
        ("reference-missing", .error, "A field refers to a collection or field the dataset does not describe.", "GDPR Art. 15(1)"),
        ("reference-skipped", .warning, "A field refers to a collection that skip_processing leaves out.", "GDPR Art. 15(1)"),
        ("unreachable", .error, "No identity reaches a collection, so requests would miss its rows.", "GDPR Art. 15(1)"),
        ("not-indexed", .warning, "Requests search a column no index leads with, reading the whole table each time.", "GDPR Art. 12(3)"),
        ("no-primary-key", .error, "A collection holding personal data declares no primary key, so erasure cannot tell its rows apart.", "GDPR Art. 17(1)"),
        ("primary-key-differs", .warning, "The primary key the dataset declares is not the table's.", "GDPR Art. 17(1)"),
        ("unknown-masking", .error, "A collection's masking strategy override is not one applied to a whole table.", "GDPR Art. 17(1)"),
        ("read-only-personal", .warning, "Personal data is marked read_only: erasure leaves it and reports it kept.", "GDPR Art. 17(1)"),
        ("unmaskable", .error, "Erasure cannot write its masking into a personal data column.", "GDPR Art. 17(1)"),
        ("type-differs", .warning, "A field's declared type is not its column's.", "GDPR Art. 5(1)(d)"),
        ("unknown-activity", .error, "registre.activities names an activity the policy does not have.", "GDPR Art. 30(1)(b)"),
    ].map { RuleDescription(id: "dataset-" + $0.0, severity: $0.1, summary: $0.2, reference: $0.3) }

    let dataset: Dataset
    let connector: any Connector
    /// The ids of the policy's processing activities, to check `registre.activities` against.
    let activities: Set<String>?

    /// Creates a check of `dataset` through `connector`, and of its activities against a policy's.
    public init(dataset: Dataset, connector: any Connector, activities: Set<String>? = nil) {
        self.dataset = dataset
        self.connector = connector
        self.activities = activities
    }

    typealias FieldPath = SubjectFinder.FieldPath

    /// The tables of `collections` as the database describes them, by collection name, and an
    /// error for each collection whose table, and each field whose column, the database lacks
    /// (`dataset-table-missing`, `dataset-column-missing`, citing `reference`), in file order.
    public static func describe(
        _ collections: [DatasetCollection], of dataset: Dataset, through connector: any Connector, reference: String
    ) async throws -> (tables: [String: TableDescription], missing: [Finding]) {
        var tables: [String: TableDescription] = [:]
        var missing: [Finding] = []
        for collection in collections {
            let table = TableName(schema: dataset.schema, name: collection.name)
            guard let description = try await connector.describe(table) else {
                missing.append(Finding(
                    ruleID: "dataset-table-missing", severity: .error, message: "the database has no table \(table)", location: collection.location,
                    reference: reference))
                continue
            }
            tables[collection.name] = description
            for field in collection.fields where description.column(field.name) == nil {
                missing.append(Finding(
                    ruleID: "dataset-column-missing", severity: .error, message: "table \(table) has no column \(field.name)", location: field.location,
                    reference: reference))
            }
        }
        return (tables, missing)
    }

    /// Every finding, in file order.
    public func run() async throws -> [Finding] {
        var findings: [Finding] = []
        func report(_ rule: String, _ severity: Severity, _ message: String, at location: SourceLocation, _ reference: String) {
            findings.append(Finding(ruleID: "dataset-" + rule, severity: severity, message: message, location: location, reference: reference))
        }
        let collections = dataset.collections.filter { !$0.skipProcessing }
        let (tables, missing) = try await Self.describe(collections, of: dataset, through: connector, reference: "GDPR Art. 15(1)")
        findings += missing

        // References, then which collections an identity reaches along them.
        for collection in collections {
            for field in collection.fields {
                for reference in field.references {
                    guard reference.dataset == dataset.key else {
                        report("reference-other-dataset", .warning, "\(collection.name).\(field.name) refers to dataset '\(reference.dataset)'; Registre follows references within one dataset, so this one is not followed", at: reference.location, "GDPR Art. 15(1)")
                        continue
                    }
                    guard let target = dataset.collection(reference.collection), target.field(reference.field) != nil else {
                        report("reference-missing", .error, "\(collection.name).\(field.name) refers to \(reference.collection).\(reference.field), which the dataset does not describe", at: reference.location, "GDPR Art. 15(1)")
                        continue
                    }
                    if target.skipProcessing {
                        report("reference-skipped", .warning, "\(collection.name).\(field.name) refers to \(reference.collection), which skip_processing leaves out", at: reference.location, "GDPR Art. 15(1)")
                    }
                }
            }
        }
        let edges = SubjectFinder.edges(of: dataset)
        let seeds = collections.flatMap { collection in
            collection.fields.filter { $0.identity != nil }.map { (path: FieldPath(collection: collection.name, field: $0.name), caseInsensitive: Identity.isCaseInsensitive(type: $0.identity ?? "")) }
        }
        var reached = Set(seeds.map(\.path.collection))
        var searched: [(path: FieldPath, caseInsensitive: Bool)] = seeds
        var queue = Array(reached)
        while let name = queue.popLast() {
            guard let collection = dataset.collection(name) else { continue }
            for field in collection.fields {
                for target in edges[FieldPath(collection: name, field: field.name)] ?? [] {
                    searched.append((target, false))
                    if reached.insert(target.collection).inserted { queue.append(target.collection) }
                }
            }
        }
        for collection in collections where !reached.contains(collection.name) {
            if collection.isPersonal {
                report("unreachable", .error, "no identity reaches \(collection.name): an access or erasure request would miss its personal data; declare an identity on it or a reference to it", at: collection.location, "GDPR Art. 15(1)")
            } else {
                report("unreachable", .warning, "no identity reaches \(collection.name) (it holds no personal data)", at: collection.location, "GDPR Art. 15(1)")
            }
        }

        // Every searched column should have an index, or each request scans the table.
        var warned: Set<String> = []
        for (path, caseInsensitive) in searched {
            guard let description = tables[path.collection], description.column(path.field) != nil,
                !description.isIndexed(path.field, caseInsensitive: caseInsensitive),
                warned.insert("\(path.collection).\(path.field)").inserted,
                let field = dataset.collection(path.collection)?.field(path.field)
            else { continue }
            let table = TableName(schema: dataset.schema, name: path.collection)
            let key = caseInsensitive ? "lower(\(path.field))" : path.field
            report("not-indexed", .warning, "requests search \(table) by \(key), which no index leads with: each request reads the whole table (CREATE INDEX ON \(table.quoted) (\(caseInsensitive ? "lower(\(quote(path.field)))" : quote(path.field))))", at: field.location, "GDPR Art. 12(3)")
        }

        for collection in collections {
            guard let description = tables[collection.name] else { continue }
            checkKeys(collection, description, report)
            checkMasking(collection, description, report)
            checkTypes(collection, description, report)
            if let activities {
                for activity in collection.activities where !activities.contains(activity) {
                    report("unknown-activity", .error, "registre.activities names '\(activity)', which is not an activity of the policy (\(activities.sorted().joined(separator: ", ")))", at: collection.location, "GDPR Art. 30(1)(b)")
                }
            }
        }
        return findings.sorted(by: Finding.inFileOrder)
    }

    typealias Report = (String, Severity, String, SourceLocation, String) -> Void

    /// Erasure and rectification change rows by their primary key.
    func checkKeys(_ collection: DatasetCollection, _ description: TableDescription, _ report: Report) {
        let declared = collection.primaryKey.map(\.name)
        if declared.isEmpty {
            if collection.isPersonal {
                let hint = description.primaryKey.isEmpty ? "the table has none either" : "the table's is (\(description.primaryKey.joined(separator: ", "))): mark it with fides_meta.primary_key"
                report("no-primary-key", .error, "\(collection.name) holds personal data but declares no primary key, so erasure cannot tell its rows apart: \(hint)", collection.location, "GDPR Art. 17(1)")
            }
        } else if !description.primaryKey.isEmpty, Set(declared) != Set(description.primaryKey) {
            report("primary-key-differs", .warning, "\(collection.name) declares the primary key (\(declared.joined(separator: ", "))) but the table's is (\(description.primaryKey.joined(separator: ", ")))", collection.location, "GDPR Art. 17(1)")
        }
    }

    /// What erasure would write into each personal field, held against the column.
    func checkMasking(_ collection: DatasetCollection, _ description: TableDescription, _ report: Report) {
        if let masking = collection.masking, masking.strategy != "delete" {
            report("unknown-masking", .error, "the collection's masking_strategy_override '\(masking.strategy)' is not one Registre applies to a whole table (delete)", collection.location, "GDPR Art. 17(1)")
            return
        }
        guard !collection.erasesByDeletion else { return }
        for field in collection.fields where field.isPersonal {
            guard let column = description.column(field.name) else { continue }
            let name = "\(collection.name).\(field.name)"
            if field.readOnly {
                report("read-only-personal", .warning, "\(name) is personal data marked read_only: erasure will leave it and report it kept", field.location, "GDPR Art. 17(1)")
                continue
            }
            if field.isKey(in: description) {
                // A surrogate key links rows and names no one once they are masked: erasure keeps it
                // and says so. A key made of real data (an e-mail address) cannot stay.
                if !field.isSurrogateKey {
                    report("unmaskable", .error, "\(name) is personal data (\(field.dataCategories.joined(separator: ", "))) used as a key, which erasure cannot overwrite in place; erase \(collection.name) by deleting its rows (fides_meta.masking_strategy_override: {strategy: delete} on the collection)", field.location, "GDPR Art. 17(1)")
                }
                continue
            }
            let masking = field.masking ?? .nullRewrite
            if let problem = Self.problem(with: masking, in: column) {
                let source = field.masking == nil ? "erasure writes NULL (Fides's default, null_rewrite)" : "its masking strategy \(masking.strategy)"
                report("unmaskable", .error, "\(name): \(source), but \(problem); give it a masking_strategy_override that fits, or delete the collection's rows", field.location, "GDPR Art. 17(1)")
            }
        }
    }

    /// Why `masking` cannot be written into `column`, or nil when it can.
    static func problem(with masking: MaskingStrategy, in column: TableDescription.Column) -> String? {
        do {
            return try Masking(masking).problem(in: column)
        } catch {
            return error.message
        }
    }

    /// Fides's declared type held against the column's.
    func checkTypes(_ collection: DatasetCollection, _ description: TableDescription, _ report: Report) {
        for field in collection.fields {
            guard let type = field.dataType, let column = description.column(field.name) else { continue }
            let disagrees = switch type {
            case "integer": !column.isInteger && !column.type.isEmpty
            case "string": !column.isTextual
            default: false
            }
            if disagrees {
                report("type-differs", .warning, "\(collection.name).\(field.name) is declared \(type) but the column is \(column.type)", field.location, "GDPR Art. 5(1)(d)")
            }
        }
    }
}

extension DatasetField {
    /// True when the dataset makes the column part of the primary key or a reference to rows.
    var isDeclaredKey: Bool { primaryKey || !references.isEmpty }

    /// True when the column is a key by the dataset or by the table's own primary key.
    func isKey(in description: TableDescription) -> Bool {
        isDeclaredKey || description.primaryKey.contains(name)
    }

    /// True when the column only holds an identifier (`user.unique_id`) that links rows:
    /// erasure keeps it, and the rows it links are erased or masked.
    var isSurrogateKey: Bool {
        dataCategories.allSatisfy { $0 == "user.unique_id" }
    }
}
