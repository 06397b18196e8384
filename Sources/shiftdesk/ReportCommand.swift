import ArgumentParser
import Desk
import Foundation
import InboxFormat
import InboxStore

/// `shiftdesk report FILE`: the shift's figures and the handover.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The shift report: messages, threads, response and resolution times, SLA breaches, agents, templates, volume per hour, and the handover.",
        discussion: """
            TIME is an RFC 3339 time, a date (2026-11-29: its midnight) or a time of day \
            (08:00: today's), on the wall clock of the business hours' zone, else the system's. \
            Waits are counted in business hours when [hours] is set. The definitions are in the \
            Desk documentation's Report article.

            Examples:
              shiftdesk report shift.jsonl
              shiftdesk report shift.jsonl --since 08:00 --until 16:00 --by olga
              shiftdesk report shift.jsonl --handover
              shiftdesk report shift.jsonl --csv > hours.csv
            """
    )

    @OptionGroup var inbox: InboxArgument

    @Option(help: ArgumentHelp("Count from TIME (default: today's midnight).", valueName: "TIME"))
    var since: String?

    @Option(help: ArgumentHelp("Count up to TIME, and show the threads as they stood then (default: now).", valueName: "TIME"))
    var until: String?

    @Option(help: ArgumentHelp("Only what agent NAME did, and the threads they own.", valueName: "NAME"))
    var by: String?

    @Flag(help: "Print only the handover: the open and snoozed threads with their owner and last note.")
    var handover = false

    @Flag(help: "Print one JSON object (with --handover: the handover's array).")
    var json = false

    @Flag(help: "Print the per-hour table as CSV.")
    var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("--json and --csv: choose one") }
        if csv && handover { throw ValidationError("--csv prints the per-hour table; the handover prints as text or --json") }
        if let by, by.isEmpty { throw ValidationError("--by: give an agent's name") }
    }

    func run() throws {
        let (config, _) = TriageSetup.config()
        let zone = ReportWindow.zone(hours: config.hours)
        let now = try inbox.clock().now()
        func time(_ text: String?, _ option: String) throws -> Timestamp? {
            guard let text else { return nil }
            guard let t = ReportWindow.time(text, now: now, zone: zone) else {
                throw ValidationError("\(option): \"\(TextSafety.singleLine(text))\" is not a time: give an RFC 3339 time, a date (2026-11-29) or a time of day (08:00)")
            }
            return t
        }
        let until = try time(self.until, "--until")
        let end = until ?? now
        let start = try time(since, "--since") ?? ReportWindow.startOfDay(at: end, zone: zone)
        guard start <= end else {
            throw Output.failure("--since \(start.rfc3339) is after the end of the report (\(end.rfc3339))")
        }
        let log = ReportLog(since: start, until: end)
        // The threads as they stood at the end: a record dated later (a connector's clock
        // ahead of ours) is not folded in, as it is not counted.
        let (inbox, triage, _) = try self.inbox.loadTriaged(quiet: json || csv, asOf: end, projections: [log])
        let report = ShiftReport(log: log, inbox: inbox, triage: triage, until: end, hours: config.hours, localZone: zone, agent: by)
        if csv { return printCSV(report) }
        if json { return Output.line(handover ? "[" + report.handover.map { Self.json($0).text }.joined(separator: ",") + "]" : Self.json(report).text) }
        let text = ReportText(width: 80, plain: !Terminal.isUTF8)
        for line in handover ? text.handover(report) : text.lines(report) { Output.line(line.text) }
    }

    private func printCSV(_ r: ShiftReport) {
        Output.line("hour,local,in,out,in_public,in_private,out_public,out_private")
        for h in r.hours {
            Output.line([h.start.rfc3339, "\(h.local.date) \(h.local.clock())", "\(h.messagesIn)", "\(h.messagesOut)",
                         "\(h.inPublic)", "\(h.inPrivate)", "\(h.outPublic)", "\(h.outPrivate)"].joined(separator: ","))
        }
    }

    static func json(_ r: ShiftReport) -> JSONObject {
        var o = JSONObject()
        o.set("since", r.since.rfc3339)
        o.set("until", r.until.rfc3339)
        o.set("agent", r.agent)
        o.set("time_zone", r.timeZone.identifier)
        o.set("waits_counted_in", r.businessHours ? "business_hours" : "wall_clock")
        func sides(_ value: (ShiftReport.Side) -> Int) -> JSONObject {
            var s = JSONObject()
            s.set("public", value(r.publicSide))
            s.set("private", value(r.privateSide))
            s.set("total", value(r.total))
            return s
        }
        func durations(_ value: (ShiftReport.Side) -> DurationFigures) -> JSONObject {
            var s = JSONObject()
            for (name, side) in [("public", r.publicSide), ("private", r.privateSide), ("total", r.total)] {
                let d = value(side)
                var f = JSONObject()
                f.set("count", d.count)
                f.set("median_seconds", seconds: d.median)
                f.set("p90_seconds", seconds: d.p90)
                s.set(name, object: f)
            }
            return s
        }
        o.set("messages_in", object: sides(\.messagesIn))
        o.set("messages_out", object: sides(\.messagesOut))
        o.set("threads_opened", object: sides(\.threadsOpened))
        o.set("threads_reopened", object: sides(\.threadsReopened))
        o.set("threads_resolved", object: sides(\.threadsResolved))
        o.set("first_response", object: durations(\.firstResponse))
        o.set("resolution", object: durations(\.resolution))
        o.set("sla_breaches", object: sides(\.slaBreaches))
        var u = JSONObject()
        u.set("open", r.unresolved.open)
        u.set("overdue", r.unresolved.overdue)
        u.set("waiting", r.unresolved.waiting)
        u.set("snoozed", r.unresolved.snoozed)
        o.set("unresolved", object: u)
        o.set("agents", array: r.agents.map { a in
            var j = JSONObject()
            j.set("agent", a.agent)
            j.set("replies", a.replies)
            j.set("public_replies", a.publicReplies)
            j.set("private_replies", a.privateReplies)
            j.set("resolved", a.resolved)
            j.set("first_responses", a.firstResponses)
            j.set("first_response_median_seconds", seconds: a.firstResponseMedian)
            return j
        })
        var t = JSONObject()
        t.set("replies_from_templates", r.repliesFromTemplates)
        t.set("replies_written_fresh", r.repliesWrittenFresh)
        t.set("measured", r.measuredTemplateReplies)
        t.set("untouched", r.untouchedTemplateReplies)
        t.set("median_edit", r.medianEdit)
        t.set("by_template", array: r.templates.map { f in
            var j = JSONObject()
            j.set("template", f.template)
            j.set("uses", f.uses)
            j.set("measured", f.measured)
            j.set("untouched", f.untouched)
            j.set("median_edit", f.medianEdit)
            return j
        })
        o.set("templates", object: t)
        o.set("hours", array: r.hours.map { h in
            var j = JSONObject()
            j.set("start", h.start.rfc3339)
            j.set("local", "\(h.local.date) \(h.local.clock())")
            j.set("in_public", h.inPublic)
            j.set("in_private", h.inPrivate)
            j.set("out_public", h.outPublic)
            j.set("out_private", h.outPrivate)
            return j
        })
        o.set("handover", array: r.handover.map(json))
        return o
    }

    static func json(_ e: HandoverEntry) -> JSONObject {
        var j = JSONObject()
        j.set("thread", e.thread)
        j.set("status", e.status.name)
        j.set("priority", e.level.name)
        j.set("owner", e.owner)
        j.set("channel", e.channel)
        j.set("visibility", e.visibility.name)
        j.set("customer", object: JSONObject.person(e.customer))
        j.set("waiting_since", e.waitingSince?.rfc3339)
        j.set("overdue_since", e.overdueSince?.rfc3339)
        j.set("snoozed_until", e.snoozedUntil?.rfc3339)
        j.set("last_customer_message", e.lastCustomerText)
        j.set("last_note", object: e.lastNote.map { n in
            var note = JSONObject()
            note.set("agent", n.agent)
            note.set("at", n.at.rfc3339)
            note.set("text", n.text)
            return note
        })
        return j
    }
}

extension JSONObject {
    /// A whole number, or `null` when nil.
    mutating func set(_ key: String, _ value: Int?) {
        if let value { set(key, value as Int) } else { set(key, nil as String?) }
    }

    /// Milliseconds as whole seconds, or `null` when nil.
    mutating func set(_ key: String, seconds milliseconds: Int64?) {
        set(key, milliseconds.map { Int($0 / 1000) })
    }
}
