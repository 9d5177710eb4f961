import Foundation
import Yams

/// What reading a dataset file gave: its datasets, when the file follows the format, and every
/// schema finding with where it is.
public struct DatasetLoadResult: Sendable {
    /// The datasets; nil when the file has schema errors.
    public var datasets: [Dataset]?
    /// Every schema finding, in file order.
    public var findings: [Finding]
}

/// Reads Fides dataset YAML (`dataset:` and its collections), unchanged, plus Registre's
/// `registre:` keys. Every key Fides defines is accepted; a key neither knows is an error with
/// the key it probably meant.
public enum DatasetLoader {
    static let reference = "Fides dataset format, with Registre's keys (docs/datasets.md)"

    /// Reads the dataset file at `path`.
    public static func load(contentsOf path: String) throws(PolicyReadError) -> DatasetLoadResult {
        let data = try PolicyLoader.readFile(path, what: "dataset file")
        return try load(text: PolicyLoader.text(of: data, file: path), file: path)
    }

    /// Reads datasets given as text; `file` names it in findings.
    public static func load(text: String, file: String) throws(PolicyReadError) -> DatasetLoadResult {
        let root = try PolicyLoader.compose(text: text, file: file, emptyHint: "a dataset file starts with dataset: and a list of datasets")
        let context = LoadContext(file: file, reference: reference)
        let value = YAMLValue(node: root, path: "", context: context)
        let datasets = value.mapping { document -> [Dataset]? in
            guard let list = document.required("dataset", "the list of datasets")?.list() else { return nil }
            return list.compactMap { item in item.mapping { readDataset($0) } }
        }
        if let datasets {
            var seen: Set<String> = []
            for dataset in datasets where !seen.insert(dataset.key).inserted {
                context.error("dataset-duplicate-key", "two datasets have the fides_key '\(dataset.key)'", at: dataset.location)
            }
        }
        return DatasetLoadResult(datasets: context.hasErrors ? nil : datasets, findings: context.findings.sorted(by: Finding.inFileOrder))
    }

    static func readDataset(_ mapping: YAMLMapping) -> Dataset? {
        let key = mapping.required("fides_key", "the dataset's key")?.nonEmptyString()
        let name = mapping.optional("name")?.string()
        for ignored in ["description", "organization_fides_key", "tags", "meta", "data_categories", "data_qualifier", "retention", "third_country_transfers", "joint_controller"] {
            _ = mapping.optional(ignored)
        }
        var schema: String?, timeZone: String?
        if let registre = mapping.optional("registre") {
            timeZone = registre.mapping { registre -> String? in
                guard let zone = registre.optional("time_zone")?.nonEmptyString() else { return nil }
                if TimeZone(identifier: zone) == nil {
                    registre.context.error(
                        "dataset-time-zone-unknown", "registre.time_zone '\(zone)' is not an IANA time zone such as Europe/Paris or UTC",
                        at: registre.location(of: "time_zone"))
                }
                return zone
            }
        }
        if let meta = mapping.optional("fides_meta") {
            schema = meta.mapping { meta -> String? in
                _ = meta.optional("resource_id")
                _ = meta.optional("after")
                return meta.optional("namespace")?.mapping { namespace -> String? in
                    for ignored in ["database_name", "database_id", "project_id", "dataset_id", "connection_type"] { _ = namespace.optional(ignored) }
                    return namespace.optional("schema")?.nonEmptyString()
                } ?? nil
            } ?? nil
        }
        let collections = (mapping.required("collections", "the dataset's tables")?.list() ?? []).compactMap { item in
            item.mapping { readCollection($0) }
        }
        var names: Set<String> = []
        for collection in collections where !names.insert(collection.name).inserted {
            mapping.context.error("dataset-duplicate-collection", "the collection '\(collection.name)' is described twice", at: collection.location)
        }
        guard let key else { return nil }
        return Dataset(key: key, name: name, schema: schema, collections: collections, timeZone: timeZone, location: mapping.location(of: "fides_key"))
    }

