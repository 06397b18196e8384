import Desk
import InboxFormat
import InboxStore

/// The read model over a real inbox, owned by the loop: answers from the `Inbox` and
/// keeps what a frame reads from the file (the rows' summaries, the open conversation)
/// until records arrive or the minute turns.
///
/// Following goes through it (``follow()``), so it knows when what it keeps is stale.
public final class InboxModel: ReadModel {
    public let inbox: Inbox
    /// Priorities and clocks; its classifier and projection must be the inbox's.
    public let triage: Triage
    private var summaries: [ThreadRef: ThreadSummary] = [:]
    private var summaryMinute: Int64 = .min
    private var conversation: (ref: ThreadRef, width: Int, minute: Int64, lines: [StyledLine])?
    /// What the queue rows need from the whole inbox; nil until asked after a change.
    private var rowContext: (channelWidth: Int, companyHandles: Set<String>)?
    private let firstNames = PeopleNames()

    /// Finds surges as records arrive; nil: none are looked for.
    private let surgeFinder: SurgeProjection?
    /// Keeps what the shift report is made of; nil: the app shows no report.
    private let reportLog: ReportLog?
    /// The inbox's ``Inbox/peopleVersion`` when the kept summaries were made.
    private var peopleSeen = 0
    private var surgeCache: (SurgeCacheKey, [Surge])?

    /// Opens the inbox at `path` with `triage`'s classifiers and projections, and runs its
    /// pattern rules once over the threads where a customer waits. Without rules, every
    /// thread is normal. With `surges`, surges are found as the inbox loads and grows; with
    /// `report`, the shift report's figures are kept from its start.
    public init(path: String, triage: Triage = Triage(classifier: nil), surges: SurgeProjection? = nil, report: ReportLog? = nil,
                progress: ((Double) -> Void)? = nil) throws(InboxError) {
        let projections: [any InboxProjection] = triage.projections + (surges.map { [$0] } ?? []) + (report.map { [$0] } ?? [])
        inbox = try Inbox(path: path, classifiers: triage.classifiers, projections: projections, progress: progress)
        self.triage = triage
        surgeFinder = surges
        reportLog = report
        peopleSeen = inbox.peopleVersion
        triage.afterLoad(in: inbox)
    }

    /// Takes in what other processes appended (see `Inbox.follow()`) and returns the
    /// threads the new records touched, for `Action.inboxChanged`.
    public func follow() throws(InboxError) -> (result: Inbox.FollowResult, changed: [ThreadRef]) {
        let result = try inbox.follow()
        guard case .appended(let lines) = result, lines > 0 else { return (result, []) }
        rowContext = nil
        let changed = inbox.takeChangedThreads()
        // What the rows and the open conversation keep is forgotten for the threads the
        // records touched, and kept for the rest: a connector appending elsewhere must not
        // cost every row's read and a layout of a long thread per frame. A person's name or
        // handle arriving shows in every thread they are in: then everything goes.
        if inbox.peopleVersion != peopleSeen {
            peopleSeen = inbox.peopleVersion
            summaries.removeAll(keepingCapacity: true)
            conversation = nil
        } else {
            for ref in changed { summaries[ref] = nil }
            if let open = conversation?.ref, changed.contains(open) { conversation = nil }
        }
        // Before the queue re-places them: a pattern rule may change their level.
        triage.checkPatterns(in: inbox, threads: changed)
        return (result, changed)
    }

    public var problems: [LineProblem] { inbox.problems }
    public var failedReplies: Int { inbox.deliveries.threadsWithFailedReply.count }
    public var messageCount: Int { inbox.messageCount }
    public var activePins: [Pin] { inbox.activePins }
    public func companyReplyTimes(of ref: ThreadRef) -> [Timestamp] { inbox.companyReplyTimes(of: ref) }
    public func status(of ref: ThreadRef, at now: Timestamp) -> ThreadStatus { inbox.status(of: ref, at: now) }
    public func assignee(of ref: ThreadRef) -> String? { inbox.assignee(of: ref) }
    public var agentNames: [String] { inbox.agentNames }
    /// Kept until the minute turns, a surge is dismissed (an agent's own `D` shows at
    /// once), or the surges changed and the second turned: every frame asks, for the
    /// banner, and while a surge grows a connector's every message changes it, so its words
    /// would be weighed again for every frame. Its figures are at most a second old.
    public func surges(at now: Timestamp) -> [Surge] {
        guard let finder = surgeFinder else { return [] }
        let key = SurgeCacheKey(second: now.milliseconds / 1_000, minute: now.milliseconds / 60_000,
                                version: finder.detector.version, dismissed: finder.detector.dismissed.count)
        if let (cached, surges) = surgeCache, cached.minute == key.minute, cached.dismissed == key.dismissed,
           cached.version == key.version || cached.second == key.second {
            return surges
        }
        let surges = finder.detector.surges(at: now)
        surgeCache = (key, surges)
        return surges
    }

