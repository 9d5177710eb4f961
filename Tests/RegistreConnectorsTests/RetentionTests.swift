import Foundation
import RegistreCore
import Testing
@testable import RegistreConnectors

/// Retention on the databases of the five seed companies (`Tests/Fixtures/retention`), with their
/// example policies unchanged: which rows are gone, anonymised, deactivated or kept at chosen
/// dates, on SQLite and PostgreSQL.
@Suite struct RetentionTests {
    static let folder = FidesSample.root.appendingPathComponent("Tests/Fixtures/retention")
    static let paris = TimeZone(identifier: "Europe/Paris")!

    /// Midnight in Paris on `day` (`2026-11-22`).
    static func day(_ day: String) throws -> Date {
        try #require(AnchorDate.parse(day, timeZone: paris))
    }

    /// A hash for tests: the identity and the kind, readable.
    static let hash: @Sendable (String, RetentionFacts.Record) -> String = { identity, record in "\(record.rawValue):\(identity)" }

    /// Runs `body` with the company `name` loaded in `backend`, its example policy and dataset,
    /// and a writable connector.
    static func withCompany<T: Sendable>(
        _ name: String, policy: String, _ backend: Backend, _ body: (Policy, Dataset, any Connector) async throws -> T
    ) async throws -> T {
        let company = folder.appendingPathComponent(name)
        let policy = try #require(PolicyLoader.load(contentsOf: FidesSample.root.appendingPathComponent("Examples/\(policy)").path).policy)
        let loaded = try DatasetLoader.load(contentsOf: company.appendingPathComponent("dataset.yml").path)
        #expect(loaded.findings.isEmpty, "\(loaded.findings.map(\.description))")
        let dataset = try #require(loaded.datasets?.first)
        return try await ConnectorFixture.with(backend, scripts: ["schema.sql", "seed.sql"].map { company.appendingPathComponent($0) }) { fixture in
            try await fixture.withConnector(writable: true) { connector in try await body(policy, fixture.placed(dataset), connector) }
        }
    }

    /// The plan at `date` as `status action collection key` lines, sorted.
    static func plan(_ planner: RetentionPlanner, at date: Date) async throws -> (lines: [String], summary: RetentionSummary) {
        var lines: [String] = []
        let summary = try await planner.plan(at: date) { _, items in
            lines += items.map { "\($0.status.rawValue) \($0.action.rawValue) \($0.collection) \($0.rowDescription)\($0.fields.isEmpty ? "" : " \($0.fields.joined(separator: ","))")" }
        }
        return (lines.sorted(), summary)
    }

    /// The values of `columns` of every row of `table`, by id.
    static func rows(_ connector: any Connector, _ table: String, _ columns: [String] = ["id"]) async throws -> [String] {
        try await connector.page(of: TableName(schema: nil, name: table), columns: ["id"] + columns.filter { $0 != "id" }, key: ["id"], after: nil, limit: 1_000)
            .map { row in row.values.map { $0.jsonText ?? "NULL" }.joined(separator: "|") }
    }

    // MARK: ODOIP

    /// Contract ends recorded in Registre for three customers, and one for someone the
    /// database does not know.
    static func odoipFacts(restrictions: [String: String] = [:], holds: [LegalHoldScope] = []) throws -> RetentionFacts {
        var events: [String: [String: Date]] = [:]
        for (email, day) in [
            ("alice.martin@exemple.fr", "2022-06-30"), ("bruno.petit@example.com", "2024-01-15"), ("david.leroy@example.com", "2023-11-22"),
            ("nobody@example.com", "2023-01-01"),
        ] {
            events[hash("email=\(email)", .event)] = ["contract_end": try Self.day(day)]
        }
        return RetentionFacts(hash: hash, events: events, restrictions: restrictions, holds: holds)
    }