    static func readCollection(_ mapping: YAMLMapping) -> DatasetCollection? {
        let name = mapping.required("name", "the table's name")?.nonEmptyString()
        for ignored in ["description", "data_categories", "data_qualifier", "retention"] { _ = mapping.optional(ignored) }
        var after: [String] = [], eraseAfter: [String] = [], skip = false, masking: MaskingStrategy?
        if let meta = mapping.optional("fides_meta") {
            _ = meta.mapping { meta -> Void? in
                after = meta.optional("after")?.strings().map(\.value) ?? []
                eraseAfter = meta.optional("erase_after")?.strings().map(\.value) ?? []
                skip = meta.optional("skip_processing")?.bool() ?? false
                masking = meta.optional("masking_strategy_override")?.mapping { readMasking($0) }
                _ = meta.optional("partitioning")
                return ()
            }
        }
        var activities: [String] = [], anchor: String?
        var anchors: [(name: String, column: String, location: SourceLocation)] = []
        var deactivation: [String: String] = [:], archiving: [String: String] = [:]
        var dataSubjects: [String] = [], subjectColumn: String?
        var registreLocation = mapping.location
        if let registre = mapping.optional("registre") {
            registreLocation = mapping.location(of: "registre")
            _ = registre.mapping { registre -> Void? in
                activities = registre.optional("activities")?.strings().map(\.value) ?? []
                anchor = registre.optional("retention_anchor")?.nonEmptyString()
                _ = registre.optional("anchors")?.mapping { map -> Void? in
                    for (name, value) in map.pairs() {
                        let location = map.location(of: name)
                        guard let column = value.nonEmptyString() else { continue }
                        guard let known = RetentionAnchor(rawValue: name), known != .unstated else {
                            map.context.error(
                                "dataset-anchor-unknown",
                                "registre.anchors names '\(name)', which is not a retention anchor (\(RetentionAnchor.allCases.filter { $0 != .unstated }.map(\.rawValue).joined(separator: ", ")))",
                                at: location)
                            continue
                        }
                        anchors.append((known.rawValue, column, location))
                    }
                    return ()
                }
                deactivation = registre.optional("deactivate").map(readAssignments) ?? [:]
                archiving = registre.optional("archive").map(readAssignments) ?? [:]
                dataSubjects = registre.optional("data_subjects")?.strings().map(\.value) ?? []
                subjectColumn = registre.optional("data_subject_column")?.nonEmptyString()
                return ()
            }
        }
        let fields = readFields(mapping.required("fields", "the table's columns"))
        var names: Set<String> = []
        for field in fields where !names.insert(field.name).inserted {
            mapping.context.error("dataset-duplicate-field", "the field '\(field.name)' is described twice", at: field.location)
        }
        if let anchor, !fields.contains(where: { $0.name == anchor }) {
            mapping.context.error(
                "dataset-unknown-field", "registre.retention_anchor names '\(anchor)', which is not a field of this collection", at: registreLocation)
        }
        for (anchorName, column, location) in anchors where !fields.contains(where: { $0.name == column }) {
            mapping.context.error(
                "dataset-unknown-field", "registre.anchors.\(anchorName) names '\(column)', which is not a field of this collection", at: location)
        }
        for (key, assignments) in [("deactivate", deactivation), ("archive", archiving)] {
            for column in assignments.keys.sorted() where !fields.contains(where: { $0.name == column }) {
                mapping.context.error(
                    "dataset-unknown-field", "registre.\(key) sets '\(column)', which is not a field of this collection", at: registreLocation)
            }
        }
        if let subjectColumn, !fields.contains(where: { $0.name == subjectColumn }) {
            mapping.context.error(
                "dataset-unknown-field", "registre.data_subject_column names '\(subjectColumn)', which is not a field of this collection", at: registreLocation)
        }
        guard let name else { return nil }
        var collection = DatasetCollection(
            name: name, fields: fields, activities: activities, retentionAnchor: anchor, after: after, eraseAfter: eraseAfter,
            skipProcessing: skip, masking: masking, location: mapping.location)
        collection.anchors = Dictionary(anchors.map { ($0.name, $0.column) }, uniquingKeysWith: { _, last in last })
        collection.deactivation = deactivation
        collection.archiving = archiving
        collection.dataSubjects = dataSubjects
        collection.dataSubjectColumn = subjectColumn
        return collection
    }

