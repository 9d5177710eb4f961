import Foundation
import Logging
import RegistreStore
import ServiceLifecycle

/// Where the server keeps the answers to access and portability requests until the person
/// fetches them: one folder per request holding only the zip (written straight from memory, no
/// loose JSON, CSV or HTML file beside it), readable by the server's user alone, and deleted
/// `keepDays` after it was written, since it is one more copy of the person's data.
public struct ExportShelf: Sendable {
    public let directory: URL
    public let keepDays: Int

    public init(directory: URL, keepDays: Int = 30) {
        self.directory = directory
        self.keepDays = keepDays
    }

    /// The folder a request's export is written into, named by its download secret
    /// (``RequestDesk/exportToken(of:)``), so a store with another secret, or a store made anew,
    /// never finds another's files. Made by ``prepare(_:)``.
    func folder(for token: String) -> URL {
        directory.appendingPathComponent("request-\(token)", isDirectory: true)
    }

    /// Empties `folder`, or makes it, owner-only. Only once the request's run is claimed in the
    /// store: another server sharing the store and this folder may be writing the same one.
    func prepare(_ folder: URL) throws {
        let manager = FileManager.default
        try? manager.removeItem(at: folder)
        try manager.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// Makes the zip readable by the server's user alone (its folder already is).
    func protect(_ archive: URL) {
        try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: archive.path)
    }

    /// Removes a folder whose export is not an answer (the run failed or was refused after it
    /// was written), so no copy of the person's data stays behind.
    func discard(_ folder: URL) {
        try? FileManager.default.removeItem(at: folder)
    }

    /// The zip answering `request` (whose download secret is `token`), while it is kept: its
    /// path, its file name and until when it is kept; nil when the request has none, or no longer.
    func archive(of request: SubjectRequest, token: String, now: Date = Date()) -> (path: String, name: String, until: Date)? {
        guard request.state == .completed || request.state == .partiallyCompleted else { return nil }
        let name: String
        switch request.right {
        case .access: name = "access.zip"
        case .portability: name = "portability.zip"
        default: return nil
        }
        let path = directory.appendingPathComponent("request-\(token)/\(name)").path
        guard let written = try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date else { return nil }
        let until = written.addingTimeInterval(TimeInterval(keepDays) * 86_400)
        guard until > now else { return nil }
        return (path, "request-\(request.id)-\(name)", until)
    }

    /// Deletes the exports written more than `keepDays` ago; returns how many.
    @discardableResult
    public func sweep(now: Date = Date()) -> Int {
        let manager = FileManager.default
        let limit = now.addingTimeInterval(-TimeInterval(keepDays) * 86_400)
        var removed = 0
        let folders = (try? manager.contentsOfDirectory(at: directory, includingPropertiesForKeys: [.contentModificationDateKey])) ?? []
        for folder in folders where folder.lastPathComponent.hasPrefix("request-") {
            let files = (try? manager.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.contentModificationDateKey])) ?? []
            let newest = files.compactMap { try? $0.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate }.max()
            // An empty folder is one a run is writing into, unless it is old.
            let made = (try? folder.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate ?? now
            if newest.map({ $0 < limit }) ?? (made < now.addingTimeInterval(-3600)) {
                if (try? manager.removeItem(at: folder)) != nil { removed += 1 }
            }
        }
        return removed
    }
}

/// Deletes expired exports when the server starts, then every `interval`.
struct ExportSweeper: Service {
    let shelf: ExportShelf
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await repeatUntilShutdown(every: interval) {
            let removed = shelf.sweep()
            if removed > 0 { logger.info("expired exports deleted", metadata: ["count": .stringConvertible(removed)]) }
        }
    }
}
