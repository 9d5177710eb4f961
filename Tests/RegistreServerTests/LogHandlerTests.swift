import Foundation
import Logging
import Testing
@testable import RegistreServer

private struct Refused: Error, CustomStringConvertible {
    var description: String { "refused" }
}

@Suite struct LogHandlerTests {
    static let date = Date(timeIntervalSince1970: 1_795_425_612.345_9)

    /// The lines a handler writes to a real file, read back.
    static func lines(of output: URL) throws -> [String] {
        try String(contentsOf: output, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    static func withFileOutput(_ body: (LogOutput, URL) throws -> Void) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("registre-log-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: file.path, contents: nil)
        let descriptor = open(file.path, O_WRONLY | O_APPEND)
        #expect(descriptor >= 0)
        defer {
            close(descriptor)
            try? FileManager.default.removeItem(at: file)
        }
        try body(LogOutput(descriptor: descriptor), file)
    }

    @Test func aJSONLineHasTheFixedFieldsThenTheMetadataInKeyOrder() throws {
        let handler = RegistreLogHandler(label: "registre.test")
        let fields: Logger.Metadata = [
            "zone": "eu", "address": .stringConvertible(8080), "level": "shadowed",
            "list": ["a", .dictionary(["k": "v"])], "nested": ["b": "2", "a": "1"],
        ]
        let line = handler.line(level: .warning, message: "quote \" backslash \\ newline\n tab\t é", source: "Tests", fields: fields, at: Self.date)
        #expect(line.last == UInt8(ascii: "\n"))
        #expect(line.dropLast().allSatisfy { $0 != UInt8(ascii: "\n") }, "one line, whatever the message holds")
        let text = String(decoding: line.dropLast(), as: UTF8.self)
        #expect(text == #"{"time":"2026-11-23T09:20:12.345Z","level":"warning","label":"registre.test","message":"quote \" backslash \\ newline\n tab\t é","source":"Tests","address":"8080","metadata.level":"shadowed","list":["a",{"k":"v"}],"nested":{"a":"1","b":"2"},"zone":"eu"}"#)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        #expect(parsed["message"] as? String == "quote \" backslash \\ newline\n tab\t é")
        #expect(parsed["level"] as? String == "warning")
    }

    @Test func aTextLineIsReadable() {
        let handler = RegistreLogHandler(label: "registre", format: .text)
        let line = handler.line(level: .info, message: "starting", source: "registre", fields: ["database": "sqlite:registre.sqlite", "address": "http://127.0.0.1:8080"], at: Self.date)
        #expect(String(decoding: line, as: UTF8.self) == "2026-11-23T09:20:12.345Z info registre: starting address=http://127.0.0.1:8080 database=sqlite:registre.sqlite\n")
    }

    @Test func aLoggerWritesItsMetadataTheLinesMetadataAndErrorsBelowItsLevelNothing() throws {
        try Self.withFileOutput { output, file in
            var logger = Logger(label: "registre.test") { RegistreLogHandler(label: $0, level: .info, output: output) }
            logger[metadataKey: "hb.request.id"] = "42"
            logger.debug("not written")
            logger.info("answered", metadata: ["status": "200", "hb.request.id": "43"])
            Self.logFailure(to: logger)
            let lines = try Self.lines(of: file)
            #expect(lines.count == 3 && lines[2].isEmpty, "\(lines)")
            let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
            #expect(first["message"] as? String == "answered")
            #expect(first["hb.request.id"] as? String == "43", "the line's metadata wins over the logger's")
            #expect(first["status"] as? String == "200")
            let second = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
            #expect(second["level"] as? String == "error")
            #expect(second["hb.request.id"] as? String == "42")
            #expect(second["error.message"] as? String == "refused")
            #expect((second["error.type"] as? String)?.hasSuffix("Refused") == true)
        }
    }

    static func logFailure(to logger: Logger) {
        let failure: any Error = Refused()
        logger.error("failed", error: failure)
    }

    @Test func linesFromManyThreadsNeverInterleave() throws {
        try Self.withFileOutput { output, file in
            let logger = Logger(label: "registre.test") { RegistreLogHandler(label: $0, output: output) }
            let long = String(repeating: "x", count: 6000)
            DispatchQueue.concurrentPerform(iterations: 8) { thread in
                for index in 0..<100 { logger.info("\(long)", metadata: ["thread": "\(thread)", "index": "\(index)"]) }
            }
            let lines = try Self.lines(of: file).dropLast()
            #expect(lines.count == 800)
            var seen = Set<String>()
            for line in lines {
                let parsed = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                #expect(parsed["message"] as? String == long)
                seen.insert("\(parsed["thread"] ?? "")-\(parsed["index"] ?? "")")
            }
            #expect(seen.count == 800)
        }
    }

    @Test func theEnvironmentChoosesLevelAndFormatAndAnUnknownValueIsSaid() {
        let chosen = RegistreLogHandler.Settings(environment: ["REGISTRE_LOG_LEVEL": "DEBUG", "REGISTRE_LOG_FORMAT": "text"])
        #expect(chosen.level == .debug && chosen.format == .text && chosen.problems.isEmpty)
        let defaults = RegistreLogHandler.Settings(environment: [:])
        #expect(defaults.level == .info && defaults.format == .json && defaults.problems.isEmpty)
        let wrong = RegistreLogHandler.Settings(environment: ["REGISTRE_LOG_LEVEL": "verbose", "REGISTRE_LOG_FORMAT": "xml"])
        #expect(wrong.level == .info && wrong.format == .json)
        #expect(wrong.problems == [
            "REGISTRE_LOG_LEVEL 'verbose' is not a level (trace, debug, info, notice, warning, error, critical); using info",
            "REGISTRE_LOG_FORMAT 'xml' is not a format (json, text); using json",
        ])
    }
}
