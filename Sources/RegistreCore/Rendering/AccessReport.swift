import Synchronization

/// What an access request found, as it is shown to the person (GDPR Art. 15): a copy of their
/// data, collection by collection, and what Art. 15(1)(a)-(h) and 15(2) require about it.
public struct AccessReport: Sendable {
    /// The person's rows in one collection (table) of a dataset.
    public struct Collection: Sendable {
        /// The collection's name.
        public var name: String
        /// The ids of the policy's activities this collection serves (`registre.activities`).
        public var activities: [String]
        /// The data categories of its fields that hold something for this person.
        public var categories: [String]
        /// The column names, in the order of each row's values.
        public var columns: [String]
        /// Columns holding credentials, not copied.
        public var withheld: [String]
        /// The rows, each value as text (empty for NULL); the page shows the first
        /// ``AccessReportRenderer/shownRows`` of them.
        public var rows: [[String]]
        /// How many rows there are in all (the export files hold every one).
        public var total: Int
        /// The files of the export holding every row of it.
        public var files: [String]

        /// Creates a collection's part of the report.
        public init(name: String, activities: [String], categories: [String], columns: [String], withheld: [String], rows: [[String]], total: Int, files: [String]) {
            self.name = name
            self.activities = activities
            self.categories = categories
            self.columns = columns
            self.withheld = withheld
            self.rows = rows
            self.total = total
            self.files = files
        }
    }

    /// Every collection with rows of the person.
    public var collections: [Collection]
    /// The day of the answer, `YYYY-MM-DD`.
    public var answeredOn: String

    /// Creates a report.
    public init(collections: [Collection], answeredOn: String) {
        self.collections = collections
        self.answeredOn = answeredOn
    }
}

/// Renders an ``AccessReport`` as the HTML page sent with the export, in one of the policy's
/// languages. The purposes, recipients, retention and sources are the policy's, for the activities
/// the person's collections serve; the rights, the complaint and the transfers are the notice's.
/// That second half of the page depends only on the language and on which activities (and which
/// unlinked collections) the rows serve: a renderer keeps it once rendered, so a server answering
/// many requests with one renderer renders it once per combination.
public struct AccessReportRenderer: Sendable {
    /// How many rows of a collection the page shows; the rest is in the export's files.
    public static let shownRows = 100

    let policy: Policy
    private let processing = ProcessingPages()

    /// Creates a renderer for `policy`.
    public init(policy: Policy) {
        self.policy = policy
    }

    /// The page in `language` (`fr`, `en`).
    public func html(_ report: AccessReport, language: String) -> String {
        let served = Set(report.collections.flatMap(\.activities)).sorted()
        let unlinked = report.collections.filter { $0.activities.isEmpty }.map(\.name)
        let key = ([language] + served + [""] + unlinked).joined(separator: "\u{1}")
        let processing = self.processing.page(for: key) {
            Templates.html(.accessProcessing, MustacheContext.make(processingPage(served: served, unlinked: unlinked, language: language)))
        }
        return Templates.html(.access, MustacheContext.make(dataPage(report, language: language))) + processing
    }

    /// The first half: the person's rows, collection by collection.
    func dataPage(_ report: AccessReport, language: String) -> AccessPage.Person {
        let words = Vocabulary(language)
        let collections = report.collections.map { collection -> AccessPage.Collection in
            let names = collection.activities.compactMap { id in policy.activity(id)?.name.text(in: language, fallback: policy.languages.first) }
            let shown = collection.rows.prefix(Self.shownRows)
            let more = collection.total - shown.count
            return AccessPage.Collection(
                name: collection.name,
                purposes: names.isEmpty ? nil : names.joined(separator: ", "),
                categories: collection.categories.isEmpty
                    ? nil : collection.categories.map { policy.taxonomy.name(of: $0, kind: .dataCategory, language: language) }.joined(separator: ", "),
                count: words.pick(collection.total == 1 ? "1 record" : "\(collection.total) records", collection.total == 1 ? "1 enregistrement" : "\(collection.total) enregistrements"),
                columns: collection.columns,
                withheld: collection.withheld.isEmpty ? nil : words.pick(
                    "Not copied: \(collection.withheld.joined(separator: ", ")). These are credentials (a password hash, a token); copying them would put your account at risk (GDPR Art. 15(4)).",
                    "Non copié\u{00A0}: \(collection.withheld.joined(separator: ", ")). Il s'agit d'éléments d'authentification (empreinte de mot de passe, jeton) ; les copier mettrait votre compte en danger (RGPD art. 15(4))."),
                rows: shown.map { AccessPage.Row(cells: $0) },
                more: more > 0
                    ? words.pick("\(more) more in ", "\(more) de plus dans ") + collection.files.joined(separator: ", ") + "."
                    : nil,
                files: collection.files.joined(separator: ", "))
        }
        return AccessPage.Person(
            language: words.language,
            title: words.pick("Your personal data", "Vos données personnelles"),
            organizationName: policy.organization.name,
            dateLine: words.pick("Answer of ", "Réponse du ") + report.answeredOn,
            intro: words.pick(
                "This is our answer to your request to access your personal data (Article 15 of the General Data Protection Regulation): a copy of every piece of your personal data we found in our systems, and what we do with it.",
                "Voici notre réponse à votre demande d'accès à vos données personnelles (article 15 du Règlement général sur la protection des données)\u{00A0}: une copie de toutes les données vous concernant trouvées dans nos systèmes, et ce que nous en faisons."),
            dataHeading: words.pick("The data we hold about you", "Les données que nous détenons sur vous"),
            noData: report.collections.isEmpty ? words.pick("We found no personal data about you.", "Nous n'avons trouvé aucune donnée vous concernant.") : nil,
            filesLabel: words.pick("Complete copy", "Copie complète"),
            purposesLabel: words.pick("Purposes", "Finalités"),
            categoriesLabel: words.pick("Data", "Données"),
            collections: collections,
            colon: words.colon)
    }

