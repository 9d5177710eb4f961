import ArgumentParser
import RegistreCore

struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "register")
    @OptionGroup var options: PolicyOptions
    func run() throws { _ = try options.load() }
}
