import Foundation
import Testing
import TestSupport

/// The shift report, from the command line and on the app's report screen, on a shift
/// counted by hand (`ShortShift` says what happens and what each figure must be).
@Suite(.serialized) struct ReportTests {
    /// A scratch inbox holding the short shift; without the message after noon when
    /// `beforeNoon`, for the app, which shows the file as it is.
    func shortShift(beforeNoon: Bool = false) throws -> Scratch {
        let s = try Scratch(copySample: false)
        let lines = ShortShift.lines.filter { !beforeNoon || !$0.contains(#""id":"m11""#) }
        try (lines.map { $0 + "\n" }.joined()).write(toFile: s.inbox, atomically: true, encoding: .utf8)
        return s
    }

    let env = ["TZ": "UTC", "SHIFTDESK_NOW": "2026-11-20T15:00:00Z"]

    func json(_ result: CLI.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
    }

    func int(_ o: [String: Any], _ path: String...) -> Int? {
        var value: Any? = o
        for key in path { value = (value as? [String: Any])?[key] }
        return value as? Int
    }

    @Test func theFiguresAsJSON() throws {
        let s = try shortShift()
        let r = try CLI.run(["report", s.inbox, "--since", "09:00", "--until", "12:00", "--json"], environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        let o = try json(r)
        #expect(o["since"] as? String == "2026-11-20T09:00:00.000Z" && o["until"] as? String == "2026-11-20T12:00:00.000Z")
        #expect(o["waits_counted_in"] as? String == "wall_clock" && o["agent"] is NSNull)
        #expect([int(o, "messages_in", "public"), int(o, "messages_in", "private"), int(o, "messages_in", "total")] == [2, 3, 5])
        #expect(int(o, "messages_out", "total") == 4)
        #expect([int(o, "threads_opened", "total"), int(o, "threads_reopened", "total"), int(o, "threads_resolved", "total")] == [3, 1, 2])
        #expect(int(o, "first_response", "total", "count") == 3)
        #expect(int(o, "first_response", "total", "median_seconds") == 20 * 60)
        #expect(int(o, "first_response", "total", "p90_seconds") == 120 * 60)
        #expect(int(o, "first_response", "private", "median_seconds") == 65 * 60)
        #expect(int(o, "resolution", "public", "median_seconds") == 50 * 60)
        #expect((o["resolution"] as? [String: Any])?["private"].flatMap { ($0 as? [String: Any])?["median_seconds"] } is NSNull)
        #expect(int(o, "sla_breaches", "total") == 1)
        #expect([int(o, "unresolved", "open"), int(o, "unresolved", "overdue"), int(o, "unresolved", "waiting"), int(o, "unresolved", "snoozed")]
                == [1, 1, 1, 1])
        let agents = try #require(o["agents"] as? [[String: Any]])
        #expect(agents.map { $0["agent"] as? String } == ["olga", "ivan"])
        #expect(agents[0]["first_response_median_seconds"] as? Int == 70 * 60 && agents[1]["resolved"] as? Int == 1)
        #expect([int(o, "templates", "replies_from_templates"), int(o, "templates", "untouched"), int(o, "templates", "median_edit")] == [2, 1, 6])
        let hours = try #require(o["hours"] as? [[String: Any]])
        #expect(hours.map { $0["local"] as? String } == ["2026-11-20 09:00", "2026-11-20 10:00", "2026-11-20 11:00", "2026-11-20 12:00"])
        #expect(hours.map { $0["in_private"] as? Int } == [3, 0, 0, 0])
        let handover = try #require(o["handover"] as? [[String: Any]])
        #expect(handover.map { $0["thread"] as? String } == ["t3", "t4"])
        #expect(handover[0]["owner"] as? String == "ivan" && handover[0]["overdue_since"] as? String == "2026-11-20T11:50:00.000Z")
        #expect((handover[0]["last_note"] as? [String: Any])?["text"] as? String == "asked for the phone model")
        #expect(handover[1]["status"] as? String == "snoozed" && handover[1]["last_note"] is NSNull)
    }

    @Test func theTextTheCSVAndTheHandover() throws {
        let s = try shortShift()
        let text = try CLI.run(["report", s.inbox, "--since", "09:00", "--until", "12:00"], environment: env)
        let words = text.lines.map { $0.split(separator: " ").joined(separator: " ") }
        #expect(words.contains("First response, median 20m 1h 05m 20m"), "\(text.stdout)")
        #expect(words.contains("SLA breaches 1 0 1"))
        #expect(words.contains("sent untouched: 1 of 2 (50%) · median edit: 6 characters"))
        #expect(text.lines.contains { $0.hasPrefix("in ") && $0.contains("██") })
        #expect(text.lines.contains("Handover: 1 open, 1 snoozed"))

        let csv = try CLI.run(["report", s.inbox, "--since", "09:00", "--until", "12:00", "--csv"], environment: env)
        #expect(csv.lines == [
            "hour,local,in,out,in_public,in_private,out_public,out_private",
            "2026-11-20T09:00:00.000Z,2026-11-20 09:00,3,2,0,3,1,1",
            "2026-11-20T10:00:00.000Z,2026-11-20 10:00,1,1,1,0,1,0",
            "2026-11-20T11:00:00.000Z,2026-11-20 11:00,1,1,1,0,0,1",
            "2026-11-20T12:00:00.000Z,2026-11-20 12:00,0,0,0,0,0,0",
        ])

        let handover = try CLI.run(["report", s.inbox, "--until", "12:00", "--handover"], environment: env)
        #expect(handover.lines.first == "Handover: 1 open, 1 snoozed")
        #expect(handover.lines.contains { $0.contains("t3 · waiting 40m (overdue 10m) · twitter public · Carl · owner ivan") })
        #expect(handover.lines.contains("      note (ivan, Fri 11:26): asked for the phone model"))
        #expect(handover.lines.contains { $0.contains("t4 · snoozed until Fri 13:00") })
        #expect(!handover.stdout.contains("Messages in"))
    }