    /// The second half: what the policy says of the activities `served` (every activity when
    /// none is named), the transfers, automated decisions and the rights.
    func processingPage(served: [String], unlinked: [String], language: String) -> AccessPage.Processing {
        let notice = NoticeModelBuilder(policy: policy, language: language, escapeMarkdown: false).build()
        let words = Vocabulary(language)
        // Without any link from the dataset to the policy, every activity may concern the person.
        let activities = served.isEmpty ? notice.activities : notice.activities.filter { served.contains($0.id) }
        var activitiesNote: String?
        if served.isEmpty {
            activitiesNote = words.pick(
                "The dataset does not say which purposes these tables serve; every purpose of our policy is listed.",
                "Le jeu de données n'indique pas à quelles finalités servent ces tables ; toutes les finalités de notre politique sont indiquées.")
        } else if !unlinked.isEmpty {
            activitiesNote = words.pick(
                "The dataset does not say which purposes these tables serve: ",
                "Le jeu de données n'indique pas à quelles finalités servent ces tables\u{00A0}: ") + unlinked.joined(separator: ", ") + "."
        }
        return AccessPage.Processing(
            labels: notice.labels,
            purposesHeading: words.pick("Why we process it, on what basis, who receives it and for how long", "Pourquoi nous les traitons, sur quelle base, qui les reçoit et combien de temps"),
            activitiesNote: activitiesNote,
            activities: activities,
            transfers: notice.transfers,
            hasTransfers: notice.hasTransfers,
            transfersUnknown: notice.transfersUnknown,
            rights: notice.rights,
            exercise: notice.exercise,
            responseTime: notice.responseTime,
            identity: notice.identity,
            complaint: notice.complaint,
            automated: notice.automated ?? words.pick(
                "Our policy declares no automated decision, including profiling, for these purposes.",
                "Notre politique ne déclare aucune décision automatisée, profilage compris, pour ces finalités."),
            dpo: notice.dpo,
            colon: notice.colon)
    }
}

/// The second halves of access pages a renderer has rendered, by language and activities; at
/// most 256, forgotten all at once beyond (a policy has a handful of activities, so this is a
/// bound against a dataset with many unlinked collections, not a working limit).
private final class ProcessingPages: Sendable {
    private let pages = Mutex<[String: String]>([:])

    func page(for key: String, render: () -> String) -> String {
        if let page = pages.withLock({ $0[key] }) { return page }
        let page = render()
        pages.withLock { pages in
            if pages.count >= 256 { pages.removeAll() }
            pages[key] = page
        }
        return page
    }
}

/// The values the access page's templates print.
enum AccessPage {
    struct Row {
        var cells: [String]
    }

    struct Collection {
        var name: String
        var purposes, categories: String?
        var count: String
        var columns: [String]
        var withheld: String?
        var rows: [Row]
        var more: String?
        var files: String
    }

    /// The first template's values.
    struct Person {
        var language, title, organizationName, dateLine, intro, dataHeading: String
        var noData: String?
        var filesLabel, purposesLabel, categoriesLabel: String
        var collections: [Collection]
        var colon: String
    }

    /// The second template's values.
    struct Processing {
        var labels: NoticeModel.Labels
        var purposesHeading: String
        var activitiesNote: String?
        var activities: [NoticeModel.Activity]
        var transfers: [NoticeModel.Transfer]
        var hasTransfers: Bool
        var transfersUnknown: String?
        var rights: [NoticeModel.Right]
        var exercise: String
        var responseTime: String?
        var identity: String?
        var complaint: String
        var automated: String
        var dpo: String?
        var colon: String
    }
}
