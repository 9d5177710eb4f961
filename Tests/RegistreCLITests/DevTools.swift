import Foundation
import Logging
import NIOCore
import WSClient

/// Headless Chromium driven over the DevTools protocol: real clicks, real key presses, real
/// cookies, as a person's browser would have them.
final class HeadlessBrowser: @unchecked Sendable {
    let process = Process()
    let profile: URL

    init() throws {
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("registre-chromium-\(UUID().uuidString)")
        process.executableURL = URL(fileURLWithPath: NoticeBrowserTests.chromium ?? "/usr/bin/chromium")
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--remote-debugging-address=127.0.0.1",
                             "--remote-debugging-port=0", "--remote-allow-origins=*", "--user-data-dir=\(profile.path)", "--window-size=1000,800", "about:blank"]
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        let log = profile.appendingPathComponent("chromium.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: profile)
    }

    /// The browser's DevTools address, read from the `DevToolsActivePort` file Chromium writes into
    /// its profile once it listens on the port it chose (port, then path). Its log is no source:
    /// Chromium's processes write to it at once, and one's line can land in the middle of the
    /// "DevTools listening on" line (CI saw `ws://[...`). (The HTTP endpoint answers with headers FoundationNetworking cannot parse, so the
    /// tests use the WebSocket only.)
    func browserAddress() async throws -> String {
        let file = profile.appendingPathComponent("DevToolsActivePort")
        for _ in 0..<200 {
            let lines = ((try? String(contentsOf: file, encoding: .utf8)) ?? "").split(separator: "\n")
            if lines.count >= 2, let port = Int(lines[0]), lines[1].hasPrefix("/devtools/browser/"), lines[1].count == 54 {
                return "ws://127.0.0.1:\(port)\(lines[1])"
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw DevToolsError(message: "Chromium did not open a DevTools port; running: \(process.isRunning)")
    }

    /// Runs `body` with a DevTools session on a new page.
    func withPage(_ body: @escaping @Sendable (DevToolsPage) async throws -> Void) async throws {
        let address = try await browserAddress()
        let failure = ErrorBox()
        try await WebSocketClient.connect(url: address, configuration: .init(maxFrameSize: 1 << 24), logger: Logger(label: "devtools")) { inbound, outbound, _ in
            let browser = DevToolsPage(messages: inbound.messages(maxSize: 1 << 26).makeAsyncIterator(), outbound: outbound)
            do {
                let target = try await browser.send("Target.createTarget", ["url": "about:blank"])
                let attached = try await browser.send("Target.attachToTarget", ["targetId": target["targetId"] as? String ?? "", "flatten": true])
                browser.sessionID = attached["sessionId"] as? String
                try await body(browser)
            } catch {
                failure.error = error
            }
            try await outbound.close(.normalClosure, reason: nil)
        }
        if let error = failure.error { throw error }
    }
}

final class ErrorBox: @unchecked Sendable {
    var error: (any Error)?
}

struct DevToolsError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// One page's DevTools session: commands go out with an id, and their answer is the reply with
/// the same id; events in between are dropped.
final class DevToolsPage: @unchecked Sendable {
    private var messages: WebSocketInboundMessageStream.AsyncIterator
    private let outbound: WebSocketOutboundWriter
    private var nextID = 0
    /// The page session commands go to, once attached; nil for the browser itself.
    var sessionID: String?

    init(messages: WebSocketInboundMessageStream.AsyncIterator, outbound: WebSocketOutboundWriter) {
        self.messages = messages
        self.outbound = outbound
    }

    @discardableResult
    func send(_ method: String, _ parameters: [String: Any] = [:]) async throws -> [String: Any] {
        nextID += 1
        let id = nextID
        var message: [String: Any] = ["id": id, "method": method, "params": parameters]
        if let sessionID { message["sessionId"] = sessionID }
        let data = try JSONSerialization.data(withJSONObject: message)
        try await outbound.write(.text(String(decoding: data, as: UTF8.self)))
        while let message = try await messages.next() {
            guard case .text(let text) = message,
                  let reply = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                  reply["id"] as? Int == id else { continue }
            if let error = reply["error"] as? [String: Any] { throw DevToolsError(message: "\(method): \(error)") }
            return reply["result"] as? [String: Any] ?? [:]
        }
        throw DevToolsError(message: "the DevTools connection closed during \(method)")
    }

    /// Evaluates JavaScript in the page and returns its value.
    func evaluate(_ expression: String) async throws -> Any? {
        let result = try await send("Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true])
        if let exception = result["exceptionDetails"] { throw DevToolsError(message: "\(expression): \(exception)") }
        return (result["result"] as? [String: Any])?["value"]
    }

    /// Loads `url` and waits for the banner script to have run.
    func open(_ url: String) async throws {
        try await navigate(url)
        try await waitFor("!!window.Registre")
    }

    /// Loads `url` and waits until its document is complete.
    func navigate(_ url: String) async throws {
        try await send("Page.navigate", ["url": url])
        try await waitFor("document.readyState === 'complete' && location.href === \(Self.quote(url))")
    }

    /// Types `text` into the focused element, as a keyboard's input would.
    func type(_ text: String) async throws {
        try await send("Input.insertText", ["text": text])
    }

    /// Polls `condition` (JavaScript) until it is true, at most 5 seconds.
    func waitFor(_ condition: String) async throws {
        for _ in 0..<100 {
            if (try? await evaluate(condition)) as? Bool == true { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw DevToolsError(message: "timed out waiting for \(condition)")
    }

    /// Clicks the centre of the element a CSS selector finds, with the mouse.
    func click(_ selector: String) async throws {
        let box = try await evaluate("(() => { const e = document.querySelector(\(Self.quote(selector))); e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()") as? [Double]
        guard let box, box.count == 2 else { throw DevToolsError(message: "nothing to click at \(selector)") }
        for type in ["mousePressed", "mouseReleased"] {
            try await send("Input.dispatchMouseEvent", ["type": type, "x": box[0], "y": box[1], "button": "left", "clickCount": 1])
        }
    }

    /// Presses a key as a keyboard would (Tab, Enter, Escape, Space), with Shift when asked.
    func press(_ key: String, shift: Bool = false) async throws {
        let codes = ["Tab": 9, "Enter": 13, "Escape": 27, " ": 32]
        var parameters: [String: Any] = ["key": key, "code": key == " " ? "Space" : key, "windowsVirtualKeyCode": codes[key] ?? 0, "modifiers": shift ? 8 : 0]
        if key == "Enter" { parameters["text"] = "\r" }
        if key == " " { parameters["text"] = " " }
        parameters["type"] = "keyDown"
        try await send("Input.dispatchKeyEvent", parameters)
        parameters["type"] = "keyUp"
        parameters.removeValue(forKey: "text")
        try await send("Input.dispatchKeyEvent", parameters)
    }

    /// The names of the page's cookies, as the browser keeps them.
    func cookieNames() async throws -> Set<String> {
        let result = try await send("Network.getCookies")
        return Set((result["cookies"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
    }

    /// A PNG of the viewport, or of the whole page.
    func screenshot(wholePage: Bool = false) async throws -> Data {
        let result = try await send("Page.captureScreenshot", ["format": "png", "captureBeyondViewport": wholePage])
        return Data(base64Encoded: result["data"] as? String ?? "") ?? Data()
    }

    static func quote(_ text: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: [text]), as: UTF8.self).dropFirst().dropLast().description
    }
}
