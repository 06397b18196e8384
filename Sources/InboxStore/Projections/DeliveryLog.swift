import InboxFormat

/// What became of each reply written here: the latest `delivery` record per message.
///
/// Format 1.1: an `out` message with `agent` is a reply written here and waits (`queued`)
/// until a deliverer reports on it; an `out` message without `agent` was written by a
/// connector about a reply that already went out, so it counts as sent.
public final class DeliveryLog: InboxProjection {
    /// The latest report on one message.
    public struct Report: Sendable, Equatable {
        public var state: DeliveryState
        public var by: String?
        public var error: String?
        public var remoteID: String?
        public var at: Timestamp
    }

    private(set) var reports: [Int32: Report] = [:]
    /// `delivery` records that name no outbound message in the file.
    public private(set) var unmatched = 0

    public init() {}

    public func apply(_ record: RecordContext) {
        guard record.type == .delivery else { return }
        guard let message = record.referencedMessage else {
            unmatched += 1
            return
        }
        var report = Report(state: record.deliveryState, by: record.string(.by), error: nil,
                            remoteID: record.string(.remoteID), at: record.at)
        if report.state == .failed { report.error = record.string(.error) ?? "no reason given" }
        reports[message.index] = report
    }

    /// The latest report on `message`, if any deliverer wrote one.
    public func report(on message: MessageRef) -> Report? { reports[message.index] }
}
