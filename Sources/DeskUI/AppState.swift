import Desk
import InboxFormat
import InboxStore

/// Where the keyboard goes.
public enum Mode: Equatable, Sendable {
    case queue, conversation, filter, note, help, confirmQuit, compose, picker
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
public struct AppState {
    public let inbox: Inbox
    public var agent: String
    public var view: ViewFilter = .all
    public var status: StatusFilter = .open
    public var mode: Mode = .queue
    /// The selected thread of each view, kept when the agent switches away and back.
    public var selection: [ViewFilter: ThreadRef] = [:]
    /// Where the selection was in the list, for when its thread leaves the list.
    var cursor: [ViewFilter: Int] = [:]
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
    /// The language to answer in when a customer's messages do not tell it.
    public var language = "en"
    /// The team's working hours, when the config sets them: outside them, after-hours
    /// templates come first and `opening_time` is when they open.
    public var hours: BusinessHours?
    /// Unsent replies by thread id, as saved outside the inbox.
    public var drafts: [String: String] = [:]
    /// Threads resolved this session, most recent last, for `u`.
    public var resolvedStack: [String] = []
    public var now: Timestamp
    public var width: Int
    public var height: Int
    /// When each thread was last looked at: newer activity shows it as unread.
    var seen: [ThreadRef: Timestamp] = [:]
    /// False once the file was replaced or truncated: following stops and the title says why.
    public var following = true
    /// Bumped whenever records arrive, so caches of rendered text know to refresh.
    var version = 0
    let queue = QueueIndex()
    let conversations = ConversationCache()
    let summaries = SummaryCache()
    let rowContext = QueueRowContextCache()
    let filterCache = FilterCache()
    let peopleNames = PeopleNames()

    public init(inbox: Inbox, agent: String, now: Timestamp = .now(), width: Int = 80, height: Int = 24) {
        self.inbox = inbox
        self.agent = agent
        self.now = now
        self.width = width
        self.height = height
    }

    /// The threads the queue shows: this view and status, narrowed by the filter.
    public var visibleThreads: [ThreadRef] {
        let all = queue.list(QueueIndex.Key(view: view, status: status), inbox: inbox, now: now)
        guard !filterText.isEmpty else { return all }
        return filterCache.filtered(all, by: filterText, view: view, status: status, version: version, inbox: inbox)
    }

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

    /// The index of the selected thread in the visible list.
    var selectedIndex: Int? {
        guard let ref = selectedThread else { return nil }
        let list = visibleThreads
        if let c = cursor[view], c < list.count, list[c] == ref { return c }
        return list.firstIndex(of: ref)
    }

    /// Open threads per view, for the title bar.
    public func openCount(_ view: ViewFilter) -> Int {
        queue.list(QueueIndex.Key(view: view, status: .open), inbox: inbox, now: now).count
    }

    /// What the queue shows of a thread, cached until records arrive or the minute turns.
    public func summary(of ref: ThreadRef) -> ThreadSummary { summaries.summary(of: ref, in: self) }

    /// Unread: the thread has had activity since the agent last looked at it.
    public func isUnread(_ ref: ThreadRef) -> Bool {
        guard let seenAt = seen[ref] else { return true }
        return inbox.lastActivity(of: ref) > seenAt
    }
}

/// Thread summaries for the rows on screen: each reads the thread's last message from the
/// file, and moving by one row should not read the other fifty again.
final class SummaryCache {
    private var version = -1
    private var minute: Int64 = 0
    private var cache: [ThreadRef: ThreadSummary] = [:]

    func summary(of ref: ThreadRef, in state: AppState) -> ThreadSummary {
        let nowMinute = state.now.milliseconds / 60_000
        if version != state.version || minute != nowMinute || cache.count > 4096 {
            cache.removeAll(keepingCapacity: true)
            version = state.version
            minute = nowMinute
        }
        if let hit = cache[ref] { return hit }
        let made = state.inbox.summary(of: ref, at: state.now)
        cache[ref] = made
        return made
    }
}

/// Rendered conversation lines per thread and width, so a frame does not re-read the file.
final class ConversationCache {
    private var key: (ThreadRef, Int, Int)?
    private var lines: [StyledLine] = []

    func lines(for ref: ThreadRef, width: Int, version: Int, make: () -> [StyledLine]) -> [StyledLine] {
        if let key, key.0 == ref, key.1 == width, key.2 == version { return lines }
        lines = make()
        key = (ref, width, version)
        return lines
    }
}

/// The last filter result; the filter reads each thread's last message, so it runs only
/// when the filter text or the inbox changes.
final class FilterCache {
    private var key: (String, ViewFilter, StatusFilter, Int)?
    private var result: [ThreadRef] = []

    func filtered(_ all: [ThreadRef], by text: String, view: ViewFilter, status: StatusFilter, version: Int, inbox: Inbox) -> [ThreadRef] {
        if let key, key.0 == text, key.1 == view, key.2 == status, key.3 == version { return result }
        let needle = text.lowercased()
        result = all.filter { ref in
            let t = inbox.summary(of: ref)
            let haystack = [t.id, t.channel, t.customer?.name ?? "", t.customer?.handle ?? "", t.lastInboundText ?? ""]
            return haystack.contains { $0.lowercased().contains(needle) }
        }
        key = (text, view, status, version)
        return result
    }
}

/// A line of text with one style, as the conversation pane lays it out.
public struct StyledLine: Equatable, Sendable {
    public var text: String
    public var style: Style
}
