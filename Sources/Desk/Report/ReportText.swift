import InboxFormat
import InboxStore

/// The shift report as lines of text: what `shiftdesk report` prints and the report screen
/// shows, the same words in both. Customer text (names, messages, notes) is made safe here,
/// on one line each, so no line carries a control character.
public struct ReportText {
    /// What a line is, for a screen that styles them.
    public enum Kind: Sendable {
        case title, heading, body, chart, quiet
    }

    /// One line of the report.
    public struct Line: Sendable, Equatable {
        public var kind: Kind
        public var text: String
    }

    /// How wide the lines may be (the chart wraps to it; other lines are cut by the screen).
    public var width: Int
    /// Bars and symbols in plain ASCII, for a terminal that is not UTF-8.
    public var plain: Bool

    public init(width: Int = 80, plain: Bool = false) {
        self.width = width
        self.plain = plain
    }

    /// The whole report: figures, agents, templates, the hourly chart, then the handover.
    public func lines(_ r: ShiftReport) -> [Line] {
        figures(r) + [Line(kind: .body, text: "")] + handover(r)
    }

    /// Everything but the handover.
    public func figures(_ r: ShiftReport) -> [Line] {
        var out: [Line] = []
        func add(_ kind: Kind, _ text: String) { out.append(Line(kind: kind, text: text)) }
        let wall = r.wallClock
        let from = wall.local(r.since), to = wall.local(r.until)
        let span = from.date == to.date ? "\(from.date) \(from.clock())–\(to.clock())"
                                        : "\(from.date) \(from.clock()) – \(to.date) \(to.clock())"
        let whose = r.agent.map { " for " + TextSafety.singleLine($0) } ?? ""
        add(.title, "Shift report\(whose) · \(span) \(r.timeZone.identifier)")
        add(.quiet, r.businessHours ? "Waits are counted in business hours." : "Waits are counted on the wall clock (no business hours set).")
        add(.body, "")
        let whole = r.agent == nil ? "" : " (whole inbox)"
        add(.heading, pad("", 26) + lpad("public", 10) + lpad("private", 10) + lpad("total", 10))
        func row(_ label: String, _ value: (ShiftReport.Side) -> String) {
            add(.body, pad(label, 26) + lpad(value(r.publicSide), 10) + lpad(value(r.privateSide), 10) + lpad(value(r.total), 10))
        }
        func duration(_ ms: Int64?) -> String { ms.map(DurationFigures.text) ?? "–" }
        row("Messages in" + whole, { "\($0.messagesIn)" })
        row("Messages out", { "\($0.messagesOut)" })
        row("Threads opened" + whole, { "\($0.threadsOpened)" })
        row("Threads reopened" + whole, { "\($0.threadsReopened)" })
        row("Threads resolved", { "\($0.threadsResolved)" })
        row("First responses", { "\($0.firstResponse.count)" })
        row("First response, median", { duration($0.firstResponse.median) })
        row("First response, 90th pct", { duration($0.firstResponse.p90) })
        row("Resolution, median", { duration($0.resolution.median) })
        row("Resolution, 90th pct", { duration($0.resolution.p90) })
        row("SLA breaches", { "\($0.slaBreaches)" })
        let u = r.unresolved
        add(.body, "")
        add(.body, "Unresolved at the end: \(u.open) open (\(u.overdue) overdue), \(u.waiting) waiting on the customer, \(u.snoozed) snoozed")

        add(.body, "")
        if r.agents.isEmpty {
            add(.heading, "Replies by agent")
            add(.quiet, "  No agent replied or resolved in this window.")
        } else {
            add(.heading, pad("Replies by agent", 20) + lpad("replies", 8) + lpad("public", 8) + lpad("private", 8)
                + lpad("resolved", 10) + lpad("first", 7) + lpad("median", 9))
            for a in r.agents {
                add(.body, pad("  " + TextSafety.singleLine(a.agent), 20) + lpad("\(a.replies)", 8) + lpad("\(a.publicReplies)", 8)
                    + lpad("\(a.privateReplies)", 8) + lpad("\(a.resolved)", 10) + lpad("\(a.firstResponses)", 7)
                    + lpad(duration(a.firstResponseMedian), 9))
            }
        }

        add(.body, "")
        let replies = r.repliesFromTemplates + r.repliesWrittenFresh
        add(.heading, "Templates: \(r.repliesFromTemplates) of \(replies) replies started from one")
        if r.measuredTemplateReplies > 0 {
            let share = (r.untouchedTemplateReplies * 100 + r.measuredTemplateReplies / 2) / r.measuredTemplateReplies
            add(.body, "  sent untouched: \(r.untouchedTemplateReplies) of \(r.measuredTemplateReplies) (\(share)%) · median edit: \(r.medianEdit ?? 0) characters")
        } else if r.repliesFromTemplates > 0 {
            add(.quiet, "  no reply says how much it was edited (written before shiftdesk measured it)")
        }
        for t in r.templates {
            let edits = t.measured == 0 ? "edits not measured"
                : "\(t.untouched) of \(t.measured) untouched · median edit \(t.medianEdit ?? 0)"
            add(.body, pad("  " + TextSafety.singleLine(t.template), 26) + lpad("\(t.uses) used", 9) + "   " + edits)
        }

        add(.body, "")
        out += chart(r)
        return out
    }

