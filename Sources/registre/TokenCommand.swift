import ArgumentParser
import Foundation
import RegistreStore

/// `registre token create NAME`: an API token for the admin endpoints, printed once.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Manage API tokens of the admin endpoints.",
        subcommands: [Create.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create an API token; it is printed once and stored only as a hash."
        )

        @Argument(help: "A name saying who or what uses the token, such as crm-sync.")
        var name: String

        @OptionGroup var store: StoreOptions

        func run() async throws {
            guard (1...100).contains(name.count), name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
                throw ValidationError("a token name is 1 to 100 letters, digits, '-', '_' or '.'")
            }
            var generator = SystemRandomNumberGenerator()
            let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            let token = "rg_" + Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            let name = self.name
            do {
                try await store.location().withStore(logger: makeLogger()) { store in
                    try await store.createToken(name: name, tokenHash: KeyedHasher.sha256(token), actor: "cli")
                }
            } catch let error as StoreError {
                printError("error: \(error)")
                throw ExitCode(1)
            }
            print(token)
        }
    }
}
