import Desk
import InboxFormat
import InboxStore

/// Where the keyboard goes.
public enum Mode: Equatable, Sendable {
    case queue, conversation, filter, note, help, confirmQuit, compose, picker, snooze, pin, unpin, assignTo, report
}

/// One action of the agent's that `u` undoes by writing the record that reverses it.
public enum UndoStep: Equatable, Sendable {
    /// Undone by a `reopen`.
    case resolve(thread: String)
    /// A snooze until `until`: undone by a `reopen`, or by a `snooze` until the time it was
    /// snoozed until before, if that is still to come. A thread that waited for the customer
    /// comes back open: no record but a reply makes a thread wait again, and a thread left
    /// snoozed would be one the agent cannot see. Not undone once the thread has changed
    /// since (the customer wrote, someone resolved or snoozed it again).
    case snooze(thread: String, until: Timestamp, previousUntil: Timestamp?)
    /// The level set (nil: back to the rules): undone by a `priority` record with the level
    /// before (nil: the rules' verdict). Not undone once someone has set another since.
    case priority(thread: String, set: PriorityLevel?, previous: PriorityLevel?)
    /// The owner given (nil: nobody): undone by an `assign` to the owner before (nil:
    /// nobody). Not undone once the thread has gone to someone else since.
    case assign(thread: String, to: String?, previous: String?)
    /// A snoozed thread woken (`z`, `n`), which slept until `until`, its customer's latest
    /// message then being `lastCustomerMessage`: undone by a `snooze` until then, if that is
    /// still to come, the thread is still open and the customer has not written since.
    case wake(thread: String, until: Timestamp, lastCustomerMessage: String?)
    /// A pin put up (its record id): undone by an `unpin`.
    case pin(id: String)
    /// A pin taken down: undone by putting up one with the same text, channel and end.
    case unpin(Pin)

    /// The thread the action was on; nil for a pin, which is every thread's.
    var thread: String? {
        switch self {
        case .resolve(let t), .snooze(let t, _, _), .priority(let t, _, _), .assign(let t, _, _), .wake(let t, _, _): return t
        case .pin, .unpin: return nil
        }
    }
}

/// A line for confirmations and errors, never a modal.
public struct StatusMessage: Equatable, Sendable {
    public var text: String
    public var isError: Bool

    public init(text: String, isError: Bool) {
        self.text = text
        self.isError = isError
    }
}

