import Foundation
import GRDBSQLite

/// Copies the store's write-ahead log back into the database file on a thread of its own, so the
/// writer (the consent committer above all) does not stop to do it after its commits.
///
/// SQLite's own autocheckpoint runs inside the commit that crosses 1,000 frames (4 MB): the
/// batch that triggers it waits while the whole log is copied and the database file flushed,
/// and checkpointing that often writes the same pages (an index leaf changed by several batches)
/// again and again. Here a hook on the writer's connection counts the frames each commit leaves
/// in the log and, every ``interval`` frames, wakes this thread, which runs a passive checkpoint
/// on a connection of its own: it copies what is committed without blocking the writer or the
/// readers. A passive checkpoint cannot empty a log that keeps growing, so past ``backstop``
/// frames the writer checkpoints itself as SQLite would (by then only the frames since the last
/// background pass are left to copy), after which the next write starts the log over.
final class SQLiteCheckpointer: @unchecked Sendable {
    /// Frames added to the log between two background checkpoints.
    let interval: Int32
    /// The log's size in frames past which the writer checkpoints itself.
    let backstop: Int32

    private let path: String
    private let condition = NSCondition()
    // Guarded by `condition`:
    private var isRequested = false
    private var isStopping = false
    private var thread: Thread?
    private var finished = false
    private var passes = 0
    // The writer's side, touched only from the writer's hook (one writer at a time):
    private var framesAtLastRequest: Int32 = 0

    init(path: String, interval: Int32 = 2_000, backstop: Int32 = 20_000) {
        self.path = path
        self.interval = interval
        self.backstop = backstop
    }

    /// Installs the hook on the writer's connection, replacing SQLite's autocheckpoint. The
    /// checkpointer must outlive the connection or be removed with ``uninstall(from:)``.
    func install(on writer: OpaquePointer) {
        sqlite3_wal_hook(writer, { context, connection, name, frames in
            guard let context else { return SQLITE_OK }
            Unmanaged<SQLiteCheckpointer>.fromOpaque(context).takeUnretainedValue().committed(frames: frames, connection: connection, name: name)
            return SQLITE_OK
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Removes the hook and puts SQLite's own autocheckpoint back.
    func uninstall(from writer: OpaquePointer) {
        sqlite3_wal_autocheckpoint(writer, 1_000)
    }

    /// Stops the thread after its current checkpoint, if it was started.
    func stop() {
        condition.lock()
        isStopping = true
        condition.broadcast()
        while thread != nil && !finished { condition.wait() }
        condition.unlock()
    }

    /// The background checkpoints that completed so far.
    var completedPasses: Int {
        condition.lock()
        defer { condition.unlock() }
        return passes
    }

    /// Whether the thread was started (a store whose log never reaches ``interval`` has none).
    var isRunning: Bool {
        condition.lock()
        defer { condition.unlock() }
        return thread != nil && !finished
    }

    /// Called by SQLite on the writer's thread after each commit, with the log's size in frames.
    private func committed(frames: Int32, connection: OpaquePointer?, name: UnsafePointer<CChar>?) {
        if frames < framesAtLastRequest { framesAtLastRequest = 0 }  // the log started over
        if frames >= backstop {
            sqlite3_wal_checkpoint_v2(connection, name, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            framesAtLastRequest = frames
        } else if frames - framesAtLastRequest >= interval {
            framesAtLastRequest = frames
            request()
        }
    }

    /// Wakes the thread (starting it the first time).
    private func request() {
        condition.lock()
        defer { condition.unlock() }
        guard !isStopping else { return }
        isRequested = true
        if thread == nil {
            let thread = Thread { [self] in
                Thread.current.name = "registre-ckpt"  // from inside, as the committer's; 15 bytes at most
                run()
            }
            self.thread = thread
            thread.start()
        }
        condition.signal()
    }

    /// The thread's loop: one passive checkpoint per request, on a connection opened on first use.
    private func run() {
        var handle: OpaquePointer?
        defer {
            sqlite3_close_v2(handle)
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        while true {
            condition.lock()
            while !isRequested && !isStopping { condition.wait() }
            let stopping = isStopping
            isRequested = false
            condition.unlock()
            if stopping { return }
            if handle == nil {
                guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK else {
                    // The writer's backstop still keeps the log bounded.
                    sqlite3_close_v2(handle)
                    handle = nil
                    continue
                }
                sqlite3_exec(handle, "PRAGMA synchronous = FULL", nil, nil, nil)
            }
            // SQLITE_BUSY (the writer's backstop is checkpointing) leaves the work to it.
            let code = sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            condition.lock()
            if code == SQLITE_OK { passes += 1 }
            condition.broadcast()
            condition.unlock()
        }
    }
}
