import Foundation
import InboxFormat
import InboxStore

/// The figures of a shift: what came in and went out, how fast customers were answered and
/// their threads resolved, who did what, how templates were used, the volume per hour, and
/// the threads left for the next shift. `shiftdesk report` prints it; the app's report
/// screen shows it. The definitions are in the Report article of the Desk documentation.
public struct ShiftReport: Sendable {
    /// The figures of one side (public, private, or both together).
    public struct Side: Sendable, Equatable {
        /// Customer messages received.
        public var messagesIn = 0
        /// Company messages: replies written here and replies connectors reported.
        public var messagesOut = 0
        /// Threads whose first message came in the window.
        public var threadsOpened = 0
        /// Resolved threads that came back (a customer wrote, or an agent reopened them).
        public var threadsReopened = 0
        /// Resolves that ended an unresolved stretch of a thread.
        public var threadsResolved = 0
        /// From a customer's first message in a thread to the company's first answer.
        public var firstResponse = DurationFigures([])
        /// From a thread's opening (or re-opening) to its resolve.
        public var resolution = DurationFigures([])
        /// Answers (first or next) that came after their SLA deadline.
        public var slaBreaches = 0

        public init() {}
    }

    /// What one agent did.
    public struct AgentFigures: Sendable, Equatable {
        public var agent: String
        public var replies = 0
        public var publicReplies = 0
        public var privateReplies = 0
        public var resolved = 0
        public var firstResponses = 0
        /// The median of the first responses they gave, in milliseconds.
        public var firstResponseMedian: Int64?
    }

    /// How one template was used.
    public struct TemplateFigures: Sendable, Equatable {
        public var template: String
        /// Replies that started from it.
        public var uses = 0
        /// Of those, the ones that say how much was changed (`template_edit`).
        public var measured = 0
        /// Of those, the ones sent exactly as rendered.
        public var untouched = 0
        /// The median edit, in characters, over the measured ones.
        public var medianEdit: Int?
    }

    /// Customer and company messages in one hour of the report's time zone.
    public struct HourVolume: Sendable, Equatable {
        /// When the hour starts.
        public var start: Timestamp
        /// The hour on the wall clock of the report's time zone.
        public var local: LocalTime
        public var inPublic = 0
        public var inPrivate = 0
        public var outPublic = 0
        public var outPrivate = 0
        public var messagesIn: Int { inPublic + inPrivate }
        public var messagesOut: Int { outPublic + outPrivate }
    }

    /// The threads not resolved at the end of the window.
    public struct Unresolved: Sendable, Equatable {
        /// A customer waits for an answer.
        public var open = 0
        /// The company spoke last.
        public var waiting = 0
        public var snoozed = 0
        /// Open, with the SLA deadline passed at the end of the window.
        public var overdue = 0
    }

    /// The first instant counted.
    public var since: Timestamp
    /// The last instant counted.
    public var until: Timestamp
    /// The agent the report is about (`--by`); nil: the whole team.
    public var agent: String?
    /// True when waits are measured in business hours; false: on the wall clock.
    public var businessHours: Bool
    /// The report zone's wall clock (every hour counts): hours and times are shown on it.
    /// Made once with the report, as its zone's offset table is read from Foundation.
    public var wallClock: BusinessCalendar
    /// The zone hours are shown in.
    public var timeZone: TimeZone { wallClock.timeZone }

    public var publicSide = Side()
    public var privateSide = Side()
    /// Both sides together (its medians are over both sides' durations).
    public var total = Side()
    public var unresolved = Unresolved()
    /// Agents with a reply or a resolve in the window, most replies first.
    public var agents: [AgentFigures] = []
    /// Templates used in the window, most used first.
    public var templates: [TemplateFigures] = []
    /// Agents' replies that started from a template, and the ones written from nothing.
    public var repliesFromTemplates = 0
    public var repliesWrittenFresh = 0
    /// Over the template replies that say how much was changed.
    public var measuredTemplateReplies = 0
    public var untouchedTemplateReplies = 0
    public var medianEdit: Int?
    /// Every hour of the window, oldest first.
    public var hours: [HourVolume] = []
    /// The open and snoozed threads for the next shift (the first of them, when a limit
    /// was given: ``unresolved`` says how many there are).
    public var handover: [HandoverEntry] = []

    /// The side a thread's visibility puts it on.
    public func side(_ visibility: Visibility) -> Side { visibility == .public ? publicSide : privateSide }
}