/// Everything the screen shows and the keys change. `reduce` is its only writer.
///
/// A value through and through: it holds no inbox, no file and no shared cache, so a copy
/// is independent of the original. What it needs of the inbox it asks the read model that
/// `reduce` and `render` are given; the time it shows is ``now``, which the loop sets.
public struct AppState {
    public var agent: String
    public var view: QueueView = .all
    public var status: StatusFilter = .open
    /// How the queue is sorted: by deadline (the default), or longest-waiting first (`o`).
    public var order: QueueOrder = .deadline
    public var mode: Mode = .queue
    /// The selected thread of each view, kept when the agent switches away and back.
    public var selection: [QueueView: ThreadRef] = [:]
    /// Where the selection was in the list, for when its thread leaves the list.
    var cursor: [QueueView: Int] = [:]
    /// Lines scrolled up from the end of the conversation (0: the newest message shows).
    public var conversationScroll = 0
    /// Rows the `?` help is scrolled down by, when it is taller than the screen.
    public var helpScroll = 0
    public var filterText = ""
    public var noteText = ""
    public var message: StatusMessage?
    public var resolvedThisSession = 0
    /// The reply being written, if any; kept when the agent steps away from it.
    public var compose: ComposeState?
    public var picker: PickerState?
    public var templates = TemplateLibrary()
    public var limits = ChannelLimits()
    /// Makes reply records; knows the accounts configured per channel.
    public var replies = ReplyBuilder()
    /// Checks of the personal-touch list that the config turned off.
    public var disabledChecks: Set<ReplyWarning.Kind> = []
    /// When one template sent publicly again and again gets a warning.
    public var floodGuard = FloodGuard()
    /// The language to answer in when a customer's messages do not tell it.
    public var language = "en"
    /// The team's working hours, when the config sets them: outside them, after-hours
    /// templates come first and `opening_time` is when they open.
    public var hours: BusinessCalendar?
    /// The snooze menu's presets and the times an agent may type, in the team's zone.
    var snoozeTime: SnoozeTime { SnoozeTime(hours: hours) }
    /// Unsent replies by thread id, as saved outside the inbox.
    public var drafts: [String: String] = [:]
    /// The template each draft started from, by thread id, while this session runs: a
    /// reply taken up again later still says what it started from and how much was
    /// changed (the shift report's figures). Not kept across restarts.
    var draftTemplates: [String: TemplateOrigin] = [:]
    /// What the agent did this session that `u` can take back, most recent last.
    public var undoStack: [UndoStep] = []
    /// The thread `J` last went to: pressed again on it, `J` goes on to the next deadline.
    var lastJump: ThreadRef?
    /// The snooze menu, while it is open (`z`).
    public var snooze: SnoozeMenu?
    /// The surge view (`S`), while it is open: its threads are the list.
    public var surgeView: SurgeView?
    /// The announcement being written to pin (`P`), kept when the agent steps away.
    public var pinDraft: PinDraft?
    /// Which pin `U` takes down, while it asks.
    public var unpinMenu: UnpinMenu?
    /// Answering a surge's people one by one (`B`, `F`), while it goes on.
    public var batch: ReplyBatch?
    /// Whom to give a thread to (`A`), while it asks.
    public var agentPicker: AgentPicker?
    /// The report screen, while it shows.
    public var reportScreen: ReportScreen?
    /// Where the other agents on the inbox are (their apps' presence).
    public var presence: [Presence] = []
    /// Letters instead of 👁 and ✎: under `NO_COLOR` or a terminal that is not UTF-8.
    public var plainSymbols = false
    /// The time the app shows and writes: set by the loop's clock on every tick (`.tick`),
    /// by tests to what they need. Nothing below the loop reads the wall clock.
    public var now: Timestamp
    public var width: Int
    public var height: Int
    /// When each thread was last looked at: newer activity shows it as unread.
    var seen: [ThreadRef: Timestamp] = [:]
    /// False once the file was replaced or truncated: following stops and the title says why.
    public var following = true
    /// What is wrong with reaching the store (a database store out of reach), shown in the
    /// title until it is back; nil while all is well.
    public var storeTrouble: String?
    /// Records written while the store was out of reach, kept to be stored once it is back.
    public var waitingAppends = 0
    var queue = QueueIndex()
    /// The time the lists' places were last brought up to date with the clock: snoozes
    /// that ended after it have still to be moved.
    var placedAt: Timestamp
    /// What the searches for ``filterText`` found so far.
    var search = FilterSearch()

    /// A state at `now`, with the queue's lists built from `model`.
    public init(model: any ReadModel, agent: String, now: Timestamp, width: Int = 80, height: Int = 24) {
        self.agent = agent
        self.now = now
        placedAt = now
        self.width = width
        self.height = height
        queue.me = agent
        buildLists(model)
    }

    var listKey: QueueIndex.Key { QueueIndex.Key(view: view, status: status, order: order) }

    /// Builds the lists a frame reads (the current one, and the open ones the title
    /// bar counts) if they are not built yet; `reduce` calls it after every action.
    mutating func buildLists(_ model: any ReadModel) {
        queue.build(listKey, model: model, now: now)
        for view in QueueView.allCases { queue.build(QueueIndex.Key(view: view, status: .open, order: order), model: model, now: now) }
        // The title bar's overdue counts and `J` read the open threads by deadline.
        queue.build(deadlineKey, model: model, now: now)
    }

    /// Builds every (view, status) list now, so that no key later pays for a first build
    /// (a walk over every thread): the loop calls it once, at load.
    public mutating func buildAllLists(_ model: any ReadModel) {
        for view in QueueView.allCases {
            for status in StatusFilter.allCases {
                for order in QueueOrder.allCases { queue.build(QueueIndex.Key(view: view, status: status, order: order), model: model, now: now) }
            }
        }
    }

    /// The current view's threads with its status, unfiltered.
    var listThreads: [ThreadRef] { queue.list(listKey) ?? [] }

    /// The threads the queue shows: this view and status, narrowed by the filter as far
    /// as its search has got.
    public var visibleThreads: [ThreadRef] {
        if let surgeView { return surgeView.threads }
        return filterText.isEmpty ? listThreads : search.visible
    }

