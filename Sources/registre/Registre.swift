import ArgumentParser
import RegistreServer

/// The `registre` command: privacy as code, from the policy file to the company's data.
@main
struct Registre: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registre",
        abstract: "Make a privacy policy true: lint it, publish it, enforce it.",
        version: "0.1.0",
        subcommands: [CheckCommand.self, NoticeCommand.self, RegisterCommand.self, MapCommand.self, PublishCommand.self, RulesCommand.self,
                      ServeCommand.self, TokenCommand.self, AuditCommand.self, RequestCommand.self, DirectiveCommand.self, DatasetsCommand.self,
                      EventsCommand.self, RetentionCommand.self, HoldCommand.self, ScanCommand.self, CorpusCommand.self]
    )

    /// Every command's loggers write Registre's log lines on standard error (standard output is
    /// the command's answer: a token, a report, scan findings), then the command runs.
    static func main() async {
        RegistreLogHandler.bootstrap()
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
