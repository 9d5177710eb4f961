import ArgumentParser
import Foundation
import Logging
import RegistreStore

/// Where Registre keeps its state, shared by the commands that read or write it.
struct StoreOptions: ParsableArguments {
    @Option(help: "The database: a file path or sqlite:PATH (default: registre.sqlite here), or postgres://user@host:port/db.")
    var database: String?

    /// The parsed location, or exit 2 with the reason.
    func location() throws -> StoreLocation {
        do {
            return try StoreLocation(database)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
    }

    /// The secret that keys identifier hashes: `REGISTRE_SECRET`, or a key file beside an SQLite
    /// database.
    func secret(for location: StoreLocation) throws -> Data {
        var keyFile: String?
        if case .sqlite(let path) = location {
            keyFile = URL(fileURLWithPath: path).deletingPathExtension().appendingPathExtension("key").path
        }
        do {
            return try KeyedHasher.loadSecret(environment: ProcessInfo.processInfo.environment, keyFile: keyFile)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
    }
}

/// Logs as structured lines on standard error, without personal data (``RegistreLogHandler``,
/// which `Registre.main` makes every logger's handler).
func makeLogger(_ label: String = "registre") -> Logger {
    Logger(label: label)
}
