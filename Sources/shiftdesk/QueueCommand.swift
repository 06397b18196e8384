import ArgumentParser
import Desk
import InboxFormat
import InboxStore

extension ViewFilter: ExpressibleByArgument {}

extension StatusFilter: ExpressibleByArgument {}

extension QueueOrder: ExpressibleByArgument {}

/// `shiftdesk queue FILE`: the threads that need an answer, nearest deadline first.
struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "List threads, nearest deadline first (default: the open ones, public and private).",
        discussion: """
            Each row: thread id, visibility, channel, status, priority, the time left to \
            answer (negative: overdue), customer, since when (for open threads: since when \
            the customer has waited), and the last customer message. --sort waiting lists \
            the longest-waiting first instead. Priorities and clocks follow config.toml.

            Examples:
              shiftdesk queue shift.jsonl
              shiftdesk queue shift.jsonl --view private --status waiting
              shiftdesk queue shift.jsonl --as-of 2026-11-20T09:30:00Z   # what was waiting at 09:30
              shiftdesk queue shift.jsonl --sort waiting
              shiftdesk queue shift.jsonl --mine --agent olga
              shiftdesk queue shift.jsonl --json | jq 'select(.overdue) | .thread'
            """
    )

    @OptionGroup var inbox: InboxArgument

    @Option(help: "Which side: public, private or all.")
    var view: ViewFilter = .all

    @Option(help: "Which threads: open, waiting, resolved, snoozed or all.")
    var status: StatusFilter = .open

    @Option(help: "Order: deadline (overdue first, then by deadline, then by priority) or waiting (longest first).")
    var sort: QueueOrder = .deadline

    @Flag(help: "Only the threads assigned to me (--agent, else $SHIFTDESK_AGENT, else the login name).")
    var mine = false

    @Flag(help: "Only the threads nobody owns.")
    var unassigned = false

    @Option(help: "Only the threads assigned to NAME.")
    var assignee: String?

    @OptionGroup var agent: AgentOption

    @OptionGroup var asOf: AsOfOption

    @Flag(help: "Print one JSON object per thread, one per line.")
    var json = false

    func validate() throws {
        if [mine, unassigned, assignee != nil].filter({ $0 }).count > 1 {
            throw ValidationError("--mine, --unassigned and --assignee choose one owner: give one of them")
        }
    }

    func run() throws {
        let asOf = try self.asOf.time()
        let (inbox, triage, _) = try self.inbox.loadTriaged(asOf: asOf)
        let now = try self.inbox.clock(asOf: asOf).now()
        var refs = inbox.threads(view: view, status: status.status, at: now)
        if mine || unassigned || assignee != nil {
            let owner = mine ? agent.resolved : assignee
            refs = refs.filter { inbox.assignee(of: $0) == owner }
        }
        if sort != .waiting {
            let places = refs.map { ref in
                triage.place(of: ref, since: inbox.queuePlace(of: ref, view: view, status: status.status, at: now) ?? 0,
                             in: inbox, order: sort, at: now)
            }
            refs = zip(places, refs).sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.1)
        }
        if json {
            for ref in refs {
                let level = triage.level(of: ref, in: inbox)
                let clock = triage.clock(of: ref, in: inbox, at: now)
                Output.line(Self.json(inbox.summary(of: ref, at: now), level: level, clock: clock, now: now).text)
            }
            return
        }
        if refs.isEmpty {
            Output.line("No \(status == .all ? "" : status.rawValue + " ")threads\(view == .all ? "" : " in the \(view.rawValue) view").")
            return
        }
        Output.line(DisplayWidth.fit("THREAD", 12) + " " + DisplayWidth.fit("VIS", 7) + " " + DisplayWidth.fit("CHANNEL", 9) + " "
                    + DisplayWidth.fit("STATUS", 8) + " " + DisplayWidth.fit("PRIORITY", 8) + " " + DisplayWidth.fit("DUE", 4) + " "
                    + DisplayWidth.fit("CUSTOMER", 22) + " " + DisplayWidth.fit("SINCE", 24) + " LAST MESSAGE")
        for ref in refs {
            let t = inbox.summary(of: ref, at: now)
            let customer = t.customer.map { TextSafety.singleLine($0.displayName) } ?? "-"
            let since = "\(t.since.short) (\(t.since.age(at: now)))"
            let excerpt = t.lastInboundText.map { TextSafety.excerpt($0, limit: 60) } ?? ""
            let level = triage.level(of: ref, in: inbox)
            let due = triage.clock(of: ref, in: inbox, at: now).map { ClockText.left(until: $0.due, at: now) } ?? "-"
            Output.line(DisplayWidth.fit(TextSafety.singleLine(t.id), 12) + " " + DisplayWidth.fit(t.visibility.name, 7) + " "
                        + DisplayWidth.fit(TextSafety.singleLine(t.channel), 9) + " " + DisplayWidth.fit(t.status.name, 8) + " "
                        + DisplayWidth.fit(level.level.name + (level.setBy == nil ? "" : "*"), 8) + " "
                        + String(repeating: " ", count: max(0, 4 - due.count)) + due + " "
                        + DisplayWidth.fit(customer, 22) + " " + DisplayWidth.fit(since, 24) + " " + excerpt)
        }
    }

    static func json(_ t: ThreadSummary) -> JSONObject {
        var o = JSONObject()
        o.set("thread", t.id)
        o.set("visibility", t.visibility.name)
        o.set("channel", t.channel)
        o.set("status", t.status.name)
        o.set("customer", object: JSONObject.person(t.customer))
        o.set("since", t.since.rfc3339)
        o.set("last_activity", t.lastActivity.rfc3339)
        o.set("message_count", t.messageCount)
        o.set("assignee", t.assignee)
        o.set("last_inbound_text", t.lastInboundText)
        return o
    }

    /// A row with its triage: the effective level and who set it (`rules` or the agent),
    /// and the deadline (null with no clock running) and whether it has passed.
    static func json(_ t: ThreadSummary, level: (level: PriorityLevel, setBy: String?), clock: SLAClock?, now: Timestamp) -> JSONObject {
        var o = json(t)
        o.set("priority", level.level.name)
        o.set("priority_set_by", level.setBy ?? "rules")
        o.set("due", clock?.due.rfc3339)
        o.set("overdue", clock.map { $0.due < now })
        return o
    }
}
