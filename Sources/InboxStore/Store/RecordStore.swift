import InboxFormat

/// Where an inbox's records are kept, and how a process takes part in it: it reads them in
/// order from where it last stopped, learns that others appended, appends under the
/// writers' mutual exclusion, and tells the others where its agent is.
///
/// Two stores keep the same records: ``FileRecordStore``, the JSON-lines file that is the
/// contract, and a database store for a team past one machine (`InboxStorePostgres`).
/// Whatever the store, an ``Inbox`` reads a local file in order and reads message bodies
/// back from it by offset, which is what keeps the app at a tenth of a mail client's
/// memory: the file store's local file is the inbox itself, a database store keeps a
/// replica that ``catchUp()`` brings up to date (see ``LocalReplica``).
///
/// Owned by one thread (the app's loop, a command's main thread).
public protocol RecordStore: AnyObject {
    /// How messages name the store: the file's path, or the database's URL without a password.
    var name: String { get }
    /// The local file that holds the records in store order, for ``Inbox`` to read.
    var readablePath: String { get }
    /// Brings ``readablePath`` up to date with the store (load from the last position);
    /// returns how many records it took in. The file store has nothing to do.
    @discardableResult
    func catchUp() throws(InboxError) -> Int
    /// Appends records (JSON objects without their `\n`) in order, under the writers'
    /// exclusion. A record whose `id` the store already holds is left out and counted
    /// where the store can tell (a database can; the file leaves it to the reader, which
    /// skips a repeated id).
    @discardableResult
    func append(lines: [String]) throws(InboxError) -> AppendOutcome
    /// Appends what `choose` returns, deciding under the writers' exclusion: when it runs,
    /// ``readablePath`` holds every record appended before, so an ``Inbox`` that follows
    /// it sees what the others did (a deliverer claims a reply nobody claimed).
    @discardableResult
    func append(choosing choose: () throws(InboxError) -> [String]) throws(InboxError) -> AppendOutcome
    /// Appends the records whose ids the store does not hold yet, and counts the others:
    /// a connector's re-deliveries and a copy run twice write nothing twice.
    func appendNew(lines: [(line: String, id: String)]) throws(InboxError) -> AppendOutcome
    /// Where this process's agent is, for the others, and where theirs are.
    func presence(session: String) -> any PresenceChannel
    /// Starts listening for others' appends, which ``changeDescriptor`` then tells of: for
    /// a process that stays (the app, a deliverer). The file store has a watch for that.
    func listen() throws(InboxError)
    /// A descriptor that becomes readable when others may have appended; nil when a watch
    /// on ``readablePath`` tells (the file store).
    var changeDescriptor: Int32? { get }
    /// Empties what ``changeDescriptor`` said, before catching up.
    func drainChanges()
    /// Nil while the store is reachable; else what the app shows ("offline — reconnecting").
    var trouble: String? { get }
    /// Records appended while the store was out of reach and kept to be appended again
    /// once it is back (by id, so never twice).
    var waitingAppends: Int { get }
}

/// What an append did.
public struct AppendOutcome: Sendable, Equatable {
    /// Records written.
    public var appended: Int
    /// Records left out because the store held their id already.
    public var alreadyPresent: Int
    /// Records kept to be appended once the store is reachable again: not stored yet.
    public var waiting: Int

    public init(appended: Int = 0, alreadyPresent: Int = 0, waiting: Int = 0) {
        self.appended = appended
        self.alreadyPresent = alreadyPresent
        self.waiting = waiting
    }
}

extension RecordStore {
    public func listen() throws(InboxError) {}
    public var changeDescriptor: Int32? { nil }
    public func drainChanges() {}
    public var trouble: String? { nil }
    public var waitingAppends: Int { 0 }

    /// Appends one record.
    public func append(line: String) throws(InboxError) {
        try append(lines: [line])
    }
}
