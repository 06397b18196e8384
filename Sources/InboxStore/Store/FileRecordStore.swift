import InboxFormat

/// The inbox file as a store: today's file, read in place and appended to under `flock`.
public final class FileRecordStore: RecordStore {
    public let path: String
    private let appender: InboxAppender
    /// The ids of the file, read on the first ``appendNew(lines:)`` and kept up to date.
    private var ids: RecordIDSet?

    /// `durable: false` skips the `fsync` after each append: tests and benchmarks only.
    public init(path: String, durable: Bool = true) {
        self.path = path
        appender = InboxAppender(path: path, durable: durable)
    }

    public var name: String { path }
    public var readablePath: String { path }
    public func catchUp() throws(InboxError) -> Int { 0 }

    @discardableResult
    public func append(lines: [String]) throws(InboxError) -> AppendOutcome {
        try appender.append(lines: lines)
        return AppendOutcome(appended: lines.count)
    }

    @discardableResult
    public func append(choosing choose: () throws(InboxError) -> [String]) throws(InboxError) -> AppendOutcome {
        // The reader follows the file itself: it is current once the lock is held.
        let appended = try appender.append { _, _ throws(InboxError) in try choose() }
        return AppendOutcome(appended: appended)
    }

    /// Reads the file's ids now, rather than on the first ``appendNew(lines:)``: a file
    /// that cannot be read is then said before anything else happens.
    public func readIDs() throws(InboxError) {
        if ids == nil { ids = try RecordIDSet(path: path) }
    }

    public func appendNew(lines: [(line: String, id: String)]) throws(InboxError) -> AppendOutcome {
        try readIDs()
        guard var ids = self.ids else { return AppendOutcome() }
        self.ids = nil  // not copied on write while it is changed here
        defer { self.ids = ids }
        var present = 0
        var chosen: [String] = []
        let path = self.path
        let appended = try appender.append { fd, size throws(InboxError) in
            // What others appended since the last look, read under the lock.
            try ids.catchUp(from: fd, size: size, path: path)
            present = 0
            chosen = []
            var seen = Set<String>()
            var out: [String] = []
            for record in lines {
                if !ids.contains(record.id) && seen.insert(record.id).inserted {
                    out.append(record.line)
                    chosen.append(record.id)
                } else {
                    present += 1
                }
            }
            return out
        }
        // Taken as present only once written: after a failed write the next look at the
        // file finds those that were.
        for id in chosen { ids.insert(id) }
        return AppendOutcome(appended: appended, alreadyPresent: present)
    }

    public func presence(session: String) -> any PresenceChannel {
        PresenceBoard(inboxPath: path, session: session)
    }
}