    @Test("ODOIP: billing 10 years, security logs rolling one year, prospects 3 years after last contact, support one year after the contract", arguments: Backend.allCases)
    func odoip(_ backend: Backend) async throws {
        try await Self.withCompany("odoip", policy: "odoip.yaml", backend) { policy, dataset, connector in
            let planner = RetentionPlanner(policy: policy, dataset: dataset, connector: connector, facts: try Self.odoipFacts(), pageSize: 2)
            let (lines, summary) = try await Self.plan(planner, at: try Self.day("2026-11-22"))
            #expect(lines == [
                "due delete access_log id=9001",  // 2025-11-21T10:00Z, rolling year over on the 21st
                "due delete access_log id=9003",
                "due delete customer id=1",  // contract ended 2022-06-30, + 3 years
                "due delete customer id=4",  // contract ended 2023-11-22: due this very day
                "due delete invoice id=1001",  // issued 2015-03-01, + 10 years
                "due delete invoice id=1004",
                "due delete prospect id=701",  // last contact 2023-01-10
                "due delete support_ticket id=501",
                "due delete support_ticket id=502",  // Bruno's contract ended 2024-01-15: his ticket goes, he stays
                "due delete support_ticket id=504",
                "flagged none prospect id=703",  // last_contact_at NULL
                "flagged none prospect id=704",  // 'le mois dernier'
            ])
            #expect(summary.eventsForUnknownPeople == 1)
            #expect(summary.waiting == ["customer contract_end": 1, "support_ticket contract_end": 1])  // Chloé's contract runs

            // A day earlier: David's contract ends tomorrow + 3 years, the log of the 21st at 11:00 in Paris has a few hours left.
            let before = try await Self.plan(planner, at: try Self.day("2026-11-21")).lines
            #expect(!before.contains("due delete customer id=4"))
            #expect(!before.contains("due delete access_log id=9001"))
            #expect(before.contains("due delete customer id=1"))

            let executor = RetentionExecutor(planner: planner, secret: Array(repeating: 7, count: 32))
            var batches: [RetentionExecutor.Batch] = []
            let outcome = try await executor.run(at: try Self.day("2026-11-22")) { batches.append($0) }
            #expect(outcome.failures.isEmpty)
            #expect(outcome.applied == ["access_log delete": 2, "customer delete": 2, "invoice delete": 2, "prospect delete": 1, "support_ticket delete": 3])
            #expect(batches.allSatisfy { $0.keysDigest.count == 64 && $0.failures.isEmpty })
            #expect(try await Self.rows(connector, "customer") == ["2", "3"])
            // The invoices outlive their customer, whose link the database cut.
            #expect(try await Self.rows(connector, "invoice", ["customer_id"]) == ["1002|NULL", "1003|2", "1005|NULL"])
            #expect(try await Self.rows(connector, "support_ticket") == ["503"])
            #expect(try await Self.rows(connector, "prospect") == ["702", "703", "704", "705"])
            #expect(try await Self.rows(connector, "access_log") == ["9002", "9004"])

