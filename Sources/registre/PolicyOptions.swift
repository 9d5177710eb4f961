import ArgumentParser
import Foundation
import RegistreCore

/// The policy file every command reads.
struct PolicyOptions: ParsableArguments {
    @Argument(help: "The policy file (YAML).", completion: .file(extensions: ["yaml", "yml"]))
    var policy: String

    /// Loads the policy, or prints why it cannot be loaded and exits: 2 when the file cannot be
    /// read, 1 when it does not follow the policy format.
    func load() throws -> (Policy, [Finding]) {
        let result: PolicyLoadResult
        do {
            result = try PolicyLoader.load(contentsOf: policy)
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
        guard let loaded = result.policy else {
            for finding in result.findings { printError(finding.description) }
            printError("\(policy): \(result.findings.count) schema error(s); nothing was published")
            throw ExitCode(1)
        }
        return (loaded, result.findings)
    }
}

/// What every command that publishes a document takes besides the policy: its language and
/// where to write it.
struct DocumentOptions: ParsableArguments {
    @Option(help: "The language: one of the policy's languages (default: the prevailing one).")
    var lang: String?

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    /// The language asked for, checked against the policy's languages.
    func language(of policy: Policy) throws -> String {
        let language = lang ?? policy.languages[0]
        guard policy.languages.contains(language) else {
            throw ValidationError("the policy is published in \(policy.languages.joined(separator: ", ")), not '\(language)'")
        }
        return language
    }
}

/// The date statements are checked against: `--today` when given (YYYY-MM-DD), else today.
func checkDate(_ today: String?) throws -> PolicyDate {
    guard let today else { return PolicyDate(Date()) }
    guard let parsed = PolicyDate(parsing: today), parsed.day != nil else {
        printError("error: --today '\(today)' is not a date; write YYYY-MM-DD, such as 2026-11-22")
        throw ExitCode(2)
    }
    return parsed
}

/// Writes a line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Writes `text` to `path`, or to standard output when `path` is nil or `-`.
func emit(_ text: String, to path: String?) throws {
    guard let path, path != "-" else {
        FileHandle.standardOutput.write(Data(text.utf8))
        return
    }
    let data = Data(text.utf8)
    // A device or a pipe (`-o /dev/null`, `-o /dev/stdout`) is written in place: an atomic write
    // would replace it with a regular file.
    let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
    if let type, type != .typeRegular, type != .typeDirectory {
        guard let handle = FileHandle(forWritingAtPath: path) else {
            printError("error: cannot write \(path)")
            throw ExitCode(2)
        }
        handle.write(data)
        try? handle.close()
        return
    }
    do {
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        printError("error: cannot write \(path): \(error.localizedDescription)")
        throw ExitCode(2)
    }
}
