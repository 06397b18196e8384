import Desk
import InboxFormat
import InboxStore

/// What `render` and `reduce` may read of the inbox: the thread table's answers and the
/// message bodies. The loop owns one (an ``InboxModel`` over the file) and passes it in,
/// so the state itself holds no inbox, no file and no cache, and a test can hand in a
/// model of its own.
///
/// Every question that depends on time takes the time from the state; a model never
/// reads a clock.
public protocol ReadModel: AnyObject {
    /// Malformed lines met so far, for the title bar.
    var problems: [LineProblem] { get }
    /// Threads whose latest reply written here failed to go out, for the title bar: those
    /// customers wait for an answer that the thread's status says they have.
    var failedReplies: Int { get }
    /// Messages in the inbox, to tell an empty inbox from an empty view.
    var messageCount: Int { get }
    /// Active pins, oldest first.
    var activePins: [Pin] { get }
    /// The surges at `now`: those going on and those that ended within a day, oldest first.
    func surges(at now: Timestamp) -> [Surge]

    /// The threads of a view with a status (nil: every status) at `now`, longest-waiting first.
    func threads(view: ViewFilter, status: ThreadStatus?, at now: Timestamp) -> [ThreadRef]
    /// Where a thread sorts in `order`, or nil when it is not in that view with that status.
    func queuePlace(of ref: ThreadRef, view: ViewFilter, status: ThreadStatus?, order: QueueOrder, at now: Timestamp) -> QueuePlace?
    /// The thread's priority, and the agent who set it (nil: the triage rules did).
    func priority(of ref: ThreadRef) -> (level: PriorityLevel, setBy: String?)
    /// The thread's response clock at `now`; nil when nobody waits for an answer in it.
    func clock(of ref: ThreadRef, at now: Timestamp) -> SLAClock?
    /// What a reply to the thread written at `now` promises (`{{response_time}}`).
    func promise(for ref: ThreadRef, at now: Timestamp) -> ResponsePromise
    /// The thread with this id, if it has any message.
    func thread(id: String) -> ThreadRef?
    /// The threads whose snooze ends after `start` and not after `end`.
    func snoozesEnding(after start: Timestamp, through end: Timestamp) -> [ThreadRef]
    /// When anything last happened in the thread.
    func lastActivity(of ref: ThreadRef) -> Timestamp
    /// Every agent the inbox names, sorted.
    var agentNames: [String] { get }
    /// Who owns the thread (nil: nobody), from the thread table.
    func assignee(of ref: ThreadRef) -> String?
    /// The thread's status at `now`, from the thread table (no text read).
    func status(of ref: ThreadRef, at now: Timestamp) -> ThreadStatus
    /// When the company wrote in the thread, oldest first (no text read).
    func companyReplyTimes(of ref: ThreadRef) -> [Timestamp]
    /// The customer's threads, `ref` included, in the order they started; at most `limit`.
    func customerThreads(of ref: ThreadRef, limit: Int) -> [ThreadRef]
    /// Where a reply in the thread goes, and the company account that answers it.
    func replyTarget(of ref: ThreadRef) -> ReplyTarget
    /// The handles of every account the company wrote from, lower-cased, without `@`.
    var companyHandles: Set<String> { get }
    /// The first names of the inbox's customers, lower-cased, for the wrong-name check.
    func customerFirstNames() -> Set<String>
    /// What every queue row needs from the whole inbox: the widest channel name (0 when
    /// there is only one channel) and the company's handles.
    func queueRowContext(at now: Timestamp) -> QueueRowContext

    /// What the queue shows of a thread at `now`; reads its last customer message.
    func summary(of ref: ThreadRef, at now: Timestamp) -> ThreadSummary
    /// The thread's messages, oldest first, with their texts.
    func messages(of ref: ThreadRef) -> [MessageView]
    /// The thread's internal notes, in file order.
    func notes(of ref: ThreadRef) -> [NoteView]
    /// The thread's messages and notes, merged in file order.
    func timeline(of ref: ThreadRef) -> [TimelineEntry]
    /// Texts the company sent since `since`, newest first, at most `limit`.
    func recentOutboundTexts(since: Timestamp, limit: Int) -> [String]
    /// The company's replies since `since`, newest first, with their threads.
    func recentReplies(since: Timestamp) -> [(message: MessageView, thread: ThreadRef)]

    /// The conversation pane's lines for `ref` at `width`, made by `layout`; a model may keep
    /// them until the thread changes, so a frame does not lay out a long thread again.
    func conversationLines(of ref: ThreadRef, width: Int, at now: Timestamp, layout: () -> [StyledLine]) -> [StyledLine]

    /// What a search running on another thread reads: taken on the loop's thread, cheaply.
    func searchSource() -> any SearchSource

    /// The shift report from the start of the model's report log to `until`, with waits in
    /// `hours` when set; only `agent`'s work when given. nil when the model keeps no log.
    func shiftReport(until: Timestamp, hours: BusinessCalendar?, agent: String?) -> ShiftReport?
}

extension ReadModel {
    public func shiftReport(until: Timestamp, hours: BusinessCalendar?, agent: String?) -> ShiftReport? { nil }
    public func conversationLines(of ref: ThreadRef, width: Int, at now: Timestamp, layout: () -> [StyledLine]) -> [StyledLine] { layout() }
}

/// The texts of threads for a search on another thread.
///
/// Made on the loop's thread (it must be cheap there), handed to the search's thread,
/// which asks it once for the threads it will search and then lets it go.
public protocol SearchSource: Sendable {
    /// What the `/` filter matches each of `refs` by, in that order.
    func haystacks(of refs: [ThreadRef]) -> any Haystacks
}

/// The searchable texts of a list of threads, read as the search goes.
public protocol Haystacks {
    var count: Int { get }
    /// The thread at `index`.
    func ref(at index: Int) -> ThreadRef
    /// The texts of the thread at `index`: its id, channel, customer and last customer message.
    func texts(at index: Int) -> [String]
}

/// The source over the real inbox: a snapshot of its tables, from which a search copies
/// out what it needs before reading texts through a descriptor of its own.
struct InboxSearchSource: SearchSource {
    let snapshot: InboxSnapshot

    func haystacks(of refs: [ThreadRef]) -> any Haystacks { Texts(texts: snapshot.texts(of: refs)) }

    struct Texts: Haystacks {
        let texts: ThreadTexts
        var count: Int { texts.count }
        func ref(at i: Int) -> ThreadRef { texts.ref(at: i) }
        func texts(at i: Int) -> [String] {
            [texts.id(at: i), texts.channel(at: i), texts.customerName(at: i) ?? "", texts.customerHandle(at: i) ?? "",
             texts.lastInboundText(at: i) ?? ""]
        }
    }
}
