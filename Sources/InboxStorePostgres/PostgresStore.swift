import Foundation
import InboxFormat
import InboxStore
import PostgresNIO

/// An inbox kept in PostgreSQL: the same records as the file, for a team whose agents
/// work from several machines (where `flock` over a network filesystem is not to be
/// trusted).
///
/// The records are copied in store order into a ``LocalReplica`` that an ``Inbox`` reads
/// as it reads a file; ``catchUp()`` copies those appended since the last position. An
/// append checks every record as the file's reader would and refuses one it would reject,
/// with the same reason, then inserts under the writers' advisory lock, so positions
/// commit in order. A record whose id is there already is left out and counted.
///
/// With ``follow(_:)`` a second connection listens for the store's notifications (see
/// ``changeDescriptor``) and reconnects when the server goes. While the server is out of
/// reach, ``append(lines:)`` keeps the records (``waitingAppends``) and appends them once
/// it is back; an append whose commit was never confirmed is simply made again, and the
/// unique id makes sure it is stored once.
///
/// Owned by one thread.
public final class PostgresStore: RecordStore {
    public let url: PostgresURL
    let endpoint: PostgresEndpoint
    private let replica: LocalReplica
    private var connection: PostgresConnection?
    private var watch: NotificationWatch?
    /// Records kept while the server was out of reach, in order.
    /// Kept as checked, so they go in again without a second check.
    private var outbox: [(line: String, record: CheckedRecord)] = [] {
        didSet { saveOutbox() }
    }
    /// Where kept records are also written as they are kept (0600), and removed once
    /// stored: a crash while the server is away loses none of them. Nil keeps them in
    /// memory only.
    public var outboxFile: String?
    /// What went wrong with the last call, when the watch does not know better.
    private var lastProblem: String?
    /// Seconds a statement may take before the server counts as out of reach.
    var timeout: Double = 10
    /// Seconds a catch-up may take: a whole inbox on a first load, so generous; but never
    /// unbounded, since a query sent as the connection closes is never answered.
    static let fetchTimeout: Double = 300
    /// While the server is out of reach, appends are kept and made once it is back, rather
    /// than tried again for a while and then refused: the app, which must stay responsive
    /// and lose no reply. Needs ``listen()``, which tells when the server is back.
    public var keepsAppendsWhileOffline = false

    /// Connects and checks the schema; the replica is empty until ``catchUp()``.
    public init(url: PostgresURL, password: String?) throws(InboxError) {
        self.url = url
        endpoint = PostgresEndpoint(url: url, password: password)
        replica = try LocalReplica()
        let endpoint = self.endpoint
        do {
            let connection = try Blocking.run(timeout: timeout) { try await endpoint.connect() }
            self.connection = connection
            let version = try Blocking.run(timeout: timeout) { try await Self.schemaVersion(connection) }
            guard let version else {
                throw InboxError("\(url.redacted): no shiftdesk inbox there yet (make one with: shiftdesk store init URL)")
            }
            guard version == Schema.version else {
                throw InboxError("\(url.redacted): the inbox's schema is version \(version); this shiftdesk reads version \(Schema.version)")
            }
        } catch let error as InboxError {
            throw error
        } catch {
            throw InboxError(endpoint.describe(error))
        }
    }

    deinit {
        watch?.stop()
        if let connection { Task { try? await connection.close() } }
    }

    /// Makes the tables at `url` when they are not there; true when it made them.
    public static func initialize(url: PostgresURL, password: String?) throws(InboxError) -> Bool {
        let endpoint = PostgresEndpoint(url: url, password: password)
        do {
            return try Blocking.run(timeout: 30) {
                let connection = try await endpoint.connect()
                do {
                    let made = try await Self.create(connection)
                    try await connection.close()
                    return made
                } catch {
                    try? await connection.close()
                    throw error
                }
            }
        } catch let error as InboxError {
            throw error
        } catch {
            throw InboxError(endpoint.describe(error))
        }
    }

