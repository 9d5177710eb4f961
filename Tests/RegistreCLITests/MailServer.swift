import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A local SMTP server (Python's aiosmtpd, which `Scripts/test` installs) keeping what it
/// receives in a maildir, on a free port of loopback.
final class MailServer: @unchecked Sendable {
    let port: Int
    let maildir: URL
    private var running: Process?

    /// - Parameters:
    ///   - startTLS: a certificate and its key (PEM files): the server then offers STARTTLS and
    ///     requires it before any mail.
    init(in folder: URL, startTLS: (certificate: URL, key: URL)? = nil) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        maildir = folder.appendingPathComponent("mail")
        for attempt in 0..<5 {
            let port = Int.random(in: 20_000..<60_000)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            let tls = startTLS.map { ["--tlscert", $0.certificate.path, "--tlskey", $0.key.path] } ?? []
            process.arguments = ["python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)"] + tls + ["-c", "aiosmtpd.handlers.Mailbox", maildir.path]
            process.standardOutput = FileHandle.nullDevice
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            // Ready once it accepts a connection; gone if it could not start.
            for _ in 0..<100 where process.isRunning && !Self.accepts(port: port) { usleep(50_000) }
            if process.isRunning {
                self.port = port
                self.running = process
                return
            }
            let why = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            if attempt < 4, why.contains("in use") { continue }
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "aiosmtpd did not start (run the tests with Scripts/test, which installs it): \(why.suffix(300))"])
        }
        throw CocoaError(.executableLoad)
    }

    /// Stops the server. SIGKILL: the child inherits the test thread's blocked signals, SIGTERM among them.
    func stop() {
        guard let running else { return }
        kill(running.processIdentifier, SIGKILL)
        running.waitUntilExit()
        self.running = nil
    }

    deinit { stop() }

    /// A mail received: its headers and its text, decoded from base64.
    struct Mail {
        var headers: String
        var text: String
        /// The eight-digit one-time code it carries, if any.
        var code: String? { text.firstMatch(of: /code ?: (\d{8})/).map { String($0.1) } }
    }

    /// The mails received so far, oldest first.
    static func mails(in maildir: URL) throws -> [Mail] {
        let folder = maildir.appendingPathComponent("new")
        guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
        // Maildir names start with the second of delivery, then digits of varying length: within
        // one second their order is not the order of arrival, the modification time is.
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.contentModificationDateKey]).map { file in
            (file, try file.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate ?? .distantPast)
        }
        return try files.sorted { ($0.1, $0.0.lastPathComponent) < ($1.1, $1.0.lastPathComponent) }.map(\.0).map { file in
            let raw = try String(contentsOf: file, encoding: .utf8)
            let parts = raw.components(separatedBy: "\n\n")
            let encoded = parts.dropFirst().joined(separator: "\n\n").filter { !$0.isWhitespace }
            return Mail(headers: parts[0], text: Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) } ?? "")
        }
    }

    /// The mails received so far.
    func mails() throws -> [Mail] { try Self.mails(in: maildir) }

    /// Waits until `count` mails arrived, at most ten seconds.
    func waitForMails(_ count: Int) async throws -> [Mail] {
        for _ in 0..<200 {
            let mails = try mails()
            if mails.count >= count { return mails }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CocoaError(.fileReadNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "fewer than \(count) mail(s) arrived"])
    }

    static func accepts(port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