    /// The hourly volume as two bar rows (customers in, company out) under the hours,
    /// wrapped to the width, a heading per day when the window spans several.
    func chart(_ r: ShiftReport) -> [Line] {
        var out = [Line(kind: .heading, text: "Volume per hour (\(r.timeZone.identifier))")]
        guard !r.hours.isEmpty else { return out }
        let peak = max(1, r.hours.map { max($0.messagesIn, $0.messagesOut) }.max() ?? 1)
        let label = 9
        let perRow = max(1, min(24, (width - label) / 3))
        let levels: [Character] = plain ? [".", ":", "-", "=", "+", "*", "#", "@"] : ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        func bar(_ n: Int) -> String {
            guard n > 0 else { return "   " }
            let level = min(7, (n * 8 + peak - 1) / peak - 1)
            return String(repeating: levels[level], count: 2) + " "
        }
        let days = Set(r.hours.map(\.local.date)).count
        var i = 0
        var lastDate: LocalDate?
        while i < r.hours.count {
            // A row ends at midnight, so each row is one day's hours.
            var slice = Array(r.hours[i..<min(r.hours.count, i + perRow)])
            if let cut = slice.indices.dropFirst().first(where: { slice[$0].local.date != slice[0].local.date }) { slice = Array(slice[..<cut]) }
            let date = slice[0].local.date
            if days > 1 && date != lastDate { out.append(Line(kind: .quiet, text: "  \(date) \(date.weekday.shortName.capitalized)")) }
            lastDate = date
            out.append(Line(kind: .quiet, text: String(repeating: " ", count: label)
                            + slice.map { ($0.local.hour < 10 ? "0" : "") + "\($0.local.hour) " }.joined()))
            out.append(Line(kind: .chart, text: pad("in", 4) + lpad("\(slice.reduce(0) { $0 + $1.messagesIn })", 4) + " "
                            + slice.map { bar($0.messagesIn) }.joined()))
            out.append(Line(kind: .chart, text: pad("out", 4) + lpad("\(slice.reduce(0) { $0 + $1.messagesOut })", 4) + " "
                            + slice.map { bar($0.messagesOut) }.joined()))
            i += slice.count
        }
        out.append(Line(kind: .quiet, text: "  the tallest bar is \(peak) message\(peak == 1 ? "" : "s") in an hour"))
        return out
    }

    /// The open and snoozed threads with their owner and last note: the end of the report,
    /// and `shiftdesk report --handover`.
    public func handover(_ r: ShiftReport) -> [Line] {
        var out = [Line(kind: .heading, text: "Handover: \(r.unresolved.open) open, \(r.unresolved.snoozed) snoozed"
                        + (r.agent.map { " (owned by \(TextSafety.singleLine($0)))" } ?? ""))]
        if r.handover.isEmpty {
            out.append(Line(kind: .quiet, text: "  Nothing left open."))
            return out
        }
        let wall = r.wallClock
        for e in r.handover {
            var head = "  " + TextSafety.singleLine(e.thread) + " " + marker(e.level)
            if e.status == .snoozed {
                head += " snoozed until " + (e.snoozedUntil.map { wall.local($0).dayAndClock } ?? "?")
            } else if let since = e.waitingSince {
                head += " waiting " + DurationFigures.text(r.until.milliseconds - since.milliseconds)
                if let overdue = e.overdueSince { head += " (overdue " + DurationFigures.text(r.until.milliseconds - overdue.milliseconds) + ")" }
            } else {
                head += " open"
            }
            head += " · " + TextSafety.singleLine(e.channel) + " " + e.visibility.name
            if let c = e.customer {
                let who = [c.name, c.handle].compactMap { $0 }.joined(separator: " ")
                head += " · " + TextSafety.singleLine(who.isEmpty ? c.id : who)
            }
            head += " · " + (e.owner.map { "owner " + TextSafety.singleLine($0) } ?? "nobody's")
            out.append(Line(kind: .body, text: head))
            if let text = e.lastCustomerText {
                out.append(Line(kind: .quiet, text: "      customer: " + excerpt(text)))
            }
            if let note = e.lastNote {
                out.append(Line(kind: .body, text: "      note (\(TextSafety.singleLine(note.agent)), \(wall.local(note.at).dayAndClock)): " + excerpt(note.text)))
            } else {
                out.append(Line(kind: .quiet, text: "      no note"))
            }
        }
        let unlisted = r.unresolved.open + r.unresolved.snoozed - r.handover.count
        if unlisted > 0 {
            out.append(Line(kind: .quiet, text: "  … and \(unlisted) more: shiftdesk report --handover lists them all"))
        }
        return out
    }

    /// A level as the queue marks it; normal says nothing.
    private func marker(_ level: PriorityLevel) -> String {
        switch level {
        case .urgent: return "!!"
        case .high: return "!"
        case .normal: return "·"
        case .low: return plain ? "v" : "↓"
        }
    }

    /// Untrusted text on one line, cut to a length a handover reads at a glance.
    private func excerpt(_ text: String) -> String {
        let line = TextSafety.singleLine(text)
        return line.count > 100 ? String(line.prefix(99)) + "…" : line
    }

    private func pad(_ s: String, _ n: Int) -> String {
        let w = DisplayWidth.of(s)
        return w >= n ? s + " " : s + String(repeating: " ", count: n - w)
    }

    private func lpad(_ s: String, _ n: Int) -> String {
        let w = DisplayWidth.of(s)
        return w >= n ? " " + s : String(repeating: " ", count: n - w) + s
    }
}