    /// The filter's searches have all answered: ``visibleThreads`` is the whole result.
    public var isFilterSearched: Bool { filterText.isEmpty || search.isComplete }

    /// The selected thread in the current view, if the queue is not empty.
    public var selectedThread: ThreadRef? {
        let list = visibleThreads
        guard !list.isEmpty else { return nil }
        if let ref = selection[view] {
            // The cursor usually still points at it: no search through a long list.
            if let c = cursor[view], c < list.count, list[c] == ref { return ref }
            if list.contains(ref) { return ref }
        }
        return list[min(max(0, cursor[view] ?? 0), list.count - 1)]
    }

    /// Holds the selection on its thread rather than on its row, before the list changes
    /// order: a thread that records or the clock move keeps the cursor with it.
    /// A selection already held (by a move, or by `u` on a thread about to come back) stays.
    mutating func pinSelection() {
        guard selection[view] == nil, let ref = selectedThread, let index = selectedIndex else { return }
        selection[view] = ref
        cursor[view] = index
    }

    /// The index of the selected thread in the visible list.
    var selectedIndex: Int? {
        guard let ref = selectedThread else { return nil }
        let list = visibleThreads
        if let c = cursor[view], c < list.count, list[c] == ref { return c }
        return list.firstIndex(of: ref)
    }

    /// Open threads per view, for the title bar.
    public func openCount(_ view: QueueView) -> Int {
        queue.list(QueueIndex.Key(view: view, status: .open, order: order))?.count ?? 0
    }

    /// Every open thread, by deadline.
    var deadlineKey: QueueIndex.Key { QueueIndex.Key(view: .all, status: .open, order: .deadline) }
    var openByDeadline: [ThreadRef] { queue.list(deadlineKey) ?? [] }

    /// Open threads past their deadline, and those due within the next `minutes`.
    public func deadlineCounts(within minutes: Int = 15) -> (overdue: Int, dueSoon: Int) {
        let overdue = queue.count(deadlineKey, firstBefore: now.milliseconds)
        let soon = queue.count(deadlineKey, firstBefore: now.milliseconds + Int64(minutes) * 60_000 + 1)
        return (overdue, soon - overdue)
    }

    /// What the queue shows of a thread now.
    public func summary(of ref: ThreadRef, in model: any ReadModel) -> ThreadSummary { model.summary(of: ref, at: now) }

    /// Unread: the thread has had activity since the agent last looked at it.
    public func isUnread(_ ref: ThreadRef, in model: any ReadModel) -> Bool {
        guard let seenAt = seen[ref] else { return true }
        return model.lastActivity(of: ref) > seenAt
    }

    /// Writes records stamped with the state's time, not the wall clock's.
    var writer: RecordWriter {
        let at = now
        return RecordWriter(agent: agent, now: { at })
    }
}

/// A line of text with one style, as the conversation pane lays it out.
public struct StyledLine: Equatable, Sendable {
    public var text: String
    public var style: Style
}

extension AppState {
    /// Who else has `threadID` open, as the queue row and the header say it: `👁 olga`,
    /// `✎ olga` when writing (`[olga]`, `[olga typing]` with plain symbols); nil for nobody.
    func presenceLabel(for threadID: String) -> String? {
        let here = presence.filter { $0.thread == threadID && $0.agent != agent }
        guard !here.isEmpty else { return nil }
        let names = Array(Set(here.map(\.agent))).sorted()
        let typing = Set(here.filter(\.typing).map(\.agent))
        return names.map { name in
            let safe = TextSafety.singleLine(name, maxScalars: 24)
            if plainSymbols { return typing.contains(name) ? "[\(safe) typing]" : "[\(safe)]" }
            return (typing.contains(name) ? "✎ " : "👁 ") + safe
        }.joined(separator: " ")
    }

    /// Where this app's agent is, for the others: the thread open, and whether writing.
    public func ownPresence(in model: any ReadModel) -> Presence {
        let open: Set<Mode> = [.conversation, .compose, .picker]
        let thread = open.contains(mode) ? (mode == .compose ? compose?.threadID : selectedThread.map { summary(of: $0, in: model).id }) : nil
        return Presence(agent: agent, thread: thread, typing: mode == .compose && !(compose?.editor.isEmpty ?? true), at: now)
    }
}