    /// A mapping of columns to the values a retention phase writes in them (`{active: 0}`).
    static func readAssignments(_ value: YAMLValue) -> [String: String] {
        value.mapping { map -> [String: String]? in
            var assignments: [String: String] = [:]
            for (column, value) in map.pairs() {
                if let text = value.string() { assignments[column] = text }
            }
            return assignments
        } ?? [:]
    }

    static func readFields(_ value: YAMLValue?) -> [DatasetField] {
        (value?.list() ?? []).compactMap { item in item.mapping { readField($0) } }
    }

    static func readField(_ mapping: YAMLMapping) -> DatasetField? {
        let name = mapping.required("name", "the column's name")?.nonEmptyString()
        for ignored in ["description", "data_qualifier", "retention"] { _ = mapping.optional(ignored) }
        let categories = mapping.optional("data_categories")?.strings().map(\.value) ?? []
        var field = DatasetField(
            name: name ?? "", dataCategories: categories, identity: nil, primaryKey: false, dataType: nil, length: nil, references: [],
            masking: nil, readOnly: false, provided: false, fields: readFields(mapping.optional("fields")), location: mapping.location)
        if let meta = mapping.optional("fides_meta") {
            _ = meta.mapping { meta -> Void? in
                field.identity = meta.optional("identity")?.nonEmptyString()
                field.primaryKey = meta.optional("primary_key")?.bool() ?? false
                field.dataType = meta.optional("data_type")?.nonEmptyString()
                field.length = meta.optional("length")?.integer()
                field.readOnly = meta.optional("read_only")?.bool() ?? false
                _ = meta.optional("return_all_elements")
                _ = meta.optional("custom_request_field")
                field.references = (meta.optional("references")?.list() ?? []).compactMap { item in item.mapping { readReference($0) } }
                field.masking = meta.optional("masking_strategy_override")?.mapping { readMasking($0) }
                return ()
            }
        }
        if let registre = mapping.optional("registre") {
            _ = registre.mapping { registre -> Void? in
                field.provided = registre.optional("provided")?.bool() ?? false
                return ()
            }
        }
        if let type = field.dataType, !knownTypes.contains(type.replacingOccurrences(of: "[]", with: "")) {
            mapping.context.error(
                "dataset-unknown-type", "\(mapping.path): data_type '\(type)' is not a Fides type (\(knownTypes.sorted().joined(separator: ", ")))",
                at: mapping.location(of: "fides_meta"))
        }
        return name == nil ? nil : field
    }

    /// Fides's data types (a trailing `[]` makes an array of one).
    static let knownTypes: Set<String> = ["string", "integer", "float", "boolean", "object_id", "object", "date", "timestamp", "datetime", "bytes", "none"]

    static func readReference(_ mapping: YAMLMapping) -> FieldReference? {
        let dataset = mapping.required("dataset", "the dataset of the other column")?.nonEmptyString()
        let target = mapping.required("field", "the other column, as collection.field")?.nonEmptyString()
        let direction = mapping.optional("direction")?.keyword(["to", "from"], what: "reference direction")
        guard let dataset, let target else { return nil }
        let parts = target.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            mapping.context.error(
                "schema-invalid-value", "\(mapping.path).field must be collection.field, found '\(target)'", at: mapping.location(of: "field"))
            return nil
        }
        return FieldReference(
            dataset: dataset, collection: parts[0], field: parts[1], direction: direction.flatMap(FieldReference.Direction.init(rawValue:)),
            location: mapping.location)
    }

    static func readMasking(_ mapping: YAMLMapping) -> MaskingStrategy? {
        guard let strategy = mapping.required("strategy", "the masking strategy's name")?.nonEmptyString() else { return nil }
        var configuration: [String: String] = [:]
        if let value = mapping.optional("configuration"), case .mapping(let pairs) = value.node {
            _ = value.mapping { settings -> Void? in
                for (key, _) in pairs {
                    guard let name = key.scalar?.string, let setting = settings.optional(name) else { continue }
                    if case .scalar(let scalar) = setting.node { configuration[name] = scalar.string }
                }
                return ()
            }
        }
        return MaskingStrategy(strategy: strategy, configuration: configuration)
    }
}
