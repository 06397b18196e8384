import ArgumentParser
import Desk
import InboxFormat
import InboxStore

/// `shiftdesk stats FILE`: figures about the whole inbox.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Figures about an inbox: messages, threads by side, status and channel, replies by agent, deliveries.",
        discussion: """
            Examples:
              shiftdesk stats shift.jsonl
              shiftdesk stats shift.jsonl --json
            """
    )

    @OptionGroup var inbox: InboxArgument

    @Flag(help: "Print the figures as one JSON object.")
    var json = false

    func run() throws {
        let inbox = try self.inbox.load(quiet: json)
        let s = inbox.statistics(at: Timestamp.now())
        let safe = { (text: String) in TextSafety.singleLine(text) }
        if json {
            var o = JSONObject()
            o.set("lines", s.lines)
            o.set("records", s.records)
            o.set("duplicates", s.duplicates)
            o.set("malformed_lines", s.malformedLines)
            o.set("unknown_types", s.unknownTypes)
            o.set("messages_in", s.inboundMessages)
            o.set("messages_out", s.outboundMessages)
            o.set("threads", s.threads)
            var vis = JSONObject()
            for v in Visibility.allCases { vis.set(v.name, s.threadsByVisibility[v] ?? 0) }
            o.set("threads_by_visibility", object: vis)
            var status = JSONObject()
            for st in ThreadStatus.allCases { status.set(st.name, s.threadsByStatus[st] ?? 0) }
            o.set("threads_by_status", object: status)
            var channels = JSONObject()
            for c in s.threadsByChannel { channels.set(c.channel, c.threads) }
            o.set("threads_by_channel", object: channels)
            var agents = JSONObject()
            for a in s.repliesByAgent { agents.set(a.agent, a.replies) }
            o.set("replies_by_agent", object: agents)
            var deliveries = JSONObject()
            for d in [DeliveryState.queued, .sent, .failed] { deliveries.set(d.name, s.deliveries[d] ?? 0) }
            o.set("deliveries", object: deliveries)
            o.set("customers", s.customers)
            o.set("notes", s.notes)
            o.set("active_pins", s.activePins)
            o.set("first_message", s.firstMessage?.rfc3339)
            o.set("last_message", s.lastMessage?.rfc3339)
            Output.line(o.text)
            return
        }
        Output.line("records      \(s.records) in \(s.lines) lines (\(s.duplicates) duplicates ignored, \(s.malformedLines) malformed, \(s.unknownTypes) of unknown type)")
        Output.line("messages     \(s.inboundMessages + s.outboundMessages): \(s.inboundMessages) from customers, \(s.outboundMessages) replies")
        Output.line("threads      \(s.threads): public \(s.threadsByVisibility[.public] ?? 0), private \(s.threadsByVisibility[.private] ?? 0)")
        Output.line("status       " + ThreadStatus.allCases.map { "\($0.name) \(s.threadsByStatus[$0] ?? 0)" }.joined(separator: ", "))
        Output.line("channels     " + s.threadsByChannel.map { "\(safe($0.channel)) \($0.threads)" }.joined(separator: ", "))
        Output.line("customers    \(s.customers)")
        Output.line("replies      " + (s.repliesByAgent.isEmpty ? "none" : s.repliesByAgent.map { "\(safe($0.agent)) \($0.replies)" }.joined(separator: ", ")))
        Output.line("deliveries   queued \(s.deliveries[.queued] ?? 0), sent \(s.deliveries[.sent] ?? 0), failed \(s.deliveries[.failed] ?? 0)")
        Output.line("notes        \(s.notes); pins up: \(s.activePins)")
        if let first = s.firstMessage, let last = s.lastMessage {
            Output.line("span         \(first.short) to \(last.short)")
        }
    }
}
