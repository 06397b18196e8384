import InboxFormat
import InboxStore

/// The replies written here that no deliverer has taken yet, and where each thread's last
/// customer message is: what a deliverer needs, kept as the inbox is read.
///
/// A reply waits from its `message` record (an `out` message with `agent`) until any
/// `delivery` record names it: `sending` (a claim), `sent` or `failed`. A claim with no
/// outcome keeps it out for good: its deliverer may have sent it before it died, and
/// sending it again is worse than asking an agent to look (the format's at-most-once).
final class DeliveryQueue: InboxProjection {
    /// A reply waiting for a deliverer.
    struct Waiting {
        var message: MessageRef
        var thread: ThreadRef
        var location: LineLocation
    }

    /// By message index.
    private(set) var waiting: [Int32: Waiting] = [:]
    /// By thread index: the line of its latest customer message.
    private(set) var lastCustomerMessage: [Int: LineLocation] = [:]

    func apply(_ record: RecordContext) {
        switch record.type {
        case .message:
            guard let message = record.message, let thread = record.thread else { return }
            if record.direction == .inbound {
                lastCustomerMessage[thread.ordinal] = record.location
            } else if record.string(.agent) != nil {
                waiting[message.index] = Waiting(message: message, thread: thread, location: record.location)
            }
        case .delivery:
            if let message = record.referencedMessage { waiting[message.index] = nil }
        default:
            break
        }
    }

    /// The replies waiting now, oldest first.
    var waitingInOrder: [Waiting] { waiting.values.sorted { $0.message.index < $1.message.index } }

    func isWaiting(_ message: MessageRef) -> Bool { waiting[message.index] != nil }
}
