import ArgumentParser
import Desk
import InboxFormat
import InboxStore

/// `shiftdesk thread FILE THREAD`: one conversation in full.
struct ThreadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thread",
        abstract: "Show one thread in full: messages oldest first, notes, delivery state, the customer's other threads.",
        discussion: """
            Examples:
              shiftdesk thread shift.jsonl t42
              shiftdesk thread shift.jsonl t42 --json
            """
    )

    @OptionGroup var inbox: InboxArgument

    @Argument(help: "The thread id.")
    var thread: String

    @Flag(help: "Print the thread as one JSON object.")
    var json = false

    func run() throws {
        let (inbox, triage, config) = try self.inbox.loadTriaged()
        let ref = try self.inbox.thread(thread, in: inbox)
        let now = try self.inbox.clock().now()
        let t = inbox.summary(of: ref, at: now)
        let level = triage.level(of: ref, in: inbox)
        let clock = triage.clock(of: ref, in: inbox, at: now)
        let others = inbox.customerThreads(of: ref).filter { $0 != ref }.map { inbox.summary(of: $0, at: now) }
        if json {
            var o = QueueCommand.json(t, level: level, clock: clock, now: now)
            o.set("messages", array: inbox.messages(of: ref).map { Self.json($0, at: now) })
            o.set("notes", array: inbox.notes(of: ref).map { n in
                var j = JSONObject()
                j.set("at", n.at.rfc3339)
                j.set("agent", n.agent)
                j.set("text", n.text)
                return j
            })
            o.set("customer_threads", strings: others.map(\.id))
            Output.line(o.text)
            return
        }
        let s = { (text: String) in TextSafety.singleLine(text) }
        var header = "Thread \(s(t.id)) · \(t.visibility.name) · \(s(t.channel)) · \(t.status.name)"
        if let c = t.customer {
            header += " · \(s(c.displayName))"
            if let handle = c.handle, handle != c.displayName { header += " (\(s(handle)))" }
        }
        if let a = t.assignee { header += " · assigned to \(s(a))" }
        Output.line(header)
        var triageLine = "Priority: \(level.level.name)" + (level.setBy.map { " (set by \(s($0)))" } ?? " (by the rules)")
        if let clock {
            let left = ClockText.left(until: clock.due, at: now)
            // On the team's clock, as the app and the promise say it, named (the rest of the
            // output is in UTC); in UTC when no hours are set.
            let due = config.hours.map { "\(SnoozeTime(hours: $0).label(clock.due)) \($0.timeZone.identifier)" } ?? clock.due.short
            triageLine += " · answer by \(due)" + (left.hasPrefix("-") ? " (overdue \(left.dropFirst()))" : " (in \(left))")
        }
        Output.line(triageLine)
        if !others.isEmpty {
            Output.line("Same customer: " + others.map { "\(s($0.id)) (\($0.visibility.name), \(s($0.channel)), \($0.status.name))" }.joined(separator: "; "))
        }
        for entry in inbox.timeline(of: ref) {
            Output.line("")
            switch entry {
            case .message(let m): Output.line(Self.text(of: m, at: now))
            case .note(let n):
                let body = TextSafety.multiLine(n.text).split(separator: "\n", omittingEmptySubsequences: false)
                    .map { "  ┆ " + $0 }.joined(separator: "\n")
                Output.line("✎ note · \(n.at.short) · \(TextSafety.singleLine(n.agent))\n" + body)
            }
        }
    }

    /// A message as the text output shows it: a head line, then the body indented.
    static func text(of m: MessageView, at now: Timestamp) -> String {
        let s = { (text: String) in TextSafety.singleLine(text) }
        let arrow = m.direction == .inbound ? "←" : "→"
        var head = "\(arrow) \(m.at.short) \(s(m.author.displayName))"
        if let agent = m.agent { head += " · agent \(s(agent))" }
        if m.direction == .outbound {
            head += " · \(m.delivery == .failed ? "FAILED" : Self.deliveryName(m, at: now))"
            if let error = m.deliveryError { head += ": \(s(error))" }
            if let by = m.deliveryReport?.by { head += " (by \(s(by)))" }
        }
        head += "  [\(s(m.id))]"
        if let subject = m.subject { head += "\n  Subject: \(s(subject))" }
        let body = TextSafety.multiLine(m.text).split(separator: "\n", omittingEmptySubsequences: false)
            .map { "  " + $0 }.joined(separator: "\n")
        return head + "\n" + body
    }

    /// A reply's delivery as the commands name it: `unknown — check the channel` for a
    /// claim whose deliverer should have reported and did not.
    static func deliveryName(_ m: MessageView, at now: Timestamp) -> String {
        m.deliveryReport?.isStaleClaim(at: now) == true ? "unknown — check the channel" : m.delivery.name
    }

    static func json(_ m: MessageView, at now: Timestamp) -> JSONObject {
        var o = JSONObject()
        o.set("id", m.id)
        o.set("at", m.at.rfc3339)
        o.set("direction", m.direction.name)
        o.set("author", object: JSONObject.person(m.author))
        o.set("agent", m.agent)
        o.set("subject", m.subject)
        o.set("in_reply_to", m.inReplyTo)
        o.set("template", m.template)
        o.set("text", m.text)
        if m.direction == .outbound {
            o.set("delivery", m.deliveryReport?.isStaleClaim(at: now) == true ? "unknown" : m.delivery.name)
            o.set("delivery_error", m.deliveryError)
            o.set("delivered_by", m.deliveryReport?.by)
            o.set("remote_id", m.deliveryReport?.remoteID)
        }
        return o
    }
}
