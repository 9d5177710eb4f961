import ArgumentParser

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
}
