import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// One plain-text e-mail.
public struct MailMessage: Sendable {
    public var from: String
    public var to: String
    public var subject: String
    public var body: String

    /// Creates a message; addresses are bare (`dpo@exemple.fr`).
    public init(from: String, to: String, subject: String, body: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
    }

    /// The message as SMTP's DATA carries it (RFC 5322): UTF-8 subject as an encoded word, the
    /// body in base64, lines ending in CRLF.
    func rendered(date: Date, id: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        let headers = [
            "From: <\(from)>", "To: <\(to)>", "Subject: \(Self.encodedWords(subject))", "Date: \(formatter.string(from: date))",
            "Message-ID: <\(id)>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64",
            "Auto-Submitted: auto-generated",
        ]
        let encoded = Data(body.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + encoded + "\r\n"
    }

    /// A header value in RFC 2047 encoded words when it is not plain ASCII.
    static func encodedWords(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !$0.isASCII || $0.value < 0x20 }) else { return text }
        var words: [String] = []
        var chunk: [UInt8] = []
        // Whole characters per word, at most 45 bytes (60 in base64): each word stays under 76.
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }
}

/// Sends mail through an SMTP server (RFC 5321): `smtp://[user@]host[:25]` in clear, for a relay
/// on the same machine or network, `smtps://[user@]host[:465]` over TLS from the first byte
/// (RFC 8314), or `smtp+starttls://[user@]host[:587]`, the submission port, where the client
/// requires STARTTLS (RFC 3207) before anything else and refuses a server that does not offer it.
/// Certificates are verified against the system's roots, plus those of the PEM file in
/// `REGISTRE_SMTP_CA_FILE` when set (a company's own authority). The password comes from the URL
/// or `REGISTRE_SMTP_PASSWORD`, and is only ever sent over TLS or to a server on loopback.
/// Failures are ``ConnectorError``s whose code starts with `smtp-` or `mail-`: what the server
/// answered, or why it could not be reached.
public struct SMTPClient: Sendable {
    let host: String
    let port: Int
    let security: Security
    let username: String?
    let password: String?
    /// The name given in EHLO.
    let clientName: String
    /// Extra trust roots, a PEM file (`REGISTRE_SMTP_CA_FILE`).
    let authorityFile: String?

    /// How the conversation is protected.
    enum Security: Sendable {
        /// In clear (`smtp://`).
        case none
        /// TLS from the first byte (`smtps://`).
        case implicitTLS
        /// STARTTLS before anything else, required (`smtp+starttls://`).
        case startTLS

        var isEncrypted: Bool { self != .none }
    }

    /// Parses the server's URL.
    public init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let schemes: [String: Security] = ["smtp": .none, "smtps": .implicitTLS, "smtp+starttls": .startTLS]
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let security = schemes[scheme],
              let host = url.host, !host.isEmpty
        else {
            throw ConnectorError(
                code: "smtp-url",
                message: "the mail server is smtp://[user@]host[:port], smtps://[user@]host[:port] or smtp+starttls://[user@]host[:port]; found '\(text.prefix(80))'")
        }
        self.host = host
        self.security = security
        port = url.port ?? [.none: 25, .implicitTLS: 465, .startTLS: 587][security]!
        username = url.user?.removingPercentEncoding
        password = url.password?.removingPercentEncoding ?? environment["REGISTRE_SMTP_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        clientName = "registre.invalid"
        authorityFile = environment["REGISTRE_SMTP_CA_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        if let authorityFile, !FileManager.default.isReadableFile(atPath: authorityFile) {
            throw ConnectorError(code: "smtp-ca", message: "REGISTRE_SMTP_CA_FILE names \(authorityFile), which cannot be read")
        }
        if username != nil, !security.isEncrypted, !["127.0.0.1", "::1", "localhost"].contains(host) {
            throw ConnectorError(
                code: "smtp-cleartext",
                message: "a password is only sent over TLS (smtps:// or smtp+starttls://) or to a server on loopback, not in clear to \(host)")
        }
    }

    /// Sends `message`; returns once the server accepted it for delivery (250 after DATA).
    public func send(_ message: MailMessage, timeout: Duration = .seconds(30)) async throws {
        for address in [message.from, message.to] where !Self.isAddress(address) {
            throw ConnectorError(code: "mail-address", message: "'\(address.prefix(80))' is not an e-mail address that can be sent to")
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await converse(message) }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw ConnectorError(code: "smtp-timeout", message: "the mail server \(host):\(port) did not answer within \(timeout)")
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// The TLS handler for a connection to `host`, verifying its certificate.
    private func makeTLSHandler() throws -> NIOSSLClientHandler {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let authorityFile {
            configuration.additionalTrustRoots = [.file(authorityFile)]
        }
        let context = try NIOSSLContext(configuration: configuration)
        // An address is checked against the certificate's IP names; only a name goes in SNI.
        let isAddress = (try? SocketAddress(ipAddress: host, port: 0)) != nil
        return try NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : host)
    }