            // Run again: nothing is left to do.
            let again = try await executor.run(at: try Self.day("2026-11-22")) { _ in }
            #expect(again.applied.isEmpty)
            #expect(try await Self.plan(planner, at: try Self.day("2026-11-22")).lines == ["flagged none prospect id=703", "flagged none prospect id=704"])
        }
    }

    @Test("A legal hold on a person, a restriction and a hold on a collection turn deletions into held ones", arguments: Backend.allCases)
    func holds(_ backend: Backend) async throws {
        try await Self.withCompany("odoip", policy: "odoip.yaml", backend) { policy, dataset, connector in
            let facts = try Self.odoipFacts(
                restrictions: [Self.hash("email=emma.blanc@example.com", .restriction): "restricted (Art. 18)"],
                holds: [
                    LegalHoldScope(target: .subject(Self.hash("email=alice.martin@exemple.fr", .hold)), reason: "litigation"),
                    LegalHoldScope(target: .collection(dataset: "odoip", name: "access_log"), reason: "security investigation"),
                    LegalHoldScope(target: .collection(dataset: "another", name: "customer"), reason: "another dataset's"),
                ])
            let planner = RetentionPlanner(policy: policy, dataset: dataset, connector: connector, facts: facts)
            let lines = try await Self.plan(planner, at: try Self.day("2026-11-22")).lines
            #expect(lines.filter { $0.hasPrefix("held") } == [
                "held delete access_log id=9001", "held delete access_log id=9003", "held delete customer id=1", "held delete invoice id=1001",
                "held delete prospect id=701", "held delete support_ticket id=501",
            ])
            let outcome = try await RetentionExecutor(planner: planner, secret: Array(repeating: 7, count: 32)).run(at: try Self.day("2026-11-22")) { _ in }
            #expect(outcome.applied == ["customer delete": 1, "invoice delete": 1, "support_ticket delete": 2])
            #expect(try await Self.rows(connector, "customer") == ["1", "2", "3"])
            #expect(try await Self.rows(connector, "invoice") == ["1001", "1002", "1003", "1005"])
            #expect(try await Self.rows(connector, "prospect") == ["701", "702", "703", "704", "705"])
            #expect(try await Self.rows(connector, "access_log") == ["9001", "9002", "9003", "9004"])
        }
    }

    @Test("A run cut off halfway reports only what it committed, and the next run finishes the work", arguments: Backend.allCases)
    func interrupted(_ backend: Backend) async throws {
        let company = Self.folder.appendingPathComponent("odoip")
        let policy = try #require(PolicyLoader.load(contentsOf: FidesSample.root.appendingPathComponent("Examples/odoip.yaml").path).policy)
        let dataset = try #require(try DatasetLoader.load(contentsOf: company.appendingPathComponent("dataset.yml").path).datasets?.first)
        let folder = try SubjectFinderTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Deleting customers fails: on PostgreSQL the server ends the connection in the middle of
        // the transaction, on SQLite the statement aborts.
        let cut = folder.appendingPathComponent("cut.sql")
        try (backend == .postgres
            ? """
            CREATE FUNCTION cut() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NULL; END $$;
            CREATE TRIGGER cut BEFORE DELETE ON customer FOR EACH STATEMENT EXECUTE FUNCTION cut();
            """
            : "CREATE TRIGGER cut BEFORE DELETE ON customer BEGIN SELECT RAISE(ABORT, 'the disk went away'); END;"
        ).write(to: cut, atomically: true, encoding: .utf8)
        let scripts = ["schema.sql", "seed.sql"].map { company.appendingPathComponent($0) } + [cut]
        try await ConnectorFixture.with(backend, scripts: scripts) { fixture in
            let dataset = fixture.placed(dataset)
            let now = try Self.day("2026-11-22")
            var committed: [String] = []
            let error = await #expect(throws: ConnectorError.self) {
                try await fixture.withConnector(writable: true) { connector in
                    let planner = RetentionPlanner(policy: policy, dataset: dataset, connector: connector, facts: try Self.odoipFacts(), pageSize: 2)
                    _ = try await RetentionExecutor(planner: planner, secret: [7]).run(at: now) { batch in
                        committed += batch.rows.map { "\(batch.collection) \($0.key) \($0.value)" }
                    }
                }
            }
            #expect(error?.code == "write-failed")
            // The server's "terminating connection" message, or the closed connection itself when
            // it is seen first.
            #expect(backend == .sqlite || error?.message.lowercased().contains("connection") == true, "\(String(describing: error))")
            try await fixture.withConnector(writable: true) { (connector: any Connector) async throws -> Void in
                // What was reported committed is done; the customers' batch is not, in part or whole.
                #expect(committed.sorted() == [
                    "access_log delete 1", "access_log delete 1", "invoice delete 1", "invoice delete 1", "prospect delete 1", "support_ticket delete 1",
                    "support_ticket delete 2",
                ])
                #expect(try await Self.rows(connector, "access_log") == ["9002", "9004"])
                #expect(try await Self.rows(connector, "support_ticket") == ["503"])
                #expect(try await Self.rows(connector, "customer") == ["1", "2", "3", "4"])
            }
            try await fixture.execute(backend == .postgres ? "DROP TRIGGER cut ON customer" : "DROP TRIGGER cut")
            try await fixture.withConnector(writable: true) { connector in
                let planner = RetentionPlanner(policy: policy, dataset: dataset, connector: connector, facts: try Self.odoipFacts(), pageSize: 2)
                let outcome = try await RetentionExecutor(planner: planner, secret: [7]).run(at: now) { _ in }
                #expect(outcome.applied == ["customer delete": 2])
                #expect(try await Self.rows(connector, "customer") == ["2", "3"])
            }
        }
    }

    // MARK: Odigo's help centre

    @Test("Odigo's help centre: accounts deactivated at the contract's end and deleted 30 days later, forum authors anonymised", arguments: Backend.allCases)
    func helpCentre(_ backend: Backend) async throws {
        try await Self.withCompany("odigo-helpcenter", policy: "odigo-helpcenter.yaml", backend) { policy, dataset, connector in
            var events: [String: [String: Date]] = [:]
            events[Self.hash("email=anne@client-a.example.com", .event)] = ["contract_end": try Self.day("2026-11-01")]
            events[Self.hash("email=bob@client-b.example.com", .event)] = ["contract_end": try Self.day("2026-09-01")]
            events[Self.hash("email=dan@client-d.example.com", .event)] = [
                "contract_end": try Self.day("2026-11-10"), "erasure_request": try Self.day("2026-11-15"),
            ]
            let planner = RetentionPlanner(policy: policy, dataset: dataset, connector: connector, facts: RetentionFacts(hash: Self.hash, events: events))
            #expect(try await Self.plan(planner, at: try Self.day("2026-11-22")).lines == [
                "due anonymise forum_message id=11 author_name",
                "due anonymise forum_message id=12 author_name",
                "due deactivate account id=1 active",  // Dan's account (4) is already inactive
                "due delete account id=2",  // contract ended 2026-09-01, deleted 30 days after its deactivation
                "due delete forum_message id=15",  // Dan asked to delete it; his contract ended too
                "due delete security_log id=21",
            ])
            let executor = RetentionExecutor(planner: planner, secret: Array(repeating: 7, count: 32))
            let first = try await executor.run(at: try Self.day("2026-11-22")) { _ in }
            #expect(first.failures.isEmpty)
            #expect(try await Self.rows(connector, "account", ["active"]) == ["1|0", "3|1", "4|0"])
            #expect(try await Self.rows(connector, "forum_message", ["account_id", "author_name"]) == [
                "11|1|Utilisateur anonyme", "12|NULL|Utilisateur anonyme", "13|3|Carla D.",
            ])
            #expect(try await Self.rows(connector, "forum_message", ["body"])[0] == "11|Comment exporter les statistiques de file d'attente ?")
            #expect(try await Self.rows(connector, "security_log") == ["22"])
            #expect(try await executor.run(at: try Self.day("2026-11-22")) { _ in }.applied.isEmpty)

            // 30 days after their deactivation, Anne's account goes; Dan's ten days later.
            _ = try await executor.run(at: try Self.day("2026-12-02")) { _ in }
            #expect(try await Self.rows(connector, "account") == ["3", "4"])
            _ = try await executor.run(at: try Self.day("2026-12-10")) { _ in }
            #expect(try await Self.rows(connector, "account") == ["3"])
            #expect(try await Self.rows(connector, "forum_message", ["account_id"]) == ["11|NULL", "12|NULL", "13|3"])
        }
    }

    @Test("An intermediate-archiving phase writes the dataset's archive values, then the row is deleted when the next phase ends", arguments: Backend.allCases)
    func archiving(_ backend: Backend) async throws {
        let company = Self.folder.appendingPathComponent("odoip")
        // ODOIP's security logs, archived after 6 months and deleted 6 months later.
        let text = try String(contentsOf: FidesSample.root.appendingPathComponent("Examples/odoip.yaml"), encoding: .utf8)
        let rolling = "      - anchor: collection\n        duration: P1Y\n        rolling: true\n"
        #expect(text.contains(rolling))
        let phased = text.replacingOccurrences(of: rolling, with: """
                  - phases:
                      - {id: archive, anchor: collection, duration: P6M, action: archive}
                      - {id: delete, after: archive, duration: P6M, action: delete}

            """)
        let policy = try #require(try PolicyLoader.load(text: phased, file: "odoip-archive.yaml").policy)
        let datasetText = try String(contentsOf: company.appendingPathComponent("dataset.yml"), encoding: .utf8)
            .replacingOccurrences(of: "          activities: [security]\n", with: "          activities: [security]\n          archive: {archived: 1}\n")
            .replacingOccurrences(of: "          - name: logged_at\n", with: "          - name: archived\n            data_categories: [system.operations]\n          - name: logged_at\n")
        let loaded = try DatasetLoader.load(text: datasetText, file: "dataset.yml")
        #expect(loaded.findings.isEmpty, "\(loaded.findings.map(\.description))")
        let dataset = try #require(loaded.datasets?.first)
        let folder = try SubjectFinderTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let archived = folder.appendingPathComponent("archived.sql")
        try "ALTER TABLE access_log ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;".write(to: archived, atomically: true, encoding: .utf8)
        let scripts = ["schema.sql", "seed.sql"].map { company.appendingPathComponent($0) } + [archived]
        try await ConnectorFixture.with(backend, scripts: scripts) { fixture in
            try await fixture.withConnector(writable: true) { connector in
                let planner = RetentionPlanner(policy: policy, dataset: fixture.placed(dataset), connector: connector, facts: try Self.odoipFacts())
                let lines = try await Self.plan(planner, at: try Self.day("2026-11-22")).lines.filter { $0.contains("access_log") }
                #expect(lines == [
                    "due archive access_log id=9002 archived",  // archived since 2026-05-22 12:00, deleted at noon
                    "due archive access_log id=9004 archived",
                    "due delete access_log id=9001",
                    "due delete access_log id=9003",
                ])
                let executor = RetentionExecutor(planner: planner, secret: [7])
                let outcome = try await executor.run(at: try Self.day("2026-11-22")) { _ in }
                #expect(outcome.failures.isEmpty && outcome.applied["access_log archive"] == 2 && outcome.applied["access_log delete"] == 2)
                #expect(try await Self.rows(connector, "access_log", ["archived"]) == ["9002|1", "9004|1"])
                #expect(try await executor.run(at: try Self.day("2026-11-22")) { _ in }.applied["access_log archive"] == nil)
                _ = try await executor.run(at: try Self.day("2026-11-23")) { _ in }
                #expect(try await Self.rows(connector, "access_log", ["archived"]) == ["9004|1"])
            }
        }
    }

    @Test("In a table that refers to itself, the next page is read once the one before is written: rows a deletion cascaded to are not counted twice", arguments: Backend.allCases)
    func selfReference(_ backend: Backend) async throws {
        let policy = try #require(PolicyLoader.load(contentsOf: FidesSample.root.appendingPathComponent("Examples/odoip.yaml").path).policy)
        let text = """
            dataset:
              - fides_key: threads
                collections:
                  - name: event
                    registre:
                      activities: [security]
                      anchors: {collection: logged_at}
                    fields:
                      - name: id
                        data_categories: [system.operations]
                        fides_meta: {primary_key: true, data_type: integer}
                      - name: parent_id
                        data_categories: [system.operations]
                        fides_meta:
                          references: [{dataset: threads, field: event.id, direction: to}]
                      - name: ip_address
                        data_categories: [user.device.ip_address]
                      - name: logged_at
                        data_categories: [system.operations]
            """
        let dataset = try #require(try DatasetLoader.load(text: text, file: "threads.yml").datasets?.first)
        let folder = try SubjectFinderTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("threads.sql")
        // Event 1 opens a thread that events 3 and 4 follow; deleting it deletes them.
        let rows = [(1, "NULL"), (2, "NULL"), (3, "1"), (4, "1"), (5, "NULL"), (6, "NULL")]
            .map { "(\($0.0), \($0.1), '192.0.2.\($0.0)', '2020-01-0\($0.0)T10:00:00Z')" }.joined(separator: ", ")
        try """
            CREATE TABLE event (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES event (id) ON DELETE CASCADE, ip_address TEXT, logged_at TEXT NOT NULL);
            INSERT INTO event (id, parent_id, ip_address, logged_at) VALUES \(rows);
            """.write(to: script, atomically: true, encoding: .utf8)
        try await ConnectorFixture.with(backend, scripts: [script]) { fixture in
            try await fixture.withConnector(writable: true) { connector in
                let planner = RetentionPlanner(policy: policy, dataset: fixture.placed(dataset), connector: connector, pageSize: 2)
                let outcome = try await RetentionExecutor(planner: planner, secret: [7]).run(at: try Self.day("2026-11-22")) { _ in }
                #expect(outcome.failures.isEmpty)
                #expect(outcome.applied == ["event delete": 4], "events 3 and 4 went with event 1, and were not read again")
                #expect(try await Self.rows(connector, "event").isEmpty)
            }
        }
    }

    // MARK: Odigo's website

    @Test("Odigo's website: prospects 3 years after the last contact, customers until the contract ends, candidates 2 years, logs 1 year", arguments: Backend.allCases)
    func odigoWebsite(_ backend: Backend) async throws {
        try await Self.withCompany("odigo-www", policy: "odigo-www.yaml", backend) { policy, dataset, connector in
            var events: [String: [String: Date]] = [:]
            events[Self.hash("email=laura.costa@example.com", .event)] = ["objection": try Self.day("2026-03-01")]
            events[Self.hash("email=nadia.ferrand@exemple.fr", .event)] = ["contract_end": try Self.day("2026-10-01")]
            events[Self.hash("email=samir.chevalier@exemple.fr", .event)] = ["objection": try Self.day("2026-01-10")]
            let planner = RetentionPlanner(policy: policy, dataset: dataset, connector: connector, facts: RetentionFacts(hash: Self.hash, events: events))
            let (lines, summary) = try await Self.plan(planner, at: try Self.day("2026-11-22"))
            #expect(lines == [
                "due delete contact_request id=1",  // a prospect: last contact 2023-11-21 15:00, + 3 years
                "due delete contact_request id=3",  // a prospect who objected (' Prospect ' in the column)
                "due delete contact_request id=5",  // a customer whose contract ended
                "due delete job_application id=21",  // applied 2024-11-21, + 2 years
                "due delete job_application id=23",  // objected
                "due delete server_log id=31",  // 23:59:59 in Paris on 2025-11-21
                "due delete server_log id=32",
                "flagged none contact_request id=6",  // a partner: the rules name prospects and customers
                "flagged none contact_request id=7",  // NULL
            ])
            // Marc is a customer whose contract runs: his 2020 request stays, whatever the prospects' rule says.
            #expect(summary.waiting == ["contact_request contract_end": 1])
            var explanations: [String: String] = [:]
            try await planner.plan(at: try Self.day("2026-11-22")) { _, items in
                for item in items { explanations["\(item.collection) \(item.rowDescription)"] = item.explanation }
            }
            #expect(explanations["contact_request id=3"]?.contains("the person's objection ends it early") == true)
            #expect(explanations["contact_request id=6"]?.contains("contact_request.requester_type holds 'partner'") == true)
            #expect(explanations["contact_request id=7"]?.contains("contact_request.requester_type is NULL") == true)
            let before = try await Self.plan(planner, at: try Self.day("2026-11-21")).lines
            #expect(!before.contains("due delete contact_request id=1"))
            #expect(!before.contains("due delete server_log id=31"))
            #expect(before.contains("due delete job_application id=21"))

            let executor = RetentionExecutor(planner: planner, secret: Array(repeating: 7, count: 32))
            let outcome = try await executor.run(at: try Self.day("2026-11-22")) { _ in }
            #expect(outcome.failures.isEmpty)
            #expect(try await Self.rows(connector, "contact_request") == ["2", "4", "6", "7"])
            #expect(try await Self.rows(connector, "job_application") == ["22"])
            #expect(try await Self.rows(connector, "server_log") == ["33"])
            #expect(try await executor.run(at: try Self.day("2026-11-22")) { _ in }.applied.isEmpty)
        }
    }

    // MARK: OUICOM

    @Test("OUICOM: contract data 5 or 10 years after the contract (the longest applies), requests until the relationship ends, rights ending both early", arguments: Backend.allCases)
    func ouicom(_ backend: Backend) async throws {
        try await Self.withCompany("ouicom", policy: "ouicom.yaml", backend) { policy, dataset, connector in
            var events: [String: [String: Date]] = [:]
            events[Self.hash("email=wendy.perrin@exemple.fr", .event)] = ["erasure_request": try Self.day("2026-02-01")]
            events[Self.hash("email=yasmine.bonnet@exemple.fr", .event)] = ["relationship_end": try Self.day("2026-09-30")]
            events[Self.hash("email=adam.fontaine@exemple.fr", .event)] = ["objection": try Self.day("2026-05-05")]
            let planner = RetentionPlanner(policy: policy, dataset: dataset, connector: connector, facts: RetentionFacts(hash: Self.hash, events: events))
            let (lines, summary) = try await Self.plan(planner, at: try Self.day("2026-11-22"))
            #expect(lines == [
                "due delete client id=1",  // contract ended 2016-11-21: the 10 years are over
                "due delete client id=4",  // asked for erasure
                "due delete information_request id=11",  // the relationship ended
                "due delete information_request id=13",  // objected before it ended
                "flagged none client id=3",  // contract_ended_on NULL
            ])
            #expect(summary.waiting == ["information_request relationship_end": 1])
            var explanations: [String: String] = [:]
            try await planner.plan(at: try Self.day("2026-11-22")) { _, items in
                for item in items { explanations["\(item.collection) \(item.rowDescription)"] = item.explanation }
            }
            let first = try #require(explanations["client id=1"])
            #expect(first.contains("P10Y after contract_end") && first.contains("It outlasted") && first.contains("the longest period applies"), "\(first)")

            let outcome = try await RetentionExecutor(planner: planner, secret: [7]).run(at: try Self.day("2026-11-22")) { _ in }
            #expect(outcome.applied == ["client delete": 2, "information_request delete": 2])
            // Ursula's contract ended in 2020: past 5 years, not past 10.
            #expect(try await Self.rows(connector, "client") == ["2", "3", "5"])
            #expect(try await Self.rows(connector, "information_request") == ["12"])
        }
    }

    // MARK: OCTOOP

    @Test("OCTOOP: accounting 10 years, commercial data 5 years after the contract, prospects 3 years, chat 6 months, trackers 13 months", arguments: Backend.allCases)
    func octoop(_ backend: Backend) async throws {
        try await Self.withCompany("octoop", policy: "octoop.yaml", backend) { policy, dataset, connector in
            let planner = RetentionPlanner(policy: policy, dataset: dataset, connector: connector)
            let (lines, summary) = try await Self.plan(planner, at: try Self.day("2026-11-22"))
            #expect(lines == [
                "due anonymise support_conversation id=301 transcript",  // the chat's 6 months are over, the contact's 3 years are not
                "due delete demo_request id=201",
                "due delete invoice id=101",  // issued 2016-11-21
                "due delete site_visit id=401",  // first seen 2025-10-22, + 13 months
                "due delete site_visit id=403",
                "due delete support_conversation id=302",
                "due delete user_account id=1",  // contract ended 2021-11-21 19:00 in Paris
            ])
            #expect(summary.uncovered.isEmpty && summary.skipped.isEmpty)
            // Without people's facts the database makes the first cut: rows whose dates are years
            // from due stay on its side (invoice 103, demo request 202, account 2).
            #expect(summary.rowsRead == ["demo_request": 1, "invoice": 2, "site_visit": 3, "support_conversation": 4, "user_account": 1])
            var explanations: [String: String] = [:]
            try await planner.plan(at: try Self.day("2026-11-22")) { _, items in
                for item in items { explanations["\(item.collection) \(item.rowDescription)"] = item.explanation }
            }
            #expect(explanations["support_conversation id=301"]?.contains("The row stays") == true)
            // Across the end of summer time: 08:00 on 22 October (+02:00) + 13 months is 08:00 on 22 November (+01:00).
            let later = try await Self.plan(planner, at: try #require(AnchorDate.parse("2026-11-22T08:00:00", timeZone: Self.paris))).lines
            #expect(later.contains("due delete site_visit id=402"))
            #expect(!(try await Self.plan(planner, at: try #require(AnchorDate.parse("2026-11-22T07:59:59", timeZone: Self.paris))).lines.contains("due delete site_visit id=402")))

            let outcome = try await RetentionExecutor(planner: planner, secret: [7]).run(at: try Self.day("2026-11-22")) { _ in }
            #expect(outcome.failures.isEmpty)
            #expect(try await Self.rows(connector, "user_account") == ["2"])
            #expect(try await Self.rows(connector, "invoice", ["account_id"]) == ["102|NULL", "103|2"])
            #expect(try await Self.rows(connector, "demo_request") == ["202"])
            #expect(try await Self.rows(connector, "support_conversation", ["contact_name", "transcript"]) == [
                "301|Fabrice Lemoine|NULL", "303|Henri Collin|Merci pour la démo !", "304|Isabelle Rey|NULL",
            ])
            #expect(try await Self.rows(connector, "site_visit") == ["402"])
            #expect(try await RetentionExecutor(planner: planner, secret: [7]).run(at: try Self.day("2026-11-22")) { _ in }.applied.isEmpty)
        }
    }

    @Test("A table is read a page at a time in key order, every row once, numbers as numbers", arguments: Backend.allCases)
    func pages(_ backend: Backend) async throws {
        let folder = try SubjectFinderTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("t.sql")
        let values = (1...25).map { "(\($0), \($0 % 3), 'v\($0)')" }.joined(separator: ", ")
        try "CREATE TABLE t (id INTEGER PRIMARY KEY, k INTEGER NOT NULL, v TEXT); INSERT INTO t (id, k, v) VALUES \(values);"
            .write(to: script, atomically: true, encoding: .utf8)
        try await ConnectorFixture.with(backend, scripts: [script]) { fixture in
            try await fixture.withConnector { connector in
                for key in [["id"], ["k", "id"]] {
                    var seen: [[SQLValue]] = []
                    var after: [SQLValue]?
                    while true {
                        let rows = try await connector.page(of: TableName(schema: fixture.schema, name: "t"), columns: ["id", "k", "v"], key: key, after: after, limit: 4)
                        guard let last = rows.last else { break }
                        seen += rows.map { row in key.map { row[$0] ?? .null } }
                        after = key.map { last[$0] ?? .null }
                    }
                    let expected = (1...25).map { id in key.count == 1 ? [SQLValue.integer(Int64(id))] : [.integer(Int64(id % 3)), .integer(Int64(id))] }
                    #expect(seen == expected.sorted { $0.lexicographicallyPrecedes($1) }, "\(key)")
                }
            }
        }
    }

    // MARK: Dates

    @Test("Anchor dates as databases write them; what is not a date is refused")
    func anchorDates() throws {
        let utc = TimeZone(identifier: "UTC")!
        func parse(_ text: String, _ zone: TimeZone = Self.paris) -> Double? { AnchorDate.parse(text, timeZone: zone)?.timeIntervalSince1970 }
        #expect(parse("2026-01-31") == 1_769_814_000)  // midnight in Paris, 23:00 UTC the day before
        #expect(parse("2026-01-31", utc) == 1_769_817_600)
        #expect(parse("2025-11-21T10:00:00Z") == 1_763_719_200)
        #expect(parse("2025-11-21 11:00:00+01") == 1_763_719_200)  // PostgreSQL's timestamptz as text
        #expect(parse("2025-11-21T11:00:00+01:00") == 1_763_719_200)
        #expect(parse("2025-11-21T06:00:00-0400") == 1_763_719_200)
        #expect(parse("2025-11-21T10:00:00.250Z") == 1_763_719_200.25)
        #expect(parse("2025-11-21 11:00:00") == 1_763_719_200)  // no offset: read in the dataset's time zone
        #expect(parse("2025-07-01T12:00") == 1_751_364_000)  // summer time, +02:00
        // 02:30 on 29 March 2026 does not exist in Paris (clocks jump from 02:00 to 03:00).
        #expect(parse("2026-03-29T02:30:00").map { $0 >= 1_774_746_000 } == true)
        for text in ["le mois dernier", "2026-02-30", "2026-13-01", "31/01/2026", "2026-01-31T25:00:00Z", "2026-01-31T10:00:00+", ""] {
            #expect(parse(text) == nil, "\(text)")
        }
        #expect(AnchorDate.read(.integer(1_763_719_200), timeZone: Self.paris) == .success(Date(timeIntervalSince1970: 1_763_719_200)))
        #expect(AnchorDate.read(.null, timeZone: Self.paris) == .failure(.missing))
        #expect(AnchorDate.read(.blob([1]), timeZone: Self.paris) == .failure(.unreadable("binary data")))
    }

    @Test("Periods run on the wall clock of the dataset's time zone, months as Regulation 1182/71 counts them")
    func periods() throws {
        let month = ISODuration(months: 1)
        let endOfJanuary = try Self.day("2026-01-31")
        #expect(month.added(to: endOfJanuary, in: Self.paris) == (try Self.day("2026-02-28")))
        // Across the end of summer time a day lasts 25 hours on the wall clock.
        let day = ISODuration(days: 1)
        let saturday = try #require(AnchorDate.parse("2025-10-25T12:00:00", timeZone: Self.paris))
        #expect(day.added(to: saturday, in: Self.paris).timeIntervalSince(saturday) == 25 * 3600)
        let year = ISODuration(years: 1)
        let leapDay = try Self.day("2028-02-29")
        #expect(year.added(to: leapDay, in: Self.paris) == (try Self.day("2029-02-28")))
    }

    @Test("Anchor columns, deactivate values, the data subject column and the time zone of a dataset are checked where they are written")
    func datasetKeys() throws {
        let text = """
            dataset:
              - fides_key: d
                registre: {time_zone: Europe/Pariss}
                collections:
                  - name: t
                    registre:
                      activities: [a]
                      anchors: {contract_ends: ended_at, last_contact: contacted_at}
                      deactivate: {enabled: 0}
                      data_subject_column: kind
                    fields:
                      - name: id
                        fides_meta: {primary_key: true}
            """
        let findings = try DatasetLoader.load(text: text, file: "d.yml").findings
        let messages = findings.map { "\($0.location.line): \($0.message)" }
        #expect(messages.contains { $0.hasPrefix("3:") && $0.contains("'Europe/Pariss' is not an IANA time zone") })
        #expect(messages.contains { $0.hasPrefix("8:") && $0.contains("'contract_ends', which is not a retention anchor") })
        #expect(messages.contains { $0.hasPrefix("8:") && $0.contains("registre.anchors.last_contact names 'contacted_at', which is not a field") })
        #expect(messages.contains { $0.contains("registre.deactivate sets 'enabled', which is not a field") })
        #expect(messages.contains { $0.contains("registre.data_subject_column names 'kind', which is not a field") })
    }
}
