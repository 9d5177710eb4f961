import ArgumentParser
import RegistreStore

/// `registre audit verify`: walks the hash-chained audit log and reports the first entry that was
/// altered, removed or reordered.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check the audit log.",
        subcommands: [Verify.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Verify the audit chain.",
            discussion: "Exit status: 0 the chain is whole, 1 it is broken (the first broken entry is named), 2 the database cannot be read."
        )

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let location = try store.location()
            let result: AuditVerifier.Result
            do {
                result = try await location.withStore(logger: makeLogger()) { store in try await AuditVerifier(store: store).verify() }
            } catch {
                printError("error: cannot read the audit log of \(location): \(error)")
                throw ExitCode(2)
            }
            if let problem = result.problem {
                print("broken: \(problem) (\(result.checked) entries before it are intact)")
                throw ExitCode(1)
            }
            print("ok: \(result.checked) entries, head \(result.head)")
        }
    }
}
