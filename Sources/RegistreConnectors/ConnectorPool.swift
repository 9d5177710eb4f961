import Foundation
import Logging
import Synchronization

extension Logger {
    /// The connectors' logger: errors only (the drivers' notices and debug lines would be noise
    /// in a command's output and a server's log).
    public static var connector: Logger {
        var logger = Logger(label: "registre.connector")
        logger.logLevel = .error
        return logger
    }
}

/// Connections to one company database kept open between requests, as a server answering many
/// of them needs. On PostgreSQL at most `maximumOpen` connections are open at once (a request
/// beyond them waits for one to come back), and they share the table definitions they read, so
/// a request neither connects nor reads the catalog again. Definitions older than
/// `definitionLifetime` are read again, so a column added or dropped is seen within that time;
/// a connection that failed or was closed is dropped, never lent again. An SQLite file is opened
/// for each request (opening one costs little).
public final class ConnectorPool: Sendable {
    public let location: ConnectionLocation
    let logger: Logger
    let maximumOpen: Int
    let definitionLifetime: Duration
    let definitions = TableDefinitions()

    private struct State {
        var idle: [PostgresConnector] = []
        var open = 0
        /// Requests waiting for a connection: given one that came back, or nil when a slot freed.
        var waiting: [CheckedContinuation<PostgresConnector?, Never>] = []
        var definitionsSince = ContinuousClock.now
        /// Once closed, connections that come back are closed too.
        var closed = false
    }

    private let state = Mutex(State())

    public init(location: ConnectionLocation, logger: Logger, maximumOpen: Int = 8, definitionLifetime: Duration = .seconds(60)) {
        self.location = location
        self.logger = logger
        self.maximumOpen = max(1, maximumOpen)
        self.definitionLifetime = definitionLifetime
    }

    /// Runs `body` with a connector on the database: one lent from the pool, or a new one.
    public func withConnector<T: Sendable>(writable: Bool = false, _ body: (any Connector) async throws -> T) async throws -> T {
        guard case .postgres(let url) = location else { return try await location.withConnector(writable: writable, logger: logger, body) }
        let connector = try await borrow(url)
        do {
            let result = try await body(connector)
            await giveBack(connector, healthy: true)
            return result
        } catch let error as ConnectorError where ["connection-failed", "query-failed", "write-failed", "commit-unknown"].contains(error.code) {
            // The connection may be broken, or in a state no other request should inherit; a
            // query may have failed on a table that changed, so its definitions are read again.
            if error.code == "query-failed" { definitions.forget() }
            await giveBack(connector, healthy: false)
            throw error
        } catch {
            await giveBack(connector, healthy: true)
            throw error
        }
    }

    private enum Lending {
        case lent(PostgresConnector)
        case connect
        case wait
    }

    private func borrow(_ url: URL) async throws -> PostgresConnector {
        let now = ContinuousClock.now
        if state.withLock({ state in
            guard now - state.definitionsSince > definitionLifetime else { return false }
            state.definitionsSince = now
            return true
        }) { definitions.forget() }
        while true {
            let lending: Lending = state.withLock { state in
                while let connector = state.idle.popLast() {
                    if !connector.isClosed { return .lent(connector) }
                    state.open -= 1
                }
                guard state.open < maximumOpen else { return .wait }
                state.open += 1
                return .connect
            }
            switch lending {
            case .lent(let connector):
                return connector
            case .connect:
                do {
                    return try await PostgresConnector.connect(url: url, logger: logger, definitions: definitions)
                } catch {
                    release()
                    throw error
                }
            case .wait:
                if let connector = await withCheckedContinuation({ continuation in
                    let full = state.withLock { state in
                        guard state.open >= maximumOpen, state.idle.isEmpty else { return false }
                        state.waiting.append(continuation)
                        return true
                    }
                    if !full { continuation.resume(returning: nil) }
                }) {
                    return connector
                }
            }
        }
    }

    /// A connection comes back: to a waiting request, or to the idle ones; a broken one is closed
    /// and its place given to a waiting request, which connects anew.
    private func giveBack(_ connector: PostgresConnector, healthy: Bool) async {
        if healthy, !connector.isClosed {
            let (waiter, kept) = state.withLock { state -> (CheckedContinuation<PostgresConnector?, Never>?, Bool) in
                if !state.waiting.isEmpty { return (state.waiting.removeFirst(), true) }
                guard !state.closed else { return (nil, false) }
                state.idle.append(connector)
                return (nil, true)
            }
            waiter?.resume(returning: connector)
            if kept { return }
        }
        await connector.close()
        release()
    }

    /// One connection fewer is open: a waiting request may open one.
    private func release() {
        let waiter = state.withLock { state -> CheckedContinuation<PostgresConnector?, Never>? in
            state.open -= 1
            return state.waiting.isEmpty ? nil : state.waiting.removeFirst()
        }
        waiter?.resume(returning: nil)
    }

    /// Closes the idle connections; those lent are closed when they come back. A server calls
    /// it when it stops (PostgreSQL connections must be closed before they are released).
    public func close() async {
        let idle = state.withLock { state in
            state.closed = true
            defer {
                state.open -= state.idle.count
                state.idle.removeAll()
            }
            return state.idle
        }
        for connector in idle { await connector.close() }
    }
}
