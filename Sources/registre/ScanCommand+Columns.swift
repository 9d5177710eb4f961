import ArgumentParser
import RegistreDiscovery

/// `registre scan --connection`: a database's columns instead of files.
struct ColumnScanOptions: ParsableArguments {
    @Option(help: "Scan this database's columns instead of files: sqlite:PATH or a file path, postgres://user@host:port/db.")
    var connection: String?

    @Option(help: "With --connection: the dataset file describing the database, to report drift.")
    var datasets: String?

    /// Scans the database's columns; true when there is drift to report.
    func run(scanner: PersonalDataScanner, format: ScanCommand.Format) async throws -> Bool {
        printError("error: scanning a database's columns is not built yet")
        throw ExitCode(2)
    }
}
