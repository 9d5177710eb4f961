import ArgumentParser
import RegistreCore

struct NoticeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "notice")
    @OptionGroup var options: PolicyOptions
    func run() throws { _ = try options.load() }
}
