import Foundation
import Testing

/// `registre scan` on files, folders and standard input, as a user runs it.
@Suite struct ScanCommandTests {
    let cli = CLITests()

    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("registre-scan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Runs `registre` with `input` on its standard input.
    func registre(_ arguments: [String], input: Data) throws -> CLITests.Run {
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = arguments
        let stdin = Pipe(), out = Pipe(), err = Pipe()
        process.standardInput = stdin
        process.standardOutput = out
        process.standardError = err
        try process.run()
        try stdin.fileHandleForWriting.write(contentsOf: input)
        try stdin.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLITests.Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    let ticket = "Ticket 4821\nClient : Mme Hélène Martin, jean@exemple.fr\nTél : 06 12 34 56 78 — SIRET 732 829 320 00074\n"

    @Test func aFileAsJSONLinesTableAndSummary() throws {
        let folder = try temporaryFolder()
        let file = folder.appendingPathComponent("ticket.txt")
        try Data(ticket.utf8).write(to: file)

        let jsonl = try cli.registre("scan", file.path, "--format", "jsonl")
        #expect(jsonl.status == 0)
        let lines = jsonl.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(lines.map { $0["type"] as! String } == ["person_name", "email", "phone", "siret"])
        #expect(lines[1]["line"] as? Int == 2 && lines[1]["column"] as? Int == 31 && lines[1]["offset"] as? Int == 42)
        #expect(lines[3]["validation"] as? String == "luhn")
        // No values unless asked: the scan's output is not a copy of the personal data.
        #expect(!jsonl.stdout.contains("exemple.fr") && lines.allSatisfy { $0["value"] == nil })

        let values = try cli.registre("scan", file.path, "--format", "jsonl", "--values", "--types", "phone")
        #expect(values.stdout.contains("\"value\":\"06 12 34 56 78\"") && values.stdout.contains("\"e164\":\"+33612345678\""))
        #expect(values.stdout.split(separator: "\n").count == 1)

        let table = try cli.registre("scan", file.path)
        #expect(table.stdout.hasPrefix("ticket.txt:2:14\tperson_name\t0.85\tcontext\n"))

        let summary = try cli.registre("scan", file.path, "--format", "summary")
        #expect(summary.stdout.contains("Scanned 1 input, \(ticket.utf8.count) bytes"))
        #expect(summary.stdout.contains("siret                  1       1"))

        #expect(try cli.registre("scan", file.path, "--fail-on-findings").status == 1)
    }

    @Test func standardInputAndAFolderWithABinaryFile() throws {
        let fromPipe = try registre(["scan", "-", "--format", "jsonl"], input: Data(ticket.utf8))
        #expect(fromPipe.status == 0)
        #expect(fromPipe.stdout.split(separator: "\n").count == 4 && fromPipe.stdout.contains("\"file\":\"-\""))

        let folder = try temporaryFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("notes/2024"), withIntermediateDirectories: true)
        try Data(ticket.utf8).write(to: folder.appendingPathComponent("notes/2024/a.log"))
        try Data("nothing here\n".utf8).write(to: folder.appendingPathComponent("notes/b.csv"))
        try Data([0, 1, 2] + Array("jean@exemple.fr".utf8)).write(to: folder.appendingPathComponent("notes/db.sqlite"))
        try Data("hidden@exemple.fr".utf8).write(to: folder.appendingPathComponent(".secret"))
        let walked = try cli.registre("scan", folder.path, "--format", "summary")
        #expect(walked.status == 0)
        #expect(walked.stdout.contains("Scanned 2 inputs"))
        #expect(walked.stdout.contains("skipped 1 binary file"))
        #expect(walked.stdout.contains("email                  1       1"))
        #expect(walked.stdout.contains("skipped (binary): \(folder.path)/notes/db.sqlite"))
    }

    @Test func redactedCopies() throws {
        let folder = try temporaryFolder()
        let file = folder.appendingPathComponent("ticket.txt")
        try Data(ticket.utf8).write(to: file)
        let copy = folder.appendingPathComponent("out/ticket.redacted.txt")
        #expect(try cli.registre("scan", file.path, "--redact", copy.path, "--format", "summary").status == 0)
        #expect(try String(contentsOf: copy, encoding: .utf8) == "Ticket 4821\nClient : Mme [PERSON_NAME], [EMAIL]\nTél : [PHONE] — SIRET [SIRET]\n")

        let masked = folder.appendingPathComponent("masked.txt")
        _ = try cli.registre("scan", file.path, "--redact", masked.path, "--replacement", "mask", "--types", "email")
        #expect(try String(contentsOf: masked, encoding: .utf8).contains("Martin, *************** \n") == false)
        #expect(try String(contentsOf: masked, encoding: .utf8).contains("Hélène Martin, ***************\n"))

        // Pseudonyms: the same value gets the same one, in any writing, keyed by the secret.
        try Data("a: 06 12 34 56 78\nb: +33 6 12 34 56 78\nc: 07 98 76 54 32\n".utf8).write(to: file)
        let key = String(repeating: "ab", count: 32)
        let pseudonymised = folder.appendingPathComponent("p.txt")
        let run = try cli.registre(["scan", file.path, "--redact", pseudonymised.path, "--replacement", "pseudonym", "--format", "summary"], environment: ["REGISTRE_SECRET": key])
        #expect(run.status == 0)
        let lines = try String(contentsOf: pseudonymised, encoding: .utf8).split(separator: "\n").map { $0.dropFirst(3) }
        #expect(lines[0] == lines[1] && lines[0] != lines[2] && lines[0].hasPrefix("[PHONE:") && lines[0].count == 20)
        let noKey = try cli.registre(["scan", file.path, "--redact", pseudonymised.path, "--replacement", "pseudonym"], environment: ["REGISTRE_SECRET": ""])
        #expect(noKey.status == 2 && noKey.stderr.contains("pseudonyms need a key"))

        // The input is never overwritten.
        let onto = try cli.registre("scan", file.path, "--redact", file.path)
        #expect(onto.status == 2 && onto.stderr.contains("is the input itself"))
        #expect(try String(contentsOf: file, encoding: .utf8).hasPrefix("a: 06 12"))
    }

    @Test func badInput() throws {
        let missing = try cli.registre("scan", "/nonexistent/tickets.txt")
        #expect(missing.status == 2 && missing.stderr.contains("/nonexistent/tickets.txt: no such file or folder"))
        let type = try cli.registre("scan", "-", "--types", "email,passport")
        #expect(type.status == 2 && type.stderr.contains("'passport' is not a type"))
        let confidence = try cli.registre("scan", "-", "--min-confidence", "2")
        #expect(confidence.status != 0 && confidence.stderr.contains("between 0 and 1"))
        let nothing = try cli.registre("scan")
        #expect(nothing.status != 0 && nothing.stderr.contains("give files, folders or -"))
        let both = try cli.registre("scan", "a.txt", "--connection", "sqlite:x.db")
        #expect(both.status != 0 && both.stderr.contains("not both"))
        // Invalid UTF-8 and NUL bytes are scanned as bytes.
        let binary = try registre(["scan", "-", "--format", "jsonl"], input: Data([0xFF, 0, 0xC3] + Array(" jean@exemple.fr ".utf8) + [0xE2, 0x82]))
        #expect(binary.status == 0 && binary.stdout.contains("\"offset\":4"))
    }

    @Test func corpusGenerateAndEvaluate() throws {
        let folder = try temporaryFolder()
        let generated = try cli.registre("corpus", "generate", "--out", folder.path, "--documents", "600", "--seed", "4")
        #expect(generated.status == 0)
        let evaluated = try cli.registre("corpus", "evaluate", folder.appendingPathComponent("corpus.jsonl").path, "--require", "0.99")
        #expect(evaluated.status == 0)
        #expect(evaluated.stdout.contains("SIRET reported as a card: 0; date inside an IP address: 0; near misses reported: 0"))
        let scanned = try cli.registre("scan", folder.appendingPathComponent("corpus.txt").path, "--format", "summary")
        #expect(scanned.stdout.contains("email"))
        try Data("{\"kind\": 1}\n".utf8).write(to: folder.appendingPathComponent("bad.jsonl"))
        let bad = try cli.registre("corpus", "evaluate", folder.appendingPathComponent("bad.jsonl").path)
        #expect(bad.status == 2 && bad.stderr.contains("bad.jsonl:1: not a corpus document"))
    }
}
