import Desk
import InboxFormat
import InboxStore

/// A reply being written to one thread.
public struct ComposeState: Equatable, Sendable {
    public var thread: ThreadRef
    public var threadID: String
    public var editor: TextEditor
    /// The template it started from, and the text as rendered, for the untouched check.
    public var templateName: String?
    public var renderedTemplate: String?
    /// Set while the agent is asked to confirm despite these warnings.
    public var pendingWarnings: [ReplyWarning]?
    /// Whether the pending send also resolves the thread.
    public var resolveAfterSend = false
    /// The thread when the reply was started, for the check before sending.
    public var baseline: ThreadBaseline?
    /// What others did in the thread since, while the agent is asked about it.
    public var pendingChanges: [String]?
}

/// The template picker: a filter and a selection over the library, ordered for the
/// customer's language and the moment.
public struct PickerState: Equatable, Sendable {
    public var filter = ""
    public var index = 0
    /// The language to answer in: its templates come first, and the first is preselected.
    public var language: String
    public var moment: ReplyMoment

    public init(language: String = "en", moment: ReplyMoment = []) {
        self.language = language
        self.moment = moment
    }
}

/// Per-channel limits of a public reply's length (Twitter's 280 by default).
public struct ChannelLimits: Sendable {
    public var publicLimits: [String: Int]
    public init(publicLimits: [String: Int] = ["twitter": 280]) { self.publicLimits = publicLimits }
    public func limit(channel: String, visibility: Visibility) -> Int? {
        visibility == .public ? publicLimits[channel.lowercased()] : nil
    }
}

/// Fuzzy matching for the picker: every character of the query, in order.
enum Fuzzy {
    static func matches(_ query: String, _ text: String) -> Bool {
        guard !query.isEmpty else { return true }
        var q = query.lowercased()[...]
        for c in text.lowercased() where c == q.first {
            q = q.dropFirst()
            if q.isEmpty { return true }
        }
        return false
    }
}

extension AppState {
    /// The templates the picker shows, in the customer's language first, suitable ones
    /// and those for the moment first within it, narrowed by the filter.
    public func pickerTemplates(_ model: any ReadModel) -> [ReplyTemplate] {
        guard let ref = selectedThread else { return [] }
        let t = summary(of: ref, in: model)
        let filter = picker?.filter ?? ""
        // Names match loosely (their letters in order); descriptions and bodies only as
        // written, or every long text would match every query. Name matches come first.
        let needle = filter.lowercased()
        let ordered = templates.ordered(for: t.visibility, channel: t.channel, language: picker?.language, moment: picker?.moment ?? [])
        let byName = ordered.filter { Fuzzy.matches(filter, $0.name) }
        let byText = ordered.filter {
            !Fuzzy.matches(filter, $0.name)
                && ($0.description.lowercased().contains(needle) || $0.body.lowercased().contains(needle))
        }
        return byName + byText
    }

    /// The values a template is rendered with for `ref`.
    func templateValues(for ref: ThreadRef, in model: any ReadModel) -> TemplateValues {
        let t = summary(of: ref, in: model)
        var values = TemplateValues(customer: t.customer, agent: agent, channel: t.channel, lastMessage: t.lastInboundText, now: now,
                                    hours: hours, promise: model.promise(for: ref, at: now))
        // A thread in a surge going on may quote the announcement pinned for it.
        if model.surges(at: now).contains(where: { $0.active && $0.threads.contains(ref) }) { values.pin = pinsUp(model).last?.text }
        return values
    }

    /// The channel's length limit for the thread being answered, if it has one.
    func composeLimit(_ model: any ReadModel) -> Int? {
        guard let compose else { return nil }
        let t = summary(of: compose.thread, in: model)
        return limits.limit(channel: t.channel, visibility: t.visibility)
    }
}

/// The template a reply started from, and its text as rendered then.
struct TemplateOrigin: Sendable, Equatable {
    var name: String
    var rendered: String
}