    @Test func byOneAgentAndInBusinessHours() throws {
        let s = try shortShift()
        let ivan = try json(CLI.run(["report", s.inbox, "--since", "09:00", "--until", "12:00", "--by", "ivan", "--json"], environment: env))
        #expect(ivan["agent"] as? String == "ivan")
        #expect(int(ivan, "messages_out", "total") == 1 && int(ivan, "sla_breaches", "total") == 1)
        #expect((ivan["handover"] as? [[String: Any]])?.map { $0["thread"] as? String } == ["t3"])

        let config = try s.writeConfig(ShortShift.businessHoursConfig)
        let office = try json(CLI.run(["report", s.inbox, "--since", "09:00", "--until", "12:00", "--json"],
                                      environment: env.merging(["XDG_CONFIG_HOME": config]) { $1 }))
        #expect(office["waits_counted_in"] as? String == "business_hours")
        #expect(int(office, "first_response", "public", "median_seconds") == 10 * 60, "Anna's clock starts at 09:00")
    }

    @Test func aTimeThatIsNoneIsSaid() throws {
        let s = try shortShift()
        let r = try CLI.run(["report", s.inbox, "--since", "yesterday"], environment: env)
        #expect(r.status != 0)
        #expect(r.stderr.contains("--since: \"yesterday\" is not a time"))
        let backwards = try CLI.run(["report", s.inbox, "--since", "13:00", "--until", "12:00"], environment: env)
        #expect(backwards.status != 0 && backwards.stderr.contains("is after the end of the report"))
        #expect(try CLI.run(["report", s.inbox, "--json", "--csv"], environment: env).status != 0)
    }

    @Test func theReportScreenFollowsTheInbox() throws {
        let s = try shortShift(beforeNoon: true)
        let term = try TerminalSession(width: 120, height: 40, environment: ["TZ": "UTC", "SHIFTDESK_NOW": "2026-11-20T12:00:00Z"], keeping: s)
        try term.run("\(CLI.binary.path) '\(s.inbox)' --agent olga")
        try term.waitFor("olga │")
        try term.type("w")
        try term.waitFor("Shift report · 2026-11-20 00:00–12:00")
        // From midnight: Anna's first message at 08:50 counts too.
        _ = try term.waitUntil("the figures from midnight") { screen in
            screen.contains { $0.split(separator: " ").joined(separator: " ") == "Messages in 3 3 6" }
        }
        try term.press("G")
        try term.waitFor("Handover: 1 open, 1 snoozed")
        try term.waitFor("note (ivan, Fri 11:26): asked for the phone model")
        // Another agent resolves Carl's thread: the open report takes it in.
        let resolved = try CLI.run(["resolve", s.inbox, "t3", "--agent", "ivan"], environment: ["SHIFTDESK_NOW": "2026-11-20T12:00:00Z"])
        #expect(resolved.status == 0, "\(resolved.stderr)")
        try term.waitFor("Handover: 0 open, 1 snoozed")
        try term.type("m")
        try term.waitFor("Handover: 0 open, 0 snoozed (owned by olga)")
        try term.press("g")
        try term.waitFor("Shift report for olga")
        try term.press("Escape")
        try term.waitForGone("Shift report")
        try term.waitFor("open")
    }
}
