import ArgumentParser
import Desk
import InboxFormat
import InboxStore

extension PriorityLevel: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { allCases.reversed().map(\.name) }
}

/// `shiftdesk priority FILE THREAD LEVEL|--rules`.
struct PriorityCommand: AppendingCommand {
    static let configuration = CommandConfiguration(
        commandName: "priority",
        abstract: "Set a thread's priority (urgent, high, normal, low), or hand it back to the triage rules.",
        discussion: """
            Writes a priority record: the agent's level overrides the rules' until another \
            record changes it; --rules writes "level": null, and the rules decide again.

            Examples:
              shiftdesk priority shift.jsonl t42 urgent --agent olga
              shiftdesk priority shift.jsonl t42 --rules
            """
    )

    @OptionGroup var inbox: InboxArgument
    @Argument(help: "The thread id.") var thread: String
    @Argument(help: "urgent, high, normal or low.") var level: PriorityLevel?
    @Flag(help: "Go back to the triage rules' verdict.") var rules = false
    @OptionGroup var agent: AgentOption

    func validate() throws {
        if rules == (level != nil) {
            throw ValidationError(rules ? "give a LEVEL (urgent, high, normal, low) or --rules, not both"
                                        : "give a LEVEL (urgent, high, normal, low), or --rules for the rules' verdict")
        }
    }

    func run() throws {
        let (loaded, triage, _) = try inbox.loadTriaged()
        let ref = try inbox.thread(thread, in: loaded)
        let shown = TextSafety.singleLine(thread)
        let current = triage.level(of: ref, in: loaded)
        let override = current.setBy == nil ? nil : current.level
        if override == level {
            Output.line(level.map { "\(shown) is already \($0.name); nothing written." } ?? "\(shown) already follows the rules; nothing written.")
            return
        }
        try append(try writer().priority(thread: thread, level: level?.name))
        let was = override.map { "\($0.name), set by \(TextSafety.singleLine(current.setBy ?? ""))" } ?? "\(current.level.name), by the rules"
        Output.line("Priority of \(shown): \(level?.name ?? "the rules' verdict") (was \(was)).")
    }
}

/// `shiftdesk snooze FILE THREAD UNTIL`.
struct SnoozeCommand: AppendingCommand {
    static let configuration = CommandConfiguration(
        commandName: "snooze",
        abstract: "Snooze a thread: out of the open queue until UNTIL, or until the customer writes.",
        discussion: """
            UNTIL is an RFC 3339 time, a delay (90m, 4h, 2d), a local time (17:30: the next \
            one; "tomorrow 14:00", "today 17:30"), a local date and time (2026-12-01 09:00), \
            tomorrow or "next week" (when the team opens then). Local means the zone of [hours] in config.toml, else UTC. \
            `shiftdesk reopen` ends a snooze early.

            Examples:
              shiftdesk snooze shift.jsonl t42 4h
              shiftdesk snooze shift.jsonl t42 tomorrow
              shiftdesk snooze shift.jsonl t42 2026-12-01T09:00:00+01:00
            """
    )

    @OptionGroup var inbox: InboxArgument
    @Argument(help: "The thread id.") var thread: String
    @Argument(help: "Until when (see above).") var until: String
    @OptionGroup var agent: AgentOption

    func run() throws {
        let (loaded, _, config) = try inbox.loadTriaged()
        let ref = try inbox.thread(thread, in: loaded)
        let now = try inbox.clock().now()
        let shown = TextSafety.singleLine(thread)
        let times = SnoozeTime(hours: config.hours)
        guard let time = times.parse(until, now: now) else {
            if times.isBeyondTheInbox(until, now: now) {
                throw Output.failure(ClockOption.beyondTheInbox(until) + "; nothing written")
            }
            throw Output.failure("\"\(TextSafety.singleLine(until))\" is not a time: try 4h, 17:30, \"tomorrow 14:00\", tomorrow, \"next week\" or 2026-12-01T09:00:00Z")
        }
        guard time > now else {
            throw Output.failure("\(time.rfc3339) has passed (it is \(now.rfc3339)); nothing written")
        }
        if loaded.status(of: ref, at: now) == .resolved {
            throw Output.failure("\(shown) is resolved; nothing to snooze")
        }
        try append(try writer().snooze(thread: thread, until: time))
        // The team's wall clock first, as the app says it, then the exact time written.
        Output.line("Snoozed \(shown) until \(times.label(time)) (\(time.rfc3339)).")
    }
}
