import Foundation
import Logging
import RegistreCore
import Synchronization

/// Registre's log lines, on standard error: one JSON object per line by default (what log
/// collectors read without a parser of their own), or one readable line with `text`.
///
///     {"time":"2026-11-23T08:40:12.345Z","level":"info","label":"registre","message":"starting","source":"registre","address":"http://127.0.0.1:8080","database":"registre.sqlite"}
///
/// The fields are the time (UTC, to the millisecond), level, logger label, message and source
/// module, then the metadata in key order; a metadata key that would replace one of these is
/// written as `metadata.KEY`. Metadata is kept as given and written only when a line is:
/// Hummingbird sets a request id on every request's logger, and a handler that formats its
/// metadata as it is set (swift-log's `StreamLogHandler`) spends that work on every request,
/// logged or not.
public struct RegistreLogHandler: LogHandler {
    /// How lines are written.
    public enum Format: String, Sendable, CaseIterable {
        case json, text
    }

    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let format: Format
    private let output: LogOutput

    /// Creates a handler for a logger named `label`.
    public init(label: String, level: Logger.Level = .info, format: Format = .json, output: LogOutput = .standardError) {
        self.label = label
        logLevel = level
        self.format = format
        self.output = output
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let provided = metadataProvider?.get(), !provided.isEmpty { fields.merge(provided) { $1 } }
        if let explicit = event.metadata, !explicit.isEmpty { fields.merge(explicit) { $1 } }
        if let error = event.error {
            fields["error.message"] = "\(error)"
            fields["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        output.write(line(level: event.level, message: event.message.description, source: event.source, fields: fields, at: Date()))
    }

    /// The bytes of one line, newline included.
    func line(level: Logger.Level, message: String, source: String, fields: Logger.Metadata, at date: Date) -> [UInt8] {
        let keys = fields.keys.sorted()
        switch format {
        case .json:
            var json = JSONWriter()
            json.object { object in
                object.key("time")
                object.dateWithMilliseconds(date)
                object.field("level", level.rawValue)
                object.field("label", label)
                object.field("message", message)
                object.field("source", source)
                for key in keys {
                    object.key(Self.fixedKeys.contains(key) ? "metadata.\(key)" : key)
                    Self.write(fields[key]!, to: &object)
                }
            }
            return json.bytes + [UInt8(ascii: "\n")]
        case .text:
            var time = JSONWriter()
            time.dateWithMilliseconds(date)
            var text = "\(String(decoding: time.bytes.dropFirst().dropLast(), as: UTF8.self)) \(level.rawValue) \(label): \(message)"
            for key in keys { text += " \(key)=\(fields[key]!)" }
            return Array((text + "\n").utf8)
        }
    }

    private static let fixedKeys: Set<String> = ["time", "level", "label", "message", "source"]

    private static func write(_ value: Logger.Metadata.Value, to json: inout JSONWriter) {
        switch value {
        case .string(let text): json.string(text)
        case .stringConvertible(let convertible): json.string(convertible.description)
        case .array(let values): json.array { list in for value in values { write(value, to: &list) } }
        case .dictionary(let entries):
            json.object { object in
                for key in entries.keys.sorted() {
                    object.key(key)
                    write(entries[key]!, to: &object)
                }
            }
        }
    }

    /// Makes every logger of the process a ``RegistreLogHandler`` on standard error, with the level
    /// and format of `REGISTRE_LOG_LEVEL` (`info` unless set) and `REGISTRE_LOG_FORMAT` (`json`
    /// unless set). Only the first call bootstraps; an unknown value is said in a warning line
    /// and the default used.
    public static func bootstrap(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let settings = Settings(environment: environment)
        guard bootstrapped.withLock({ done in
            defer { done = true }
            return !done
        }) else { return }
        LoggingSystem.bootstrap { label in RegistreLogHandler(label: label, level: settings.level, format: settings.format) }
        if !settings.problems.isEmpty {
            let logger = Logger(label: "registre")
            for problem in settings.problems { logger.warning("\(problem)") }
        }
    }

    private static let bootstrapped = Mutex(false)

    /// The level and format an environment asks for, and what was wrong with it.
    struct Settings {
        var level = Logger.Level.info
        var format = Format.json
        var problems: [String] = []

        init(environment: [String: String]) {
            if let value = environment["REGISTRE_LOG_LEVEL"] {
                if let level = Logger.Level(rawValue: value.lowercased()) {
                    self.level = level
                } else {
                    problems.append(
                        "REGISTRE_LOG_LEVEL '\(value.prefix(40))' is not a level (\(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))); using info")
                }
            }
            if let value = environment["REGISTRE_LOG_FORMAT"] {
                if let format = Format(rawValue: value.lowercased()) {
                    self.format = format
                } else {
                    problems.append("REGISTRE_LOG_FORMAT '\(value.prefix(40))' is not a format (json, text); using json")
                }
            }
        }
    }
}

/// Where log lines go: a file descriptor, written a line at a time under a lock so lines from
/// several threads never interleave.
public final class LogOutput: Sendable {
    private let descriptor: Int32
    private let lock = Mutex(())

    /// Lines written to `descriptor`, which stays open (the caller closes it).
    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Standard error.
    public static let standardError = LogOutput(descriptor: STDERR_FILENO)

    func write(_ bytes: [UInt8]) {
        lock.withLock { _ in
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written > 0 {
                        offset += written
                    } else if written < 0 && errno == EINTR {
                        continue
                    } else {
                        return  // a closed or full output loses the line, never the server
                    }
                }
            }
        }
    }
}
