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
    do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        printError("error: cannot write \(path): \(error.localizedDescription)")
        throw ExitCode(2)
    }
}
