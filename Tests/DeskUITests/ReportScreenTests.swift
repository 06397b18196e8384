import Foundation
import Testing
@testable import DeskUI
import Desk
import InboxFormat
import InboxStore
import TestSupport

/// `w`: the shift report on the whole screen, following the inbox, mine or the team's.
@Suite struct ReportScreenTests {
    let noon = Timestamp.parse(ShortShift.until)!

    func app(height: Int = 40) throws -> TestApp {
        // Without the message after noon: the app shows the file as it is, not as of a time.
        let scratch = try ScratchInbox(lines: ShortShift.lines.filter { !$0.contains(#""id":"m11""#) })
        // From 09:00, so the figures are the ones counted by hand (the app starts at midnight).
        let log = ReportLog(since: Timestamp.parse(ShortShift.since)!)
        var s = try TestApp(path: scratch.path, width: 100, height: height, now: noon, report: log)
        s.scratch = scratch
        s.hours = BusinessCalendar(timeZone: TimeZone(identifier: "UTC")!, window: .allDay)
        return s
    }

    /// The screen's text with every run of spaces made one: columns line up by width, and
    /// the test reads the words.
    func words(_ text: String) -> String {
        text.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }.joined(separator: "\n")
    }

    @Test func wShowsTheReportAndEscGoesBack() throws {
        var s = try app()
        reduce(&s, .key(.char("w")))
        #expect(s.mode == .report)
        let screen = render(s).text
        #expect(screen.contains("Shift report · 2026-11-20 09:00–12:00"))
        #expect(words(screen).contains("Threads resolved 2 0 2"))
        #expect(words(screen).contains("First response, median 20m 1h 05m 20m"))
        #expect(words(screen).contains("olga 2 1 1 1 2 1h 10m"))
        reduce(&s, .key(.escape))
        #expect(s.mode == .queue && s.reportScreen == nil)
        #expect(!render(s).text.contains("Shift report"))
    }

    @Test func theHandoverIsAtTheEndAndScrollsIntoView() throws {
        var s = try app(height: 20)
        reduce(&s, .key(.char("w")))
        #expect(!render(s).text.contains("Handover:"), "a short screen shows the figures first")
        #expect(render(s).text.contains("more · j/k PgDn scroll"))
        reduce(&s, .key(.char("G")))
        let end = render(s).text
        #expect(end.contains("Handover: 1 open, 1 snoozed"))
        #expect(end.contains("t3 · waiting 40m (overdue 10m) · twitter public · Carl · owner ivan"))
        #expect(end.contains("note (ivan, Fri 11:26): asked for the phone model"))
        #expect(end.contains("t4 · snoozed until Fri 13:00"))
        reduce(&s, .key(.char("g")))
        #expect(render(s).text.contains("Shift report"))
    }

    @Test func mNarrowsItToMyWorkAndBack() throws {
        var s = try app()
        reduce(&s, .key(.char("w")))
        reduce(&s, .key(.char("m")))
        let mine = render(s).text
        #expect(mine.contains("Shift report for olga"))
        #expect(words(mine).contains("Messages out 1 1 2"))
        #expect(mine.contains("Handover: 0 open, 0 snoozed (owned by olga)"))
        reduce(&s, .key(.char("m")))
        #expect(words(render(s).text).contains("Messages out 2 2 4"))
    }

    @Test func aNewRecordShowsInTheOpenReport() throws {
        var s = try app()
        reduce(&s, .key(.char("w")))
        #expect(s.reportScreen?.report.total.threadsResolved == 2)
        try s.apply([.append(RecordWriter(agent: "ivan", now: { noon }).resolve(thread: "t3"))])
        #expect(s.mode == .report)
        // Worked out at most once a second (on a backlog it walks every open thread): the
        // clock's next second brings it in.
        #expect(s.reportScreen?.stale == true && s.reportScreen?.report.total.threadsResolved == 2)
        reduce(&s, .tick(Timestamp(milliseconds: noon.milliseconds + 1000)))
        #expect(s.reportScreen?.report.total.threadsResolved == 3)
        #expect(render(s).text.contains("Handover: 0 open, 1 snoozed"))
    }

    @Test func theKeyIsInTheHelp() throws {
        var s = try app()
        reduce(&s, .key(.char("?")))
        #expect(words(render(s).text).contains("w Shift report; handover"))
    }

    @Test func theEndOfAWholeDayScrollsIntoViewAtAnyWidth() throws {
        let scratch = try ScratchInbox(lines: ShortShift.lines.filter { !$0.contains(#""id":"m11""#) })
        let late = Timestamp.parse("2026-11-20T23:30:00Z")!
        for width in [60, 81, 82, 83, 100] {
            var s = try TestApp(path: scratch.path, width: width, height: 20, now: late,
                                report: ReportLog(since: Timestamp.parse("2026-11-20T00:00:00Z")!))
            reduce(&s, .key(.char("w")))
            reduce(&s, .key(.char("G")))
            let screen = render(s).text
            #expect(screen.contains("t4 · open"), "width \(width): the last thread of the handover shows")
            #expect(!screen.contains("more ·"), "width \(width): nothing is left below")
        }
    }
}
