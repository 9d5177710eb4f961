import ArgumentParser
import Foundation
import RegistreConnectors
import RegistreCore
import RegistreStore

/// `registre request send-code|verify`: confirming a person's identity by a one-time code sent to
/// the e-mail address the request holds.
extension RequestCommand {
    struct SendCode: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "send-code",
            abstract: "E-mail the person a one-time code that confirms their identity (valid seven days, five tries).",
            discussion: """
                The code is kept only as a keyed hash; a new code replaces the previous one. The mail goes \
                through --smtp: smtp://host[:25] in clear (a relay on this machine or network) or \
                smtps://user@host[:465] over TLS, password in the URL or REGISTRE_SMTP_PASSWORD. Exit \
                status: 0 sent, 2 bad input, a request not awaiting its identity, or a mail server that \
                refused or could not be reached (nothing is recorded then: send again).
                """
        )

        @OptionGroup var store: StoreOptions

        @Argument(help: "The request's number.")
        var id: Int64

        @Option(help: "The mail server: smtp://host[:port] or smtps://user@host[:port].")
        var smtp: String

        @Option(help: "The sender's address, such as dpo@exemple.fr.")
        var from: String

        @Option(help: "Who the mail is signed by, such as the company's name.")
        var signature: String = "Registre"

        func run() async throws {
            try await store.withDesk { desk, store, _ in
                let client = try await Self.mailing { try SMTPClient(url: smtp) }
                guard SMTPClient.isAddress(from) else {
                    throw RequestDesk.Refusal(code: "mail-address", message: "--from \(from.prefix(80)): not an e-mail address that can send")
                }
                let request = try await RequestCommand.request(id, in: store)
                let sent = try await desk.issueIdentityCode(id, at: Date(), actor: "cli") { code, email, validUntil in
                    let message = Self.message(code: code, to: email, from: from, request: request, validUntil: validUntil, signature: signature)
                    try await Self.mailing { try await client.send(message) }
                }
                print(try summaryJSON(sent.summary()))
            }
        }

        /// Runs `body`; a mail failure becomes a refusal, which exits 2 with why.
        static func mailing<T>(_ body: () async throws -> T) async throws -> T {
            do { return try await body() } catch let error as MailError { throw RequestDesk.Refusal(code: error.code, message: error.message) }
        }

        /// The mail, in French then English.
        static func message(code: String, to email: String, from: String, request: SubjectRequest, validUntil: Date, signature: String) -> MailMessage {
            let until = LegalDeadline.day(of: validUntil)
            let right = request.right
            return MailMessage(
                from: from, to: email, subject: "Votre demande n° \(request.id) : code de confirmation / Your request no. \(request.id): confirmation code",
                body: """
                    Bonjour,

                    Pour confirmer votre identité et que le traitement de votre demande (\(right.rawValue), \(right.article) du RGPD) commence, \
                    donnez ce code : \(code)

                    Il est valable jusqu'au \(until). Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.

                    Hello,

                    To confirm your identity and start your request (\(right.rawValue), GDPR \(right.article)), give this code: \(code)

                    It is valid until \(until). If you did not make this request, ignore this message.

                    -- \(signature)
                    """)
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check the code the person gave back: the right one confirms the identity and starts the month.",
            discussion: "Exit status: 0 confirmed; 2 a wrong, expired or locked code (five wrong codes lock it until a new one is sent), or bad input."
        )

        @OptionGroup var store: StoreOptions

        @Argument(help: "The request's number.")
        var id: Int64

        @Option(help: "The code the person gave.")
        var code: String

        func run() async throws {
            try await store.withDesk { desk, _, _ in
                print(try summaryJSON(try await desk.verifyIdentityCode(id, code: code, at: Date(), actor: "cli").summary()))
            }
        }
    }
}
