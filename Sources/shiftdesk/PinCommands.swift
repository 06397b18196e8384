import ArgumentParser
import Desk
import InboxFormat
import InboxStore

/// `shiftdesk pin FILE TEXT`: an announcement at the top of the public view.
struct PinCommand: AppendingCommand {
    static let configuration = CommandConfiguration(
        commandName: "pin",
        abstract: "Pin an announcement at the top of the public view, for every agent; prints its id.",
        discussion: """
            --until takes a time like the snooze times: 2h, 90m, 17:30, tomorrow, \
            2026-12-01 09:00, or RFC 3339 (in the [hours] time zone of config.toml, else UTC).

            Examples:
              shiftdesk pin shift.jsonl "Checkout is down; we're on it. Failed payments are not charged." --until 2h
              shiftdesk unpin shift.jsonl "$(shiftdesk pin shift.jsonl 'We are away until 09:00')"
            """
    )

    @OptionGroup var inbox: InboxArgument
    @Argument(help: "The announcement.") var text: String
    @Option(help: "When it comes down by itself (default: when someone takes it down).") var until: String?
    @Option(help: "The channel it is about (default: all).") var channel: String?
    @OptionGroup var agent: AgentOption

    func run() throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw ValidationError("TEXT is empty: write the announcement") }
        let now = try inbox.clock().now()
        var end: Timestamp?
        if let until {
            let (config, _) = TriageSetup.config()
            guard let time = SnoozeTime(hours: config.hours).parse(until, now: now), time > now else {
                if SnoozeTime(hours: config.hours).isBeyondTheInbox(until, now: now) {
                    throw ValidationError("--until: " + ClockOption.beyondTheInbox(until))
                }
                throw ValidationError("--until: \"\(TextSafety.singleLine(until))\" is no time to come (2h, 90m, 17:30, tomorrow, 2026-12-01 09:00)")
            }
            end = time
        }
        let (line, id) = try writer().pin(text: trimmed, until: end, channel: channel)
        try append(line)
        Output.line(id)
    }
}

/// `shiftdesk unpin FILE PIN_ID`.
struct UnpinCommand: AppendingCommand {
    static let configuration = CommandConfiguration(
        commandName: "unpin",
        abstract: "Take a pinned announcement down (its id as shiftdesk pins lists it).",
        discussion: "Example:\n  shiftdesk unpin shift.jsonl pin-3f2a9c"
    )

    @OptionGroup var inbox: InboxArgument
    @Argument(help: "The pin's id.") var pin: String
    @OptionGroup var agent: AgentOption

    func run() throws {
        let loaded = try inbox.load()
        let shown = TextSafety.singleLine(pin)
        guard let found = loaded.pinBoard.pins.first(where: { $0.id == pin }) else {
            throw Output.failure("no pin \"\(shown)\" in \(inbox.name) (list them with: shiftdesk pins \(inbox.argument) --all)")
        }
        guard found.active else {
            Output.line("\(shown) is already down; nothing written.")
            return
        }
        try append(try writer().unpin(pin: pin))
        Output.line("Took \(shown) down.")
    }
}

/// `shiftdesk pins FILE`.
struct PinsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pins",
        abstract: "List the pinned announcements up now (--all: those expired or taken down too).",
        discussion: "Each row: id, who pinned it, since when, until when, and the text. --json: one object per line with id, text, agent, at, until, channel (and active with --all)."
    )

    @OptionGroup var inbox: InboxArgument
    @Flag(help: "Also those that expired or were taken down.") var all = false
    @Flag(help: "Print one JSON object per pin, one per line.") var json = false

    func run() throws {
        let loaded = try inbox.load()
        let now = try inbox.clock().now()
        func up(_ pin: Pin) -> Bool { pin.active && (pin.until.map { $0 > now } ?? true) }
        let pins = loaded.pinBoard.pins.filter { all || up($0) }
        if json {
            for pin in pins {
                var o = JSONObject()
                o.set("id", pin.id)
                o.set("text", pin.text)
                o.set("agent", pin.agent)
                o.set("at", pin.at.rfc3339)
                o.set("until", pin.until?.rfc3339)
                o.set("channel", pin.channel)
                if all { o.set("active", up(pin)) }
                Output.line(o.text)
            }
            return
        }
        if pins.isEmpty {
            Output.line(all ? "No pins in \(inbox.name)." : "No pin is up. (shiftdesk pins \(inbox.argument) --all lists the others.)")
            return
        }
        for pin in pins {
            let state = up(pin) ? "" : pin.active ? " (expired)" : " (taken down)"
            let until = pin.until.map { " until \($0.short)" } ?? ""
            Output.line("\(TextSafety.singleLine(pin.id))  \(TextSafety.singleLine(pin.agent)), \(pin.at.short)\(until)\(state): "
                        + TextSafety.singleLine(pin.text))
        }
    }
}