    private func converse(_ message: MailMessage) async throws {
        let (host, client) = (self.host, self)
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(10))
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if client.security == .implicitTLS { try channel.pipeline.syncOperations.addHandler(try client.makeTLSHandler()) }
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw ConnectorError(code: "smtp-unreachable", message: "cannot reach the mail server \(host):\(port): \(error)")
        }
        let underlying = channel.channel
        try await channel.executeThenClose { inbound, outbound in
            var replies = Replies(inbound.makeAsyncIterator())
            @discardableResult
            func say(_ line: String, expecting codes: Set<Int>, _ what: String) async throws -> [String] {
                if !line.isEmpty { try await outbound.write(ByteBuffer(string: line + "\r\n")) }
                let reply = try await replies.next()
                guard codes.contains(reply.code) else {
                    throw ConnectorError(code: "smtp-refused", message: "the mail server refused \(what): \(reply.code) \(reply.text.prefix(200))")
                }
                return reply.lines
            }
            try await say("", expecting: [220], "the connection")
            let extensions = try await say("EHLO \(clientName)", expecting: [250], "EHLO")
            if security == .startTLS {
                // RFC 3207: only once the server offers it; then TLS sits first in the pipeline,
                // under the conversation, and EHLO starts again, since what was said in clear
                // does not count.
                guard extensions.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else {
                    throw ConnectorError(code: "smtp-starttls", message: "the mail server \(host):\(port) does not offer STARTTLS, which smtp+starttls:// requires")
                }
                try await say("STARTTLS", expecting: [220], "STARTTLS")
                guard replies.isEmpty else {
                    throw ConnectorError(code: "smtp-protocol", message: "the mail server sent data after agreeing to STARTTLS, before the TLS handshake")
                }
                do {
                    try await underlying.eventLoop.submit {
                        try underlying.pipeline.syncOperations.addHandler(try client.makeTLSHandler(), position: .first)
                    }.get()
                } catch {
                    throw ConnectorError(code: "smtp-tls", message: "TLS with the mail server \(host):\(port) failed: \(error)")
                }
                do {
                    try await say("EHLO \(clientName)", expecting: [250], "EHLO after STARTTLS")
                } catch let error as ConnectorError {
                    throw error
                } catch {
                    // The handshake's failure (an untrusted or mismatched certificate) arrives here.
                    throw ConnectorError(code: "smtp-tls", message: "TLS with the mail server \(host):\(port) failed: \(error)")
                }
            }
            if let username {
                let credentials = Data(([0] + Array(username.utf8) + [0] + Array((password ?? "").utf8))).base64EncodedString()
                try await say("AUTH PLAIN \(credentials)", expecting: [235], "the login of \(username)")
            }
            try await say("MAIL FROM:<\(message.from)>", expecting: [250], "the sender")
            try await say("RCPT TO:<\(message.to)>", expecting: [250, 251], "the recipient")
            try await say("DATA", expecting: [354], "DATA")
            let data = message.rendered(date: Date(), id: "\(UUID().uuidString.lowercased())@\(clientName)")
            // Dot-stuffing (RFC 5321 4.5.2), then the end of data.
            let stuffed = data.split(separator: "\r\n", omittingEmptySubsequences: false).map { $0.hasPrefix(".") ? "." + $0 : String($0) }
            try await say(stuffed.joined(separator: "\r\n") + ".", expecting: [250], "the message")
            _ = try? await say("QUIT", expecting: [221], "QUIT")
        }
    }

    /// A bare address: something@domain, with nothing that could end the SMTP command or header.
    public static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && text.count <= 254
            && !text.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F || "<>()[],;:\\\"".unicodeScalars.contains($0) }
    }

    /// The server's replies, one complete (possibly multi-line) reply at a time.
    struct Replies {
        var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        var pending: [UInt8] = []

        init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) {
            self.iterator = iterator
        }

        /// Whether nothing the server sent is waiting to be read.
        var isEmpty: Bool { pending.isEmpty }

        mutating func next() async throws -> (code: Int, text: String, lines: [String]) {
            var lines: [String] = []
            while true {
                let line = try await nextLine()
                guard line.count >= 3, let code = Int(line.prefix(3)) else {
                    throw ConnectorError(code: "smtp-protocol", message: "the mail server answered something that is not SMTP: \(line.prefix(80))")
                }
                lines.append(String(line.dropFirst(4)))
                // "250-..." continues the reply; "250 ..." (or a bare code) ends it.
                if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " { return (code, lines.joined(separator: " "), lines) }
            }
        }

        private mutating func nextLine() async throws -> String {
            while true {
                if let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = pending[..<end]
                    pending.removeFirst(end + 1)
                    return String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
                }
                guard var buffer = try await iterator.next() else {
                    throw ConnectorError(code: "smtp-closed", message: "the mail server closed the connection")
                }
                pending += buffer.readBytes(length: buffer.readableBytes) ?? []
                if pending.count > 64 * 1024 { throw ConnectorError(code: "smtp-protocol", message: "the mail server sent a line longer than 64 KiB") }
            }
        }
    }
}
