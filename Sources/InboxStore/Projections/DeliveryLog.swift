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
        /// On a `sending` claim: the seconds its deliverer gives the channel (shiftdesk's
        /// `timeout` field), when it said.
        public var timeout: Int64?

        /// Whether this is a claim whose deliverer should have reported by `now`: its
        /// timeout (30 s when it did not say) and a minute more have gone by. What became
        /// of the reply is unknown: someone must look on the channel; nothing sends it again.
        public func isStaleClaim(at now: Timestamp) -> Bool {
            guard state == .sending else { return false }
            // The record is untrusted: a timeout past a day (or below zero) counts as unsaid.
            let seconds = timeout.flatMap { (0...86_400).contains($0) ? $0 : nil } ?? 30
            let (elapsed, overflow) = now.milliseconds.subtractingReportingOverflow(at.milliseconds)
            return !overflow && elapsed > (seconds + 60) * 1000
        }
    }

    private(set) var reports: [Int32: Report] = [:]
    /// Per thread (by index), its latest reply written here.
    private var lastReply: [Int32: Int32] = [:]
    /// The thread of each reply written here (by message index): what a `delivery`, which
    /// names only its message, is about.
    private var replyThread: [Int32: Int32] = [:]
    /// The threads whose latest reply written here failed: a customer who never got the
    /// answer, though the thread says the company spoke last.
    public private(set) var threadsWithFailedReply: Set<Int32> = []
    /// `delivery` records that name no outbound message in the file.
    public private(set) var unmatched = 0

    public init() {}

    public func apply(_ record: RecordContext) {
        if record.type == .message, record.direction == .outbound, let message = record.message, let thread = record.thread,
           record.fields.agent.kind == .string {
            lastReply[thread.index] = message.index
            replyThread[message.index] = thread.index
            // A new reply is pending: what became of the one before no longer counts.
            threadsWithFailedReply.remove(thread.index)
            return
        }
        guard record.type == .delivery else { return }
        guard let message = record.referencedMessage else {
            unmatched += 1
            return
        }
        var report = Report(state: record.deliveryState, by: record.string(.by), error: nil,
                            remoteID: record.string(.remoteID), at: record.at,
                            timeout: record.deliveryState == .sending ? record.integer(.timeout) : nil)
        if report.state == .failed { report.error = record.string(.error) ?? "no reason given" }
        reports[message.index] = report
        if let thread = replyThread[message.index], lastReply[thread] == message.index {
            if report.state == .failed { threadsWithFailedReply.insert(thread) } else { threadsWithFailedReply.remove(thread) }
        }
    }

    /// The latest report on `message`, if any deliverer wrote one.
    public func report(on message: MessageRef) -> Report? { reports[message.index] }

    /// The latest report on the thread's latest reply written here: what the queue row
    /// says of a thread whose answer did not go out.
    public func lastReplyReport(in thread: ThreadRef) -> Report? {
        lastReply[thread.index].flatMap { reports[$0] }
    }
}
