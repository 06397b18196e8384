/// State kept beside the thread table, fed every new record in file order: at load and
/// while following, the same records in the same order.
///
/// This is how a capability (deliveries, notes, pins; later SLA clocks, surges,
/// assignments, report counters) keeps what it needs without editing the fold and
/// without ever rescanning the inbox. Work that depends on record order belongs here;
/// work that does not (reading a message's text) belongs in a ``MessageClassifier``, which
/// runs on every core during the scan.
///
/// A projection is fed on the thread that owns the ``Inbox``. Duplicate records (an `id`
/// seen before) and malformed lines never reach it.
public protocol InboxProjection: AnyObject {
    /// The kinds of record it takes in while the inbox first loads: every kind unless it
    /// says. A projection that can work out from the store, once the load is done, what
    /// some kinds would have told it leaves them out, and is not called for each of them:
    /// a call a record costs a million calls on the thread that applies records in order.
    /// After the load it takes in every new record.
    var typesWhileLoading: RecordTypes { get }
    /// Takes in one new record. `record` is valid only during the call.
    func apply(_ record: RecordContext)
}

extension InboxProjection {
    public var typesWhileLoading: RecordTypes { .all }
}
