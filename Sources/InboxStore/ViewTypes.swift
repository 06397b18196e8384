import InboxFormat
/// A thread of the inbox, as a stable number valid for the life of one loaded `Inbox`.
public struct ThreadRef: Hashable, Comparable, Sendable {
    let index: Int32
    public static func < (a: ThreadRef, b: ThreadRef) -> Bool { a.index < b.index }
    /// A dense number from 0, for tables indexed by thread.
    public var ordinal: Int { Int(index) }
    /// The thread numbered `ordinal`, for a table indexed by thread (see ``ordinal``).
    public init(ordinal: Int) { index = Int32(ordinal) }
    init(index: Int32) { self.index = index }
}

/// One line of the queue: a thread and what an agent needs to pick it.
public struct ThreadSummary: Sendable, Equatable {
    public var ref: ThreadRef
    public var id: String
    public var visibility: Visibility
    public var channel: String
    public var status: ThreadStatus
    public var customer: Person?
    /// Since when the customer has been waiting for an answer (open threads), or when the
    /// thread reached its current status (the others).
    public var since: Timestamp
    public var lastActivity: Timestamp
    public var messageCount: Int
    public var assignee: String?
    /// Until when the thread is snoozed, while it is.
    public var snoozedUntil: Timestamp? = nil
    /// The last message from the customer, untrusted: sanitise before showing.
    public var lastInboundText: String?
    /// The latest deliverer's report on the thread's latest reply written here, if any: a
    /// reply that failed, or whose claim went stale, says so in the queue.
    public var lastReplyReport: DeliveryLog.Report? = nil
}

/// One message of a thread, its text read back from the file.
public struct MessageView: Sendable, Equatable {
    public var id: String
    public var at: Timestamp
    public var direction: Direction
    public var author: Person
    public var agent: String?
    public var text: String
    public var subject: String?
    public var inReplyTo: String?
    public var template: String?
    public var delivery: DeliveryState
    public var deliveryError: String?
    public var line: Int
    /// The latest deliverer's report on it, when one came: who, when, the claim's timeout.
    public var deliveryReport: DeliveryLog.Report? = nil
}

/// Where a reply in a thread goes (see `Inbox.replyTarget(of:)`).
public struct ReplyTarget: Sendable, Equatable {
    public var thread: String
    public var channel: String
    public var visibility: Visibility
    /// The author of the thread's last `out` message: the account the thread is answered from.
    public var threadAccount: Person?
    /// The customer's last message, which the reply answers.
    public var inReplyTo: String?

    public init(thread: String, channel: String, visibility: Visibility, threadAccount: Person?, inReplyTo: String?) {
        self.thread = thread
        self.channel = channel
        self.visibility = visibility
        self.threadAccount = threadAccount
        self.inReplyTo = inReplyTo
    }
}

/// One entry of a thread's timeline: a message or an internal note.
public enum TimelineEntry: Sendable, Equatable {
    case message(MessageView)
    case note(NoteView)
}

/// An internal note on a thread.
public struct NoteView: Sendable, Equatable {
    public var at: Timestamp
    public var agent: String
    public var text: String
    public var line: Int
}

/// Which threads a listing shows: one side, or both.
public enum ViewFilter: String, Sendable, CaseIterable {
    case `public`, `private`, all

    func includes(_ visibility: Visibility) -> Bool {
        switch self {
        case .all: return true
        case .public: return visibility == .public
        case .private: return visibility == .private
        }
    }
}

/// Which threads a listing shows by status: one status, or all of them.
public enum StatusFilter: String, CaseIterable, Sendable {
    case open, waiting, resolved, snoozed, all

    /// The status to match; nil for all. A switch, not a look-up by name: the queue asks
    /// for every list and every changed thread.
    public var status: ThreadStatus? {
        switch self {
        case .open: return .open
        case .waiting: return .waiting
        case .resolved: return .resolved
        case .snoozed: return .snoozed
        case .all: return nil
        }
    }

    /// The next filter in the cycle open → waiting → resolved → snoozed → all.
    public var next: StatusFilter {
        let all = StatusFilter.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
