import InboxFormat
import InboxStore

/// Triage over one inbox: each thread's priority (the rules' verdict or an agent's
/// override), its response clock, and its place in a queue sorted by deadline.
///
/// Made before the inbox is opened: hand ``classifiers`` and ``projections`` to
/// `Inbox(path:classifiers:projections:)`, then call ``afterLoad(in:)`` once
/// after the load and ``checkPatterns(in:threads:)`` after each follow. Owned by one
/// thread (the loop's, or a command's), like the inbox.
public final class Triage {
    /// Keeps the levels as records arrive.
    public let projection: TriageProjection
    /// The classifiers the inbox must run, the triage classifier first.
    public let classifiers: [any MessageClassifier]
    /// The regular-expression rules, run on open customer messages only: (text, channel,
    /// visibility, author) to a level, or nil when none matches. nil: no such rules.
    private let patternLevel: ((String, String, Visibility, Person) -> PriorityLevel?)?
    /// When the team works: the clocks stop outside it.
    public let calendar: BusinessCalendar
    /// How long each response may take.
    public let targets: SLATargets

    /// - Parameters:
    ///   - classifier: rates each customer message during the scan (word rules); its
    ///     value is a ``PriorityLevel`` raw value, or 0 when no rule matched.
    ///   - patternLevel: the regular-expression rules, if any.
    ///   - calendar: the team's hours (every hour counts by default).
    ///   - targets: the response targets (the defaults of ``SLATargets``).
    public init(classifier: (any MessageClassifier)?,
                patternLevel: ((String, String, Visibility, Person) -> PriorityLevel?)? = nil,
                calendar: BusinessCalendar = .always, targets: SLATargets = SLATargets()) {
        self.calendar = calendar
        self.targets = targets
        classifiers = classifier.map { [$0] } ?? []
        projection = TriageProjection(rated: classifier != nil)
        self.patternLevel = patternLevel
    }

    /// The projections the inbox must feed.
    public var projections: [any InboxProjection] { [projection] }

    /// The thread's level, and who set it: nil when the rules did.
    public func level(of ref: ThreadRef, in inbox: Inbox) -> (level: PriorityLevel, setBy: String?) {
        if let override = projection.override(of: ref) { return (override.level, override.agent) }
        return (projection.rulesLevel(of: ref, in: inbox), nil)
    }

    /// The thread's response clock at `now`: nil when nobody waits for an answer in it.
    public func clock(of ref: ThreadRef, in inbox: Inbox, at now: Timestamp) -> SLAClock? {
        clock(of: ref, level: level(of: ref, in: inbox).level, in: inbox, at: now)
    }

    /// The clock of a thread whose level the caller already has (a walk over many threads
    /// that sorts them by level too).
    public func clock(of ref: ThreadRef, level: PriorityLevel, in inbox: Inbox, at now: Timestamp) -> SLAClock? {
        guard let since = inbox.waitingSince(of: ref, at: now) else { return nil }
        return clock(of: ref, level: level, since: since, in: inbox)
    }

    /// The clock a response owed in the thread since `since` runs on.
    private func clock(of ref: ThreadRef, level: PriorityLevel, since: Timestamp, in inbox: Inbox) -> SLAClock {
        targets.clock(since: since, visibility: inbox.visibility(of: ref), level: level,
                      firstResponse: !inbox.wasAnswered(ref), calendar: calendar)
    }

    /// What a reply to the thread promises at `now`: the running clock's deadline, or for
    /// a thread where nobody waits, the deadline a message written now would have.
    public func promise(for ref: ThreadRef, in inbox: Inbox, at now: Timestamp) -> ResponsePromise {
        let level = self.level(of: ref, in: inbox).level
        let clock = self.clock(of: ref, level: level, in: inbox, at: now) ?? self.clock(of: ref, level: level, since: now, in: inbox)
        // An urgent clock that runs around the clock promises by it, not by the opening hours.
        let hours = targets.urgentAroundTheClock && level == .urgent ? calendar.roundTheClock : calendar
        return ResponsePromise(due: clock.due, calendar: hours)
    }

    /// Where the thread sorts in `order`. `since` is what the longest-waiting order sorts
    /// by (the inbox's `queuePlace`).
    public func place(of ref: ThreadRef, since: Int64, in inbox: Inbox, order: QueueOrder, at now: Timestamp) -> QueuePlace {
        switch order {
        case .waiting:
            return QueuePlace(since)
        case .deadline:
            // Overdue threads have the earliest deadlines, so sorting by deadline puts them
            // first; the level breaks ties (a night's messages share the opening's deadline).
            // Only a thread where a customer waits has a clock, and only an open one has
            // its level break ties: the others' levels are not worked out for the order.
            guard inbox.status(of: ref, at: now) == .open else { return QueuePlace(.max, 0, since) }
            let level = self.level(of: ref, in: inbox).level
            let urgency = -Int64(level.rawValue)
            if let clock = clock(of: ref, level: level, in: inbox, at: now) { return QueuePlace(clock.due.milliseconds, urgency, since) }
            return QueuePlace(.max, urgency, since)
        }
    }

    /// Once, after the load: takes in the levels the classifier gave the waiting messages,
    /// and runs the regular-expression rules over the open customer messages of every
    /// thread where a customer waits, snoozed ones included (their snooze ends with time,
    /// not with a record that would have them checked).
    public func afterLoad(in inbox: Inbox) {
        projection.takeInLoadedLevels(from: inbox)
        guard patternLevel != nil else { return }
        checkPatterns(in: inbox, threads: inbox.threadsWhereCustomerWaits())
    }

    /// Runs them again over `threads` (those new records touched). A snoozed thread whose
    /// customer waits is checked too: its snooze ends with time, not with a record.
    public func checkPatterns(in inbox: Inbox, threads: [ThreadRef]) {
        guard let patternLevel else { return }
        for ref in threads {
            guard inbox.customerWaits(in: ref) else {
                projection.setPatternLevel(nil, of: ref)
                continue
            }
            let target = inbox.replyTarget(of: ref)
            var best: PriorityLevel?
            for m in inbox.openCustomerMessages(of: ref) {
                let message = inbox.message(m)
                if let level = patternLevel(message.text, target.channel, target.visibility, message.author) {
                    best = max(best ?? level, level)
                }
            }
            projection.setPatternLevel(best, of: ref)
        }
    }
}