    private struct SurgeCacheKey {
        var second: Int64
        var minute: Int64
        var version: Int
        var dismissed: Int
    }

    public func threads(view: ViewFilter, status: ThreadStatus?, at now: Timestamp) -> [ThreadRef] {
        inbox.threads(view: view, status: status, at: now)
    }

    public func queuePlace(of ref: ThreadRef, view: ViewFilter, status: ThreadStatus?, order: QueueOrder, at now: Timestamp) -> QueuePlace? {
        guard let since = inbox.queuePlace(of: ref, view: view, status: status, at: now) else { return nil }
        return triage.place(of: ref, since: since, in: inbox, order: order, at: now)
    }

    public func priority(of ref: ThreadRef) -> (level: PriorityLevel, setBy: String?) { triage.level(of: ref, in: inbox) }
    public func clock(of ref: ThreadRef, at now: Timestamp) -> SLAClock? { triage.clock(of: ref, in: inbox, at: now) }
    public func promise(for ref: ThreadRef, at now: Timestamp) -> ResponsePromise { triage.promise(for: ref, in: inbox, at: now) }

    public func thread(id: String) -> ThreadRef? { inbox.thread(id: id) }
    public func snoozesEnding(after start: Timestamp, through end: Timestamp) -> [ThreadRef] {
        inbox.snoozesEnding(after: start, through: end)
    }
    public func lastActivity(of ref: ThreadRef) -> Timestamp { inbox.lastActivity(of: ref) }
    public func customerThreads(of ref: ThreadRef, limit: Int) -> [ThreadRef] { inbox.customerThreads(of: ref, limit: limit) }
    public func replyTarget(of ref: ThreadRef) -> ReplyTarget { inbox.replyTarget(of: ref) }
    public var companyHandles: Set<String> { rowParts.companyHandles }
    public func customerFirstNames() -> Set<String> { firstNames.names(in: inbox) }
    public func timeline(of ref: ThreadRef) -> [TimelineEntry] { inbox.timeline(of: ref) }

    public func queueRowContext(at now: Timestamp) -> QueueRowContext {
        let parts = rowParts
        return QueueRowContext(channelWidth: parts.channelWidth, companyHandles: parts.companyHandles, now: now)
    }

    /// The channels' widest name and the company's handles, worked out once per change.
    private var rowParts: (channelWidth: Int, companyHandles: Set<String>) {
        if let rowContext { return rowContext }
        let channels = inbox.channels
        let width = channels.count > 1 ? channels.map { DisplayWidth.of($0.replacingNewlines) }.max() ?? 0 : 0
        let parts = (width, inbox.companyHandles)
        rowContext = parts
        return parts
    }
    public func messages(of ref: ThreadRef) -> [MessageView] { inbox.messages(of: ref) }
    public func notes(of ref: ThreadRef) -> [NoteView] { inbox.notes(of: ref) }

    public func recentOutboundTexts(since: Timestamp, limit: Int) -> [String] {
        inbox.recentOutboundTexts(since: since, limit: limit)
    }

    public func recentReplies(since: Timestamp) -> [(message: MessageView, thread: ThreadRef)] { inbox.recentReplies(since: since) }

    /// Kept per minute: a summary's status and waiting time change with time (a snooze ends).
    public func summary(of ref: ThreadRef, at now: Timestamp) -> ThreadSummary {
        let minute = now.milliseconds / 60_000
        if minute != summaryMinute || summaries.count > 4096 {
            summaries.removeAll(keepingCapacity: true)
            summaryMinute = minute
        }
        if let hit = summaries[ref] { return hit }
        let made = inbox.summary(of: ref, at: now)
        summaries[ref] = made
        return made
    }

    /// Kept until a record touches the thread, the width changes or the minute turns (a
    /// reply's claim turns to unknown with time alone).
    public func conversationLines(of ref: ThreadRef, width: Int, at now: Timestamp, layout: () -> [StyledLine]) -> [StyledLine] {
        let minute = now.milliseconds.floorDivided(by: 60_000).0
        if let conversation, conversation.ref == ref, conversation.width == width, conversation.minute == minute {
            return conversation.lines
        }
        let lines = layout()
        conversation = (ref, width, minute, lines)
        return lines
    }

    public func searchSource() -> any SearchSource { InboxSearchSource(snapshot: inbox.snapshot()) }

    /// The most handover threads the report screen lists.
    static let handoverOnScreen = 100

    public func shiftReport(until: Timestamp, hours: BusinessCalendar?, agent: String?) -> ShiftReport? {
        guard let reportLog else { return nil }
        // A screen's worth of the handover: an outage backlog's would be read from the file
        // thread by thread on every refresh.
        return ShiftReport(log: reportLog, inbox: inbox, triage: triage, until: max(until, reportLog.since), hours: hours,
                           localZone: ReportWindow.zone(hours: hours), agent: agent, handoverLimit: Self.handoverOnScreen)
    }
}
