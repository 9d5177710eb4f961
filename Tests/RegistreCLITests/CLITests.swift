import Foundation
import Testing

/// The `registre` command as a user runs it: a real process, its exit status, its output.
@Suite struct CLITests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built `registre` beside the test bundle.
    static var binary: URL {
        var directory = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("registre")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("registre")
    }

    func registre(_ arguments: String...) throws -> Run {
        try registre(arguments, environment: [:])
    }

    /// Runs the command with `environment` added to this process's.
    func registre(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.currentDirectoryURL = Self.repository
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("registre-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func checkExitsZeroOnACleanPolicy() throws {
        let run = try registre("check", "Examples/exemple-sas.yaml", "--today", "2026-11-22")
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("0 error(s), 0 warning(s)"))
    }

    @Test func checkExitsOneWithLocatedFindingsOnASeed() throws {
        let run = try registre("check", "Examples/ouicom.yaml", "--today", "2026-11-22")
        #expect(run.status == 1)
        let first = try #require(run.stdout.split(separator: "\n").first)
        #expect(first.hasPrefix("Examples/ouicom.yaml:"))
        #expect(first.contains(": error: ") || first.contains(": warning: "))
        #expect(run.stdout.contains("[retention-ambiguous]"), "OUICOM's '5 or 10 years' must be reported")
    }

    @Test func logLinesGoToStandardErrorAsJSONAndLeaveTheAnswerAlone() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("registre.sqlite").path
        let run = try registre(["token", "create", "ops", "--database", database], environment: ["REGISTRE_LOG_LEVEL": "chatty"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").count == 1 && !run.stdout.contains("{"), "standard output is the token alone: \(run.stdout)")
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(run.stderr)")
        let warning = try #require(try JSONSerialization.jsonObject(with: Data((lines.first ?? "").utf8)) as? [String: Any])
        #expect(warning["level"] as? String == "warning")
        #expect((warning["message"] as? String)?.hasPrefix("REGISTRE_LOG_LEVEL 'chatty' is not a level") == true)
    }

    @Test func checkExitsTwoOnUnreadableInput() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let latin1 = directory.appendingPathComponent("latin1.yaml")
        try Data([0x6F, 0x3A, 0x20, 0xE9, 0x0A]).write(to: latin1)
        let syntax = directory.appendingPathComponent("syntax.yaml")
        try Data("organization: [\n".utf8).write(to: syntax)
        let empty = directory.appendingPathComponent("empty.yaml")
        try Data().write(to: empty)
        for (path, code) in [(directory.path, "is-directory"), (latin1.path, "not-utf8"), (syntax.path, "yaml-syntax"),
                             (empty.path, "empty-file"), (directory.appendingPathComponent("none").path, "file-not-found")] {
            let run = try registre("check", path)
            #expect(run.status == 2, "\(path): \(run.stderr)")
            #expect(run.stderr.contains("[\(code)]"), "\(run.stderr)")
        }
    }

    @Test func checkWritesJSONAndSARIF() throws {
        let json = try registre("check", "Examples/odoip.yaml", "--format", "json", "--today", "2026-11-22")
        #expect(json.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(findings.count == (report["errors"] as? Int ?? 0) + (report["warnings"] as? Int ?? 0) + (report["notes"] as? Int ?? 0))
        let finding = try #require(findings.first)
        #expect(finding["rule"] is String && finding["reference"] is String && finding["location"] is [String: Any])

        let sarif = try registre("check", "Examples/odoip.yaml", "--format", "sarif", "--today", "2026-11-22")
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == findings.count)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let ruleIDs = Set(rules.compactMap { $0["id"] as? String })
        #expect(results.allSatisfy { ruleIDs.contains($0["ruleId"] as? String ?? "") })
        let region = ((results.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any]
        #expect((region?["startLine"] as? Int ?? 0) > 0)
    }

    @Test func schemaErrorsStopPublishingWithExitOne() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let policy = directory.appendingPathComponent("typo.yaml")
        try Data("organization:\n  name: A\nactivities:\n  - id: a\n    name: A\n    retension: P1Y\n".utf8).write(to: policy)
        let run = try registre("notice", policy.path)
        #expect(run.status == 1)
        #expect(run.stderr.contains("typo.yaml:6:5: error: activities[0] has an unknown key 'retension'; did you mean 'retention'?"))
        #expect(run.stdout.isEmpty)
    }

    @Test func noticeRegisterAndMapWriteWhatWasAsked() throws {
        let french = try registre("notice", "Examples/odoip.yaml", "--lang", "fr", "--format", "html")
        #expect(french.status == 0)
        #expect(french.stdout.contains("<html lang=\"fr\">") && french.stdout.contains("Politique de protection des données personnelles"))
        let english = try registre("notice", "Examples/odoip.yaml", "--lang", "en")
        #expect(english.stdout.hasPrefix("# Privacy notice") && english.stdout.contains("the French version prevails"))
        let unknown = try registre("notice", "Examples/odoip.yaml", "--lang", "de")
        #expect(unknown.status != 0 && unknown.stderr.contains("not 'de'"))
        let csv = try registre("register", "Examples/octoop.yaml", "--format", "csv")
        #expect(csv.status == 0 && csv.stdout.hasPrefix("Référence,"))
        let svg = try registre("map", "Examples/odigo-www.yaml", "--format", "svg")
        #expect(svg.status == 0 && svg.stdout.hasPrefix("<svg"))
    }

    @Test func writingToAPipeKeepsThePipe() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/cat")
        reader.arguments = [fifo]
        let out = Pipe()
        reader.standardOutput = out
        try reader.run()
        let run = try registre("notice", "Examples/odoip.yaml", "--lang", "en", "-o", fifo)
        let received = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        reader.waitUntilExit()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(received.hasPrefix("# Privacy notice"))
        let type = try FileManager.default.attributesOfItem(atPath: fifo)[.type] as? FileAttributeType
        #expect(type != nil && type != .typeRegular, "-o must not replace a pipe or a device with a regular file: \(String(describing: type))")
    }

    @Test func publishWritesEveryDocumentIntoTheFolder() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("site")
        let run = try registre("publish", "Examples/exemple-sas.yaml", "--out", out.path, "--today", "2026-11-22")
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files == ["check.sarif", "check.txt", "map.dot", "map.svg", "notice.en.html", "notice.en.md", "notice.fr.html", "notice.fr.md",
                          "register.csv", "register.html", "register.json"])
    }
}
