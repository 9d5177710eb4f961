import ArgumentParser
import RegistreCore

struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "map")
    @OptionGroup var options: PolicyOptions
    func run() throws { _ = try options.load() }
}
