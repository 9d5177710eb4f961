import ArgumentParser
import Foundation
import RegistreStore

/// `registre token create|revoke|list`: the API tokens of the admin endpoints.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Manage API tokens of the admin endpoints.",
        subcommands: [Create.self, Revoke.self, List.self]
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

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke",
            abstract: "Revoke an API token by name; running servers refuse it within 10 seconds (their cache)."
        )

        @Argument(help: "The token's name.")
        var name: String

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let name = self.name
            let revoked = try await store.location().withStore(logger: makeLogger()) { store in
                try await store.revokeToken(name: name, actor: "cli")
            }
            guard revoked else {
                printError("error: no active token is named '\(name)' (registre token list shows them) [token-unknown]")
                throw ExitCode(1)
            }
            print("revoked \(name)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List API tokens by name, with when they were created and revoked (never the tokens)."
        )

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let tokens = try await store.location().withStore(logger: makeLogger()) { store in try await store.tokens() }
            let format = ISO8601DateFormatter()
            for token in tokens {
                let state = token.revokedAt.map { "revoked \(format.string(from: $0))" } ?? "active"
                print("\(token.name)\tcreated \(format.string(from: token.createdAt))\t\(state)")
            }
        }
    }
}
