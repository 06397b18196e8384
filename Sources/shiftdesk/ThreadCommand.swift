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
        let inbox = try self.inbox.load()
        let ref = try self.inbox.thread(thread, in: inbox)
        let now = try self.inbox.clock().now()
        let t = inbox.summary(of: ref, at: now)
        let messages = inbox.messages(of: ref)
        let notes = inbox.notes(of: ref)
        let others = inbox.customerThreads(of: ref).filter { $0 != ref }.map { inbox.summary(of: $0, at: now) }
        if json {
            var o = QueueCommand.json(t)
            o.set("messages", array: messages.map(Self.json))
            o.set("notes", array: notes.map { n in
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
        if !others.isEmpty {
            Output.line("Same customer: " + others.map { "\(s($0.id)) (\($0.visibility.name), \(s($0.channel)), \($0.status.name))" }.joined(separator: "; "))
        }
        // Messages and notes in file order, as they happened in the thread.
        var entries: [(line: Int, text: String)] = []
        for m in messages {
            let arrow = m.direction == .inbound ? "←" : "→"
            var head = "\(arrow) \(m.at.short) \(s(m.author.displayName))"
            if let agent = m.agent { head += " · agent \(s(agent))" }
            if m.direction == .outbound {
                head += " · \(m.delivery.name.uppercased() == "FAILED" ? "FAILED" : m.delivery.name)"
                if let error = m.deliveryError { head += ": \(s(error))" }
            }
            head += "  [\(s(m.id))]"
            if let subject = m.subject { head += "\n  Subject: \(s(subject))" }
            let body = TextSafety.multiLine(m.text).split(separator: "\n", omittingEmptySubsequences: false)
                .map { "  " + $0 }.joined(separator: "\n")
            entries.append((m.line, head + "\n" + body))
        }
        for n in notes {
            let body = TextSafety.multiLine(n.text).split(separator: "\n", omittingEmptySubsequences: false)
                .map { "  ┆ " + $0 }.joined(separator: "\n")
            entries.append((n.line, "✎ note · \(n.at.short) · \(s(n.agent))\n" + body))
        }
        for entry in entries.sorted(by: { $0.line < $1.line }) {
            Output.line("")
            Output.line(entry.text)
        }
    }

    static func json(_ m: MessageView) -> JSONObject {
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
            o.set("delivery", m.delivery.name)
            o.set("delivery_error", m.deliveryError)
        }
        return o
    }
}
