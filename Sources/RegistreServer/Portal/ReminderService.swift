import Foundation
import Logging
import RegistreCore
import RegistreStore
import ServiceLifecycle

/// Reminds the DPO, by mail, of the requests due within seven days or overdue: once at start
/// (once the store's migrations have run, so a new store's first pass does not fail and wait an
/// hour), then every hour, each deadline once (the store remembers which were reminded, so a
/// restart sends nothing twice).
struct ReminderService: Service {
    let desk: RequestDesk
    let mail: MailSettings
    let to: String
    let interval: Duration
    let logger: Logger
    let readiness: StoreReadiness

    func run() async throws {
        await readiness.wait()
        await repeatUntilShutdown(every: interval) { await remindOnce() }
    }

    /// One pass; a failure is logged and tried again on the next.
    func remindOnce() async {
        do {
            let reminded = try await RequestMail.remind(desk: desk, within: 7, on: LegalDeadline.day(of: Date()), mail: mail, to: to, actor: "server")
            if !reminded.isEmpty { logger.info("deadline reminder sent", metadata: ["requests": .string(reminded.map { String($0.id) }.joined(separator: ","))]) }
        } catch {
            logger.warning("the deadline reminder could not be sent", metadata: ["error": .string(RequestRoutes.code(of: error))])
        }
    }
}
