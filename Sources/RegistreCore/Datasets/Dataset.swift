import Foundation

/// Where a company's personal data lives: a database described as Ethyca Fides describes it
/// (collections, fields, data categories, identities, primary keys and references), read from
/// Fides's dataset YAML unchanged, with Registre's additions under `registre:` keys.
public struct Dataset: Sendable, Hashable {
    /// The dataset's key (`fides_key`), which references name.
    public var key: String
    /// A readable name.
    public var name: String?
    /// The database schema its tables are in (`fides_meta.namespace.schema`); nil for the
    /// connection's default (`public` on PostgreSQL, `main` on SQLite).
    public var schema: String?
    /// The tables.
    public var collections: [DatasetCollection]
    /// Registre: the time zone of dates and of date-times written without an offset in the
    /// database (`registre.time_zone`, an IANA name); nil for Europe/Paris.
    public var timeZone: String?
    /// Where `fides_key` is written.
    public var location: SourceLocation

    /// The time zone retention reads the database's dates in.
    public var dateTimeZone: TimeZone {
        timeZone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "Europe/Paris")!
    }

    /// The collection named `name`.
    public func collection(_ name: String) -> DatasetCollection? {
        collections.first { $0.name == name }
    }
}

/// A table (a collection in Fides's words).
public struct DatasetCollection: Sendable, Hashable {
    /// The table's name.
    public var name: String
    /// The columns.
    public var fields: [DatasetField]
    /// Registre: the processing activities of the policy this table serves (`registre.activities`).
    public var activities: [String]
    /// Registre: the column whose date starts the retention clock of every rule of the
    /// collection whose anchor `anchors` does not name (`registre.retention_anchor`).
    public var retentionAnchor: String?
    /// Registre: the column holding the date of each anchor event (`registre.anchors`,
    /// `contract_end: contract_ended_at`); the anchor's raw name is the key.
    public var anchors: [String: String] = [:]
    /// Registre: the values a retention `deactivate` phase writes (`registre.deactivate`,
    /// `{active: 0}`); empty when the dataset declares none.
    public var deactivation: [String: String] = [:]
    /// Registre: the values a retention `archive` phase writes (`registre.archive`,
    /// `{archived: 1}`), moving the row into intermediate archiving.
    public var archiving: [String: String] = [:]
    /// Registre: the data subjects (of the policy) every row of the table is about
    /// (`registre.data_subjects: [prospect]`): retention rules for other subjects leave it alone.
    public var dataSubjects: [String] = []
    /// Registre: the column naming, row by row, the data subject (of the policy) the row is
    /// about (`registre.data_subject_column: requester_type`, holding `prospect` or
    /// `customer`), for rules that apply to some subjects only.
    public var dataSubjectColumn: String?
    /// Fides: collections to visit before this one (`fides_meta.after`).
    public var after: [String]
    /// Fides: collections to erase before this one (`fides_meta.erase_after`).
    public var eraseAfter: [String]
    /// Fides: a collection left out of requests (`fides_meta.skip_processing`).
    public var skipProcessing: Bool
    /// Fides: how erasure treats the whole table (`fides_meta.masking_strategy_override`);
    /// `delete` removes the subject's rows instead of masking their fields.
    public var masking: MaskingStrategy?
    /// Where the collection's name is written.
    public var location: SourceLocation

    /// The field named `name`.
    public func field(_ name: String) -> DatasetField? {
        fields.first { $0.name == name }
    }

    /// The primary key's columns, in the order the file lists them.
    public var primaryKey: [DatasetField] { fields.filter(\.primaryKey) }

    /// The column holding the date `anchor` starts from, if the dataset names one: the
    /// anchor's own column, else the collection's retention anchor.
    public func anchorColumn(for anchor: RetentionAnchor) -> String? {
        anchors[anchor.rawValue] ?? retentionAnchor
    }

    /// True when erasure deletes the subject's rows rather than masking fields.
    public var erasesByDeletion: Bool { masking?.strategy == "delete" }

    /// True when a column holds data about a person.
    public var isPersonal: Bool { fields.contains(where: \.isPersonal) }

    /// True when one of its columns refers to the table itself (a message answering another):
    /// a change to one row may then reach others.
    public var refersToItself: Bool { fields.contains { $0.references.contains { $0.collection == name } } }
}

/// A column.
public struct DatasetField: Sendable, Hashable {
    /// The column's name.
    public var name: String
    /// The fideslang data categories of what it holds.
    public var dataCategories: [String]
    /// The identity whose value this column holds (`email`, `phone_number`...), if any.
    public var identity: String?
    /// True when the column is part of the table's primary key.
    public var primaryKey: Bool
    /// Fides's declared type (`string`, `integer`, `object`...).
    public var dataType: String?
    /// The declared maximum length.
    public var length: Int?
    /// Columns this one refers to or is referred from.
    public var references: [FieldReference]
    /// How erasure masks this column, when the dataset says so.
    public var masking: MaskingStrategy?
    /// Fides: a column never written to.
    public var readOnly: Bool
    /// Registre: the subject typed this value in themselves (`registre.provided`), which
    /// portability (Art. 20) is limited to.
    public var provided: Bool
    /// Nested fields of a document-shaped column (Fides's `fields` under a field).
    public var fields: [DatasetField]
    /// Where the field's name is written.
    public var location: SourceLocation

    /// True when the column holds data about a person: a `user.` category.
    public var isPersonal: Bool { dataCategories.contains { $0 == "user" || $0.hasPrefix("user.") } }
}

/// A reference between two columns, as Fides's `fides_meta.references` writes it.
public struct FieldReference: Sendable, Hashable {
    /// Which way values flow between the two columns.
    public enum Direction: String, Sendable, Hashable {
        /// From this column to the other: having rows here, find rows there.
        case to
        /// From the other column to this one: having rows there, find rows here.
        case from
    }

    /// The dataset of the other column.
    public var dataset: String
    /// The other column's collection.
    public var collection: String
    /// The other column.
    public var field: String
    /// The direction; nil means both.
    public var direction: Direction?
    /// Where the reference is written.
    public var location: SourceLocation
}

/// How erasure overwrites a column (Fides's `masking_strategy_override`).
public struct MaskingStrategy: Sendable, Hashable {
    /// `null_rewrite`, `string_rewrite`, `hash`, `random_string_rewrite`...
    public var strategy: String
    /// The strategy's settings, as text.
    public var configuration: [String: String]

    /// Creates a strategy.
    public init(strategy: String, configuration: [String: String] = [:]) {
        self.strategy = strategy
        self.configuration = configuration
    }

    /// Fides's default when a field names none: write NULL.
    public static let nullRewrite = MaskingStrategy(strategy: "null_rewrite")
}
