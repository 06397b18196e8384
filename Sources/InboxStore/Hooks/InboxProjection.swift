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
    /// Takes in one new record. `record` is valid only during the call.
    func apply(_ record: RecordContext)
}
