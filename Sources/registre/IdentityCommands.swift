import ArgumentParser
import Foundation
import RegistreConnectors
import RegistreCore
import RegistreServer
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
                through --smtp: smtp://host[:25] in clear (a relay on this machine or network), \
                smtps://user@host[:465] over TLS or smtp+starttls://user@host[:587] with STARTTLS required \
                (REGISTRE_SMTP_CA_FILE adds trusted authorities), password in the URL or REGISTRE_SMTP_PASSWORD. Exit \
                status: 0 sent, 2 bad input, a request not awaiting its identity, or a mail server that \
                refused or could not be reached (nothing is recorded then: send again).
                """
        )

        @OptionGroup var store: StoreOptions

        @Argument(help: "The request's number.")
        var id: Int64

        @Option(help: "The mail server: smtp://host[:port], smtps://user@host[:port] or smtp+starttls://user@host[:port].")
        var smtp: String

        @Option(help: "The sender's address, such as dpo@exemple.fr.")
        var from: String

        @Option(help: "Who the mail is signed by, such as the company's name.")
        var signature: String = "Registre"

        @Option(help: "The server's public address, such as https://privacy.exemple.fr: the mail then links to the request's status page on the rights portal.")
        var publicURL: String?

        func run() async throws {
            try await store.withDesk { desk, store, _ in
                let client = try SMTPClient(url: smtp)
                guard SMTPClient.isAddress(from) else {
                    throw RequestDesk.Refusal(code: "mail-address", message: "--from \(from.prefix(80)): not an e-mail address that can send")
                }
                let request = try await desk.request(id)
                let sent = try await desk.issueIdentityCode(id, at: Date(), actor: "cli") { code, email, validUntil in
                    try await client.send(
                        RequestMail.identityCode(
                            code, to: email, from: from, request: request, validUntil: validUntil, signature: signature,
                            statusLink: publicURL.map { "\($0)\(RightsPortal.statusPath(desk.statusToken(of: id)))" }))
                }
                print(try summaryJSON(sent.summary()))
            }
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

        @Option(help: "The mail server: smtp://host[:port], smtps://user@host[:port] or smtp+starttls://user@host[:port].")
        var smtp: String?

        @Option(help: "The sender's address.")
        var from: String?

        @Option(help: "The DPO's address.")
        var to: String?

        func run() async throws {
            try await store.withDesk { desk, _, _ in
                guard (0...31).contains(days) else { throw RequestDesk.Refusal(code: "days-invalid", message: "--days is 0 to 31") }
                let today = LegalDeadline.day(of: Date())
                guard let smtp else {
                    print(try summaryJSON(try await desk.dueReminders(on: today, within: days).map { $0.summary(today: today) }))
                    return
                }
                guard let from, let to else {
                    throw RequestDesk.Refusal(code: "mail-address", message: "--smtp needs --from and --to, each an e-mail address")
                }
                let mail = try MailSettings(client: try SMTPClient(url: smtp), from: from, signature: "Registre", remindTo: to)
                let reminded = try await RequestMail.remind(desk: desk, within: days, on: today, mail: mail, to: to, actor: "cli")
                print(try summaryJSON(reminded.map { $0.summary(today: today) }))
            }
        }
    }
}
