import Foundation
import Testing

/// `--now` and `SHIFTDESK_NOW` set the clock; `--as-of` shows the queue as it stood.
@Suite struct ClockTests {
    static func message(_ id: String, thread: String, at: String) -> String {
        #"{"type":"message","id":"\#(id)","at":"2026-11-20T\#(at):00Z","thread":"\#(thread)","channel":"twitter","visibility":"public","direction":"in","author":{"id":"u-\#(thread)","name":"Customer \#(thread)"},"text":"help with \#(thread)"}"#
    }

    /// Three customers write; one is resolved at 09:40; a record that arrived late in the
    /// file carries an earlier time.
    static func morning() throws -> Scratch {
        let s = try Scratch(copySample: false)
        let lines = [
            message("m1", thread: "a", at: "09:00"),
            message("m2", thread: "b", at: "09:10"),
            #"{"type":"resolve","id":"e1","at":"2026-11-20T09:40:00Z","thread":"b","agent":"olga"}"#,
            message("m3", thread: "c", at: "10:00"),
            message("m4", thread: "d", at: "09:20"),
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: s.inbox, atomically: true, encoding: .utf8)
        return s
    }

    static func threads(_ r: CLI.Result) -> [String] {
        r.lines.compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] }.compactMap { $0["thread"] as? String }
    }

    @Test func queueAsOfShowsWhatWasWaitingThen() throws {
        let s = try Self.morning()
        let now = try CLI.run(["queue", s.inbox, "--json"])
        #expect(Self.threads(now) == ["a", "d", "c"])
        let then = try CLI.run(["queue", s.inbox, "--json", "--as-of", "2026-11-20T09:30:00Z"])
        #expect(then.status == 0)
        #expect(Self.threads(then) == ["a", "b", "d"], "b was not resolved yet and c had not written")
        // No clock set: the ages are measured at the as-of time.
        let text = try CLI.run(["queue", s.inbox, "--as-of", "2026-11-20T09:30:00Z"], environment: ["SHIFTDESK_NOW": ""])
        #expect(text.lines.dropFirst().first?.contains("30m") == true, "ages are measured at the as-of time: \(text.stdout)")
        let stats = try CLI.run(["stats", s.inbox, "--json", "--as-of", "2026-11-20T09:30:00Z"])
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        #expect(figures["threads"] as? Int == 3)
        // With both, --as-of chooses the records and --now sets the clock.
        let both = try CLI.run(["queue", s.inbox, "--as-of", "2026-11-20T09:30:00Z", "--now", "2026-11-20T11:00:00Z"])
        #expect(both.lines.dropFirst().first?.contains("2h") == true, "\(both.stdout)")
    }

    @Test func nowSetsTheClockOfWhatIsWritten() throws {
        let s = try Self.morning()
        let r = try CLI.run(["note", s.inbox, "a", "called back", "--agent", "olga", "--now", "2026-11-20T11:00:00+03:00"])
        #expect(r.status == 0)
        let at = try #require(s.lastRecord["at"] as? String)
        #expect(at.hasPrefix("2026-11-20T08:00:0"), "the clock starts at --now and runs on: \(at)")

        let env = try CLI.run(["resolve", s.inbox, "a", "--agent", "olga"], environment: ["SHIFTDESK_NOW": "2026-12-01T12:00:00Z"])
        #expect(env.status == 0)
        #expect((s.lastRecord["at"] as? String)?.hasPrefix("2026-12-01T12:00:0") == true)
    }

    @Test func aTimeThatIsNotRFC3339IsRefused() throws {
        let s = try Self.morning()
        let r = try CLI.run(["queue", s.inbox, "--now", "yesterday"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("--now: \"yesterday\" is not an RFC 3339 time with a zone"))
        let asOf = try CLI.run(["queue", s.inbox, "--as-of", "2026-11-20 09:30"])
        #expect(asOf.status != 0)
        #expect(asOf.stderr.contains("--as-of"))
        #expect(s.contents.split(separator: "\n").count == 5, "nothing written")
    }

    /// RFC 3339 allows offsets that carry a time past the four-digit years of UTC, which the
    /// records are written in: such a time is refused, never written as a line no reader takes.
    @Test func aTimeTheInboxCannotRecordIsRefused() throws {
        let s = try Self.morning()
        let early = try CLI.run(["resolve", s.inbox, "a", "--agent", "olga", "--now", "0000-01-01T00:00:00+01:00"])
        #expect(early.status != 0 && early.stderr.contains("--now: \"0000-01-01T00:00:00+01:00\" falls outside the years 0000 to 9999"),
                "\(early.stderr)")
        let late = try CLI.run(["snooze", s.inbox, "a", "9999-12-31T23:59:59-23:59", "--agent", "olga", "--now", "2026-11-20T10:00:00Z"])
        #expect(late.status != 0 && late.stderr.contains("falls outside the years 0000 to 9999"), "\(late.stderr)")
        let pin = try CLI.run(["pin", s.inbox, "Back soon", "--until", "9999-12-31T23:59:59-23:59", "--agent", "olga", "--now", "2026-11-20T10:00:00Z"])
        #expect(pin.status != 0 && pin.stderr.contains("--until: \"9999-12-31T23:59:59-23:59\" falls outside"), "\(pin.stderr)")
        let delay = try CLI.run(["snooze", s.inbox, "a", "4h", "--agent", "olga", "--now", "9999-12-31T22:00:00Z"])
        #expect(delay.status != 0 && delay.stderr.contains("\"4h\" falls outside the years 0000 to 9999"), "\(delay.stderr)")
        #expect(s.contents.split(separator: "\n").count == 5, "nothing written")
        // The last moment UTC can write is taken, and read back.
        let edge = try CLI.run(["snooze", s.inbox, "a", "9999-12-31T23:59:59.999Z", "--agent", "olga", "--now", "2026-11-20T10:00:00Z"])
        #expect(edge.status == 0, "\(edge.stderr)")
        #expect(s.lastRecord["until"] as? String == "9999-12-31T23:59:59.999Z")
        let check = try CLI.run(["check", s.inbox])
        #expect(check.status == 0, "\(check.stdout) \(check.stderr)")
    }

    /// The sample snoozes mail-2002 until 2026-11-23 09:00: the app's clock decides whether
    /// it is back in the queue.
    @Test func theAppRunsOnTheClockItIsGiven() throws {
        let s = try Scratch()
        let term = try TerminalSession(width: 120, height: 40, keeping: s)
        try term.run("\(CLI.binary.path) '\(s.inbox)' --agent olga --now 2026-11-23T09:30:00Z")
        try term.waitFor("[All 20]")
        try term.type("2")
        try term.waitFor("[Private 5]")
        #expect(term.screenText.contains("William T"), "the snoozed e-mail thread is back")
        try term.type("q")
        // The next command only once the app has given the terminal back.
        try term.waitUntil("the app to end") { _ in !term.alternateScreen }
        try term.run("SHIFTDESK_NOW=2026-11-22T09:30:00Z \(CLI.binary.path) '\(s.inbox)' --agent olga")
        try term.waitFor("[All 19]")
        try term.type("q")
    }
}