    private static func create(_ connection: PostgresConnection) async throws -> Bool {
        // Two inits at once: one makes the tables, the other waits and finds them. The lock
        // is the session's, and goes with the connection, which the caller closes.
        try await connection.query("SELECT pg_advisory_lock(\(Schema.appendLock))", logger: PostgresEndpoint.logger)
        if let version = try await schemaVersion(connection) {
            guard version == Schema.version else {
                throw InboxError("the inbox's schema is version \(version); this shiftdesk makes version \(Schema.version)")
            }
            return false
        }
        try await connection.query("BEGIN", logger: PostgresEndpoint.logger)
        do {
            for statement in Schema.create {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: PostgresEndpoint.logger)
            }
            try await connection.query("COMMIT", logger: PostgresEndpoint.logger)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: PostgresEndpoint.logger)
            throw error
        }
        return true
    }

    private static func schemaVersion(_ connection: PostgresConnection) async throws -> Int? {
        let rows = try await connection.query("SELECT to_regclass('shiftdesk_schema') IS NOT NULL", logger: PostgresEndpoint.logger)
        var exists = false
        for try await row in rows { exists = try row.decode(Bool.self) }
        guard exists else { return nil }
        var version: Int?
        for try await row in try await connection.query("SELECT max(version) FROM shiftdesk_schema", logger: PostgresEndpoint.logger) {
            version = try row.decode(Int?.self)
        }
        return version
    }

    // MARK: RecordStore

    public var name: String { url.redacted }
    public var readablePath: String { replica.path }

    /// Starts listening for others' appends and presence, and for the server going and
    /// coming back (see ``trouble``): what the app does, not a one-shot command.
    public func listen() throws(InboxError) {
        guard watch == nil else { return }
        let watch = try NotificationWatch(endpoint: endpoint)
        watch.start()
        self.watch = watch
    }

    public var changeDescriptor: Int32? { watch?.readEnd }
    public func drainChanges() { watch?.drain() }

    public var trouble: String? {
        if let watch {
            let status = watch.status
            if !status.connected { return "offline — reconnecting (\(status.problem ?? "connecting"))" }
        }
        return lastProblem.map { "offline — reconnecting (\($0))" }
    }

    public var waitingAppends: Int { outbox.count }

    /// Rows the replica could not hold, by position.
    public var problems: [String] { replica.problems }

    /// Copies the records after the replica's position into it; first appends what was
    /// kept while the server was out of reach. Out of reach: returns 0 and says so in
    /// ``trouble``; an error of the server's own is thrown.
    @discardableResult
    public func catchUp() throws(InboxError) -> Int {
        if let watch, !watch.status.connected { return 0 }
        do {
            var flushProblem: String?
            if !outbox.isEmpty {
                do {
                    try flushOutbox()
                } catch where !PostgresEndpoint.isConnectionLoss(error) {
                    // The server refuses them for now (read-only, full): the others' records
                    // are still read, and the kept ones tried again on the next look.
                    flushProblem = "cannot store the kept records: \(PostgresEndpoint.reason(error))"
                }
            }
            let count = try fetch()
            lastProblem = flushProblem
            return count
        } catch {
            return try handle(error)
        }
    }

    private func handle(_ error: any Error) throws(InboxError) -> Int {
        let problem = failure(error)
        // Listening, a lost server is trouble to show, not an error: the watch says when it is back.
        if watch != nil, !(error is InboxError), PostgresEndpoint.isConnectionLoss(error) { return 0 }
        throw problem
    }

    /// `error` in words, a lost connection dropped and remembered for ``trouble`` first.
    private func failure(_ error: any Error) -> InboxError {
        if let error = error as? InboxError { return error }
        if PostgresEndpoint.isConnectionLoss(error) {
            dropConnection()
            lastProblem = PostgresEndpoint.reason(error)
        }
        return InboxError(endpoint.describe(error))
    }

    /// The rows after the replica's position, into it.
    private func fetch() throws -> Int {
        let connection = try connected()
        let replica = ReplicaHandle(replica)
        let after = replica.replica.position
        let count = try Blocking.run(timeout: Self.fetchTimeout) {
            try await Self.copyRows(after: after, from: connection, into: replica)
        }
        return count
    }

    private static func copyRows(after position: Int64, from connection: PostgresConnection, into handle: ReplicaHandle) async throws -> Int {
        let rows = try await connection.query(
            "SELECT position, line FROM shiftdesk_records WHERE position > \(position) ORDER BY position",
            logger: PostgresEndpoint.logger)
        var count = 0
        for try await row in rows {
            let cells = row.makeRandomAccess()
            let position = try cells[0].decode(Int64.self)
            guard var bytes = cells[1].bytes else { continue }
            try bytes.readWithUnsafeReadableBytes { raw in
                try handle.replica.add(raw, position: position)
                return raw.count
            }
            count += 1
        }
        try handle.replica.flush()
        return count
    }

    @discardableResult
    public func append(lines: [String]) throws(InboxError) -> AppendOutcome {
        let checked = try check(lines)
        return try insert(checked, keepOnLoss: keepsAppendsWhileOffline && watch != nil)
    }

    public func appendNew(lines: [(line: String, id: String)]) throws(InboxError) -> AppendOutcome {
        try insert(try check(lines.map(\.line)), keepOnLoss: keepsAppendsWhileOffline && watch != nil)
    }

    @discardableResult
    public func append(choosing choose: () throws(InboxError) -> [String]) throws(InboxError) -> AppendOutcome {
        let connection: PostgresConnection
        do { connection = try connected() } catch { throw failure(error) }
        let replica = ReplicaHandle(replica)
        do {
            // Under the writers' lock, first what the others appended: the choice sees it.
            let after = replica.replica.position
            try Blocking.run(timeout: timeout) {
                try await connection.query("BEGIN", logger: PostgresEndpoint.logger)
                try await connection.query("SELECT pg_advisory_xact_lock(\(Schema.appendLock))", logger: PostgresEndpoint.logger)
            }
            _ = try Blocking.run(timeout: Self.fetchTimeout) { try await Self.copyRows(after: after, from: connection, into: replica) }
        } catch {
            rollback(connection)
            throw failure(error)
        }
        let lines: [String]
        let checked: [(String, CheckedRecord)]
        do {
            lines = try choose()
            checked = try check(lines)
        } catch {
            rollback(connection)
            throw error
        }
        do {
            let appended = try Blocking.run(timeout: timeout) {
                let count = try await Self.insertRows(checked, on: connection)
                try await connection.query("COMMIT", logger: PostgresEndpoint.logger)
                return count
            }
            return AppendOutcome(appended: appended, alreadyPresent: checked.count - appended)
        } catch {
            rollback(connection)
            // A claim whose commit is not known: the caller sees an error and decides
            // again on its next look, where a committed one shows.
            throw failure(error)
        }
    }

    private func rollback(_ connection: PostgresConnection) {
        guard !connection.isClosed else { return dropConnection() }
        do {
            _ = try Blocking.run(timeout: 2) { try await connection.query("ROLLBACK", logger: PostgresEndpoint.logger) }
        } catch {
            // Still in a transaction, or gone: not to be used again.
            dropConnection()
        }
    }

    /// Each line checked as the file's reader checks it: the first one it would reject
    /// stops the whole append, with the reader's reason.
    private func check(_ lines: [String]) throws(InboxError) -> [(String, CheckedRecord)] {
        var check = RecordLineCheck()
        var out: [(String, CheckedRecord)] = []
        out.reserveCapacity(lines.count)
        for (i, line) in lines.enumerated() {
            var text = line
            let verdict = text.withUTF8 { check.checkRecord(UnsafeRawBufferPointer($0)) }
            switch verdict {
            case .success(let record): out.append((line, record))
            case .failure(let failure):
                let which = lines.count == 1 ? "the record" : "record \(i + 1) of \(lines.count)"
                throw InboxError("\(url.redacted): refusing \(which): \(failure.reason)")
            }
        }
        return out
    }

    /// Inserts under the lock; on a lost connection keeps the records (the app) or tries
    /// again for a while (a command), by id, so never twice.
    private func insert(_ records: [(String, CheckedRecord)], keepOnLoss: Bool) throws(InboxError) -> AppendOutcome {
        guard !records.isEmpty else { return AppendOutcome() }
        if keepOnLoss, let watch, !watch.status.connected || !outbox.isEmpty {
            // Behind those kept before: order is kept too.
            outbox += records
            if watch.status.connected, (try? flushOutbox()) != nil { return AppendOutcome(appended: records.count) }
            return AppendOutcome(waiting: records.count)
        }
        var attempt = 0
        while true {
            do {
                let appended = try insertNow(records)
                lastProblem = nil
                return AppendOutcome(appended: appended, alreadyPresent: records.count - appended)
            } catch {
                let problem = failure(error)
                guard PostgresEndpoint.isConnectionLoss(error) else { throw problem }
                if keepOnLoss {
                    outbox += records
                    return AppendOutcome(waiting: records.count)
                }
                // A command: the server may come back within seconds (a restart).
                attempt += 1
                if attempt > 10 {
                    let ids = records.prefix(3).map(\.1.id).joined(separator: ", ")
                    throw InboxError("\(endpoint.describe(error)); not known whether \(records.count == 1 ? "the record" : "the records") (id \(ids)) got in: once the server is back, look (shiftdesk thread --store URL THREAD) before writing it again")
                }
                usleep(useconds_t(min(attempt, 4)) * 500_000)
            }
        }
    }

    private func insertNow(_ records: [(String, CheckedRecord)]) throws -> Int {
        let connection = try connected()
        return try Blocking.run(timeout: timeout) {
            try await connection.query("BEGIN", logger: PostgresEndpoint.logger)
            do {
                try await connection.query("SELECT pg_advisory_xact_lock(\(Schema.appendLock))", logger: PostgresEndpoint.logger)
                let count = try await Self.insertRows(records, on: connection)
                try await connection.query("COMMIT", logger: PostgresEndpoint.logger)
                return count
            } catch {
                // A connection that is gone rolled back with it; a query on it would hang.
                if !connection.isClosed && !PostgresEndpoint.isConnectionLoss(error) {
                    _ = try? await connection.query("ROLLBACK", logger: PostgresEndpoint.logger)
                }
                throw error
            }
        }
    }

    /// One statement for the batch, in order; returns the rows inserted.
    private static func insertRows(_ records: [(String, CheckedRecord)], on connection: PostgresConnection) async throws -> Int {
        // The columns are an index; the line is the record. A text column cannot hold the
        // NUL that a `\u0000` escape decodes to, so there it stands as U+FFFD.
        func column(_ text: String) -> String { text.contains("\u{0}") ? text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : text }
        let ids = records.map { column($0.1.id) }, types = records.map { column($0.1.type) }
        let threads = records.map { column($0.1.thread ?? "") }, ats = records.map { column($0.1.at) }, lines = records.map(\.0)
        let rows = try await connection.query("""
            INSERT INTO shiftdesk_records (id, type, thread, at, line)
            SELECT i, t, NULLIF(th, ''), a, l
            FROM unnest(\(ids)::text[], \(types)::text[], \(threads)::text[], \(ats)::text[], \(lines)::text[])
                WITH ORDINALITY AS r(i, t, th, a, l, n)
            ORDER BY n
            ON CONFLICT (id) DO NOTHING
            RETURNING position
            """, logger: PostgresEndpoint.logger)
        var count = 0
        for try await _ in rows { count += 1 }
        return count
    }

    /// Appends what was kept while offline, oldest first; each is stored once by its id.
    private func flushOutbox() throws {
        _ = try insertNow(outbox.map { ($0.line, $0.record) })
        outbox.removeAll()
    }

    /// The records kept while offline, as JSON lines: what the app saves on quit when the
    /// server never came back.
    public var waitingLines: [String] { outbox.map(\.line) }

    /// Writes the kept records to ``outboxFile`` (synced), or removes it when none are left.
    private func saveOutbox() {
        guard let outboxFile else { return }
        guard !outbox.isEmpty else {
            unlink(outboxFile)
            return
        }
        let bytes = Array((outbox.map(\.line).joined(separator: "\n") + "\n").utf8)
        let temporary = outboxFile + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, $0.count - done) }
            if n <= 0 { break }
            done += n
        }
        let written = done == bytes.count && fsync(fd) == 0
        close(fd)
        if written { rename(temporary, outboxFile) } else { unlink(temporary) }
    }

    private func connected() throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        let endpoint = self.endpoint
        let made = try Blocking.run(timeout: 5) { try await endpoint.connect() }
        connection = made
        return made
    }

    private func dropConnection() {
        if let connection { Task { try? await connection.close() } }
        connection = nil
    }

    // MARK: Presence

    public func presence(session: String) -> any PresenceChannel {
        PostgresPresence(store: self, session: session)
    }

    /// Runs a short statement for presence: nothing when the server is out of reach.
    func presenceQuery<T: Sendable>(_ work: @Sendable @escaping (PostgresConnection) async throws -> T) -> T? {
        if let watch, !watch.status.connected { return nil }
        guard let connection = try? connected() else { return nil }
        do {
            return try Blocking.run(timeout: 2) { try await work(connection) }
        } catch {
            if PostgresEndpoint.isConnectionLoss(error) { dropConnection() }
            return nil
        }
    }
}

/// The replica, handed to the task that fills it while its owner waits for that task.
struct ReplicaHandle: @unchecked Sendable {
    let replica: LocalReplica
    init(_ replica: LocalReplica) { self.replica = replica }
}
