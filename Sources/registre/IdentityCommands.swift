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
                let client = try SMTPClient(url: smtp)
                guard SMTPClient.isAddress(from) else {
                    throw RequestDesk.Refusal(code: "mail-address", message: "--from \(from.prefix(80)): not an e-mail address that can send")
                }
                let request = try await desk.request(id)
                let sent = try await desk.issueIdentityCode(id, at: Date(), actor: "cli") { code, email, validUntil in
                    let message = Self.message(code: code, to: email, from: from, request: request, validUntil: validUntil, signature: signature)
                    try await client.send(message)
                }
                print(try summaryJSON(sent.summary()))
            }
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

/// `registre request remind`: the DPO's reminder of deadlines coming within seven days.
extension RequestCommand {
    struct Remind: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remind",
            abstract: "Remind the DPO of open requests due within seven days (or overdue), once per deadline; run it daily.",
            discussion: """
                Without --smtp, prints the requests a reminder is due for and records nothing. With \
                --smtp, --from and --to, mails one digest to --to and records the reminder of each \
                (audit entry request.reminder_sent); an extension's new deadline gets its own reminder. \
                Prints the requests as JSON. Exit status: 0, or 2 on bad input or a mail server that \
                refused (nothing recorded then).
                """
        )

        @OptionGroup var store: StoreOptions

        @Option(help: "How many days before a deadline to remind.")
        var days: Int64 = 7

        @Option(help: "The mail server: smtp://host[:port] or smtps://user@host[:port].")
        var smtp: String?

        @Option(help: "The sender's address.")
        var from: String?

        @Option(help: "The DPO's address.")
        var to: String?

        func run() async throws {
            try await store.withDesk { desk, _, _ in
                guard (0...31).contains(days) else { throw RequestDesk.Refusal(code: "days-invalid", message: "--days is 0 to 31") }
                let today = LegalDeadline.day(of: Date())
                let due = try await desk.dueReminders(on: today, within: days)
                guard let smtp else {
                    print(try summaryJSON(due.map { $0.summary(today: today) }))
                    return
                }
                guard let from, let to, SMTPClient.isAddress(from), SMTPClient.isAddress(to) else {
                    throw RequestDesk.Refusal(code: "mail-address", message: "--smtp needs --from and --to, each an e-mail address")
                }
                let client = try SMTPClient(url: smtp)
                var reminded: [SubjectRequest] = []
                if !due.isEmpty {
                    try await client.send(Self.digest(due, today: today, from: from, to: to))
                    for request in due { reminded.append(try await desk.markReminded(request.id, at: Date(), actor: "cli")) }
                }
                print(try summaryJSON(reminded.map { $0.summary(today: today) }))
            }
        }

        /// One mail listing the requests, the nearest deadline first.
        static func digest(_ requests: [SubjectRequest], today: CivilDate, from: String, to: String) -> MailMessage {
            let lines = requests.compactMap { request -> String? in
                guard let deadline = request.deadline else { return nil }
                let left = deadline.daysSince1970 - today.daysSince1970
                let when = left < 0 ? "OVERDUE by \(-left) day(s) / en retard de \(-left) jour(s)" : "in \(left) day(s) / dans \(left) jour(s)"
                return "- n° \(request.id), \(request.right.rawValue) (\(request.right.article)), \(request.state.rawValue): due \(deadline), \(when)"
            }
            return MailMessage(
                from: from, to: to,
                subject: "Registre : \(requests.count) demande(s) à échéance / \(requests.count) request(s) due",
                body: """
                    Demandes de personnes concernées à échéance dans les prochains jours ou dépassées.
                    Data subject requests due in the coming days, or overdue.

                    \(lines.joined(separator: "\n"))

                    registre request list
                    """)
        }
    }
}
