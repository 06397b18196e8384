import Foundation
import Testing
@testable import Desk
import InboxFormat
import InboxStore
import TestSupport

/// The shift report's figures on a shift small enough to count by hand (`ShortShift`
/// says what happens and what each figure must be).
@Suite struct ShiftReportTests {
    let minute: Int64 = 60_000
    let utc = TimeZone(identifier: "UTC")!

    func t(_ text: String) -> Timestamp { Timestamp.parse(text)! }

    /// The report of `ShortShift` from `since` to `until`, with business hours when given.
    func report(_ lines: [String] = ShortShift.lines, hours: BusinessCalendar? = nil, agent: String? = nil,
                since: String = ShortShift.since, until: String = ShortShift.until, zone: TimeZone? = nil,
                handoverLimit: Int? = nil) throws -> ShiftReport {
        let path = NSTemporaryDirectory() + "report-\(UUID().uuidString).jsonl"
        try (lines.map { $0 + "\n" }.joined()).write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let triage = Triage(classifier: nil, calendar: hours ?? .always)
        let log = ReportLog(since: t(since), until: t(until))
        let inbox = try Inbox(path: path, classifiers: triage.classifiers, projections: triage.projections + [log], asOf: t(until))
        triage.afterLoad(in: inbox)
        return ShiftReport(log: log, inbox: inbox, triage: triage, until: t(until), hours: hours, localZone: zone ?? utc, agent: agent,
                           handoverLimit: handoverLimit)
    }

    /// A message line on 2026-11-20 at `hhmm` (UTC).
    func message(_ id: String, _ hhmm: String, _ thread: String, _ direction: String, agent: String? = nil, extra: String = "") -> String {
        let who = direction == "in" ? "cust-\(thread)" : "shop"
        let agentField = agent.map { #","agent":"\#($0)""# } ?? ""
        return #"{"type":"message","id":"\#(id)","at":"2026-11-20T\#(hhmm):00Z","thread":"\#(thread)","channel":"chat","visibility":"private","direction":"\#(direction)","author":{"id":"\#(who)"}\#(agentField)\#(extra),"text":"hi"}"#
    }

    func action(_ type: String, _ id: String, _ hhmm: String, _ thread: String, extra: String = "") -> String {
        #"{"type":"\#(type)","id":"\#(id)","at":"2026-11-20T\#(hhmm):00Z","thread":"\#(thread)","agent":"olga"\#(extra)}"#
    }

    @Test func countsMessagesAndThreadsOnEachSide() throws {
        let r = try report()
        #expect((r.publicSide.messagesIn, r.privateSide.messagesIn, r.total.messagesIn) == (2, 3, 5))
        #expect((r.publicSide.messagesOut, r.privateSide.messagesOut, r.total.messagesOut) == (2, 2, 4))
        #expect((r.publicSide.threadsOpened, r.privateSide.threadsOpened) == (1, 2))
        #expect((r.publicSide.threadsReopened, r.privateSide.threadsReopened) == (1, 0))
        #expect((r.publicSide.threadsResolved, r.privateSide.threadsResolved) == (2, 0))
        #expect(r.unresolved == ShiftReport.Unresolved(open: 1, waiting: 1, snoozed: 1, overdue: 1))
    }

    @Test func firstResponseAndResolutionTimesOnTheWallClock() throws {
        let r = try report()
        #expect(r.publicSide.firstResponse == DurationFigures([20 * minute]))
        #expect(r.publicSide.firstResponse.median == 20 * minute)
        // Private: 10 min (the connector's reply) and 2 h: the median is their mean.
        #expect(r.privateSide.firstResponse.count == 2)
        #expect(r.privateSide.firstResponse.median == 65 * minute)
        #expect(r.privateSide.firstResponse.p90 == 120 * minute)
        #expect(r.total.firstResponse.median == 20 * minute)
        #expect(r.total.firstResponse.p90 == 120 * minute)
        // The re-opened thread's second resolution counts from the re-opening.
        #expect(r.publicSide.resolution.median == 50 * minute)
        #expect(r.publicSide.resolution.p90 == 60 * minute)
        #expect(r.privateSide.resolution.count == 0 && r.privateSide.resolution.median == nil)
        #expect(!r.businessHours)
    }

    @Test func businessHoursStopTheClockBeforeOpening() throws {
        let hours = BusinessCalendar(timeZone: utc, window: OpeningWindow("09:00-17:00")!,
                                     on: [.monday, .tuesday, .wednesday, .thursday, .friday])
        let r = try report(hours: hours)
        // Anna wrote at 08:50; the team opens at 09:00.
        #expect(r.publicSide.firstResponse.median == 10 * minute)
        #expect(r.publicSide.resolution.p90 == 60 * minute)
        #expect(r.publicSide.resolution.median == 45 * minute)
        #expect(r.businessHours)
    }

    @Test func aLateAnswerIsABreach() throws {
        let r = try report()
        #expect((r.publicSide.slaBreaches, r.privateSide.slaBreaches, r.total.slaBreaches) == (1, 0, 1))
    }

    @Test func repliesAndResolvesPerAgent() throws {
        let r = try report()
        #expect(r.agents.map(\.agent) == ["olga", "ivan"])
        let olga = r.agents[0], ivan = r.agents[1]
        #expect((olga.replies, olga.publicReplies, olga.privateReplies, olga.resolved, olga.firstResponses) == (2, 1, 1, 1, 2))
        #expect(olga.firstResponseMedian == 70 * minute)
        #expect((ivan.replies, ivan.resolved, ivan.firstResponses) == (1, 1, 0))
        #expect(ivan.firstResponseMedian == nil)
    }

    @Test func templatesAndHowMuchTheyWereEdited() throws {
        let r = try report()
        #expect((r.repliesFromTemplates, r.repliesWrittenFresh) == (2, 1))
        #expect((r.measuredTemplateReplies, r.untouchedTemplateReplies, r.medianEdit) == (2, 1, 6))
        #expect(r.templates == [
            ShiftReport.TemplateFigures(template: "ack", uses: 1, measured: 1, untouched: 1, medianEdit: 0),
            ShiftReport.TemplateFigures(template: "refund", uses: 1, measured: 1, untouched: 0, medianEdit: 12),
        ])
    }

    @Test func volumePerHour() throws {
        let r = try report()
        #expect(r.hours.map(\.local.hour) == [9, 10, 11, 12])
        #expect(r.hours.map(\.messagesIn) == [3, 1, 1, 0])
        #expect(r.hours.map(\.messagesOut) == [2, 1, 1, 0])
        #expect(r.hours[0].start == t("2026-11-20T09:00:00Z"))
    }

    @Test func hoursFollowTheZoneOfTheReport() throws {
        let hours = BusinessCalendar(timeZone: TimeZone(identifier: "Europe/Moscow")!, window: .allDay)
        let r = try report(hours: hours)
        // 09:00 UTC is 12:00 in Moscow.
        #expect(r.hours.map(\.local.hour) == [12, 13, 14, 15])
    }

    @Test func theHandoverListsOpenThenSnoozedWithOwnerAndLastNote() throws {
        let r = try report()
        #expect(r.handover.map(\.thread) == ["t3", "t4"])
        let carl = r.handover[0]
        #expect(carl.owner == "ivan" && carl.status == .open)
        #expect(carl.lastNote?.text == "asked for the phone model")
        #expect(carl.waitingSince == t("2026-11-20T11:20:00Z"))
        #expect(carl.overdueSince == t("2026-11-20T11:50:00Z"))
        let dee = r.handover[1]
        #expect(dee.status == .snoozed && dee.snoozedUntil == t("2026-11-20T13:00:00Z") && dee.owner == nil)
    }

    @Test func byOneAgentKeepsWhatTheyDid() throws {
        let olga = try report(agent: "olga")
        #expect(olga.total.messagesOut == 2)
        #expect(olga.total.threadsResolved == 1)
        #expect(olga.total.firstResponse.count == 2 && olga.total.slaBreaches == 0)
        #expect(olga.total.messagesIn == 5, "customers' messages stay the whole inbox's")
        #expect(olga.handover.isEmpty && olga.unresolved.open == 0)
        let ivan = try report(agent: "ivan")
        #expect(ivan.total.messagesOut == 1 && ivan.total.slaBreaches == 1)
        #expect(ivan.handover.map(\.thread) == ["t3"])
        #expect(ivan.hours.map(\.messagesOut) == [0, 1, 0, 0])
        let nobody = try report(agent: "zoe")
        #expect(nobody.total.messagesOut == 0 && nobody.agents.isEmpty)
    }

    @Test func anEarlierEndShowsTheThreadsAsTheyStoodThen() throws {
        let r = try report(until: "2026-11-20T10:30:00Z")
        // At 10:30 Anna's second message waits, Bob's too; Dee's thread sleeps.
        #expect(r.unresolved.open == 2)
        #expect(r.total.threadsResolved == 1)
        #expect(r.handover.map(\.thread) == ["t2", "t1", "t4"])
    }

    @Test func percentilesOfAnEvenAndAnOddCount() {
        let ten = DurationFigures((1...10).map { Int64($0) })
        #expect(ten.median == 5 && ten.p90 == 9)
        let three = DurationFigures([30, 10, 20])
        #expect(three.median == 20 && three.p90 == 30)
        #expect(DurationFigures([]).median == nil)
    }

    @Test func editDistanceCountsCharactersChanged() {
        #expect(EditDistance.between("Hi Anna, sorry.", "Hi Anna, sorry.") == 0)
        #expect(EditDistance.between("Hi {{name}}", "Hi Anna") == 6)
        #expect(EditDistance.between("Спасибо!", "Спасибо, Анна!") == 6)
        #expect(EditDistance.between("  same  \n", "same") == 0)
        #expect(EditDistance.between("kitten", "sitting") == 3)
    }

    @Test func openTimeBetweenTwoInstants() {
        let office = BusinessCalendar(timeZone: utc, window: OpeningWindow("09:00-17:00")!,
                                      on: [.monday, .tuesday, .wednesday, .thursday, .friday])
        // Friday 16:00 to Monday 10:00: one hour on Friday, one on Monday.
        #expect(office.openMilliseconds(from: t("2026-11-20T16:00:00Z"), to: t("2026-11-23T10:00:00Z")) == 120 * minute)
        #expect(office.openMilliseconds(from: t("2026-11-21T10:00:00Z"), to: t("2026-11-22T10:00:00Z")) == 0)
        #expect(BusinessCalendar.always.openMilliseconds(from: t("2026-11-21T10:00:00Z"), to: t("2026-11-22T10:00:00Z")) == 24 * 60 * minute)
    }

    @Test func reportTimesAsALeadTypesThem() {
        let now = t("2026-11-20T15:00:00Z")
        let moscow = TimeZone(identifier: "Europe/Moscow")!
        #expect(ReportWindow.time("08:00", now: now, zone: moscow) == t("2026-11-20T05:00:00Z"))
        #expect(ReportWindow.time("2026-11-19", now: now, zone: utc) == t("2026-11-19T00:00:00Z"))
        #expect(ReportWindow.time("2026-11-19T10:00:00+03:00", now: now, zone: utc) == t("2026-11-19T07:00:00Z"))
        #expect(ReportWindow.time("25:00", now: now, zone: utc) == nil)
        #expect(ReportWindow.time("yesterday", now: now, zone: utc) == nil)
        #expect(ReportWindow.startOfDay(at: t("2026-11-20T22:30:00Z"), zone: moscow) == t("2026-11-20T21:00:00Z"))
    }

    @Test func theTextShowsTheFiguresAndTheChart() throws {
        let lines = ReportText(width: 80).lines(try report()).map(\.text)
        #expect(lines.contains { $0.hasPrefix("First response, median") && $0.hasSuffix("20m    1h 05m       20m") })
        #expect(lines.contains { $0.hasPrefix("in     5") && $0.contains("██") })
        #expect(lines.contains("Handover: 1 open, 1 snoozed"))
        #expect(lines.contains { $0.contains("note (ivan, Fri 11:26): asked for the phone model") })
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 80 })
    }

    @Test func inAThreadTheCompanyStartedTheFirstAnswerIsTheFirstResponse() throws {
        let r = try report([
            message("c1", "09:00", "out1", "out", agent: "olga"),
            message("c2", "09:10", "out1", "in"),
            message("c3", "09:20", "out1", "out", agent: "olga"),
        ])
        #expect(r.total.firstResponse.count == 1 && r.total.firstResponse.median == 10 * minute)
        #expect(r.agents.first?.firstResponses == 1)
    }

    @Test func aReopenOrASnoozeAfterAResolveStartsANewStretch() throws {
        let lines = [
            message("a1", "09:00", "r1", "in"),
            action("resolve", "a2", "09:05", "r1"),
            action("reopen", "a3", "09:30", "r1"),
            action("resolve", "a4", "09:50", "r1"),
            message("b1", "09:00", "s1", "in"),
            action("resolve", "b2", "09:10", "s1"),
            action("snooze", "b3", "09:20", "s1", extra: #","until":"2026-11-20T09:30:00Z""#),
            action("resolve", "b4", "10:00", "s1"),
        ]
        let r = try report(lines)
        #expect(r.total.threadsResolved == 4 && r.total.threadsReopened == 2)
        // 5 and 10 minutes from the first messages; 20 from the reopen, 40 from the snooze.
        #expect(r.total.resolution == DurationFigures([5, 10, 20, 40].map { $0 * minute }))
        // At 09:45 the snooze has ended: open again, as the queue has it.
        let earlier = try report(lines, until: "2026-11-20T09:45:00Z")
        #expect(earlier.handover.map(\.thread) == ["r1", "s1"])
    }

    @Test func aResolveNamingAThreadBeforeItsFirstMessage() throws {
        let r = try report([
            action("resolve", "x0", "08:00", "early"),
            message("x1", "09:10", "early", "in"),
            message("x2", "09:20", "early", "out", agent: "olga"),
        ])
        #expect(r.total.threadsOpened == 1 && r.total.threadsReopened == 0)
        #expect(r.total.firstResponse.median == 10 * minute)
    }

    @Test func aTemplateEditThatIsNoMeasureCountsAsMissing() throws {
        let r = try report([
            message("e1", "09:00", "e", "in"),
            message("e2", "09:10", "e", "out", agent: "olga", extra: #","template":"ack","template_edit":99999999999"#),
            message("e3", "09:20", "e", "out", agent: "olga", extra: #","template":"ack","template_edit":-3"#),
            message("e4", "09:30", "e", "out", agent: "olga", extra: #","template":"ack","template_edit":"7""#),
            message("e5", "09:40", "e", "out", agent: "olga", extra: #","template":"ack","template_edit":4"#),
        ])
        #expect(r.repliesFromTemplates == 4 && r.measuredTemplateReplies == 1 && r.medianEdit == 4)
    }

    @Test func theHourTheClocksSkipHasNoRow() throws {
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        // 2026-03-29: clocks go from 02:00 to 03:00 in Berlin.
        let r = try report([], since: "2026-03-29T00:00:00+01:00", until: "2026-03-29T05:00:00+02:00", zone: berlin)
        #expect(r.hours.map(\.local.hour) == [0, 1, 3, 4, 5])
        #expect(Set(r.hours.map(\.start)).count == r.hours.count)
    }

    @Test func hoursBefore1970AndWindowsOfYears() throws {
        let r = try report([], since: "1969-12-31T22:00:00Z", until: "1970-01-01T01:00:00Z")
        #expect(r.hours.map(\.local.hour) == [22, 23, 0, 1])
        #expect(r.hours.first?.local.date.description == "1969-12-31")
        let years = try report(ShortShift.lines, since: "2023-01-01T00:00:00Z")
        #expect(years.hours.count == 366 * 24, "the last year of hours")
        #expect(years.hours.last?.local.hour == 12 && years.hours.last?.local.date.description == "2026-11-20")
        #expect(years.hours.reduce(0) { $0 + $1.messagesIn } == years.total.messagesIn, "every message of the window is within its last year")
    }

    @Test func aWaitFromYearOneIsMeasuredWithoutWalkingEveryDay() {
        let office = BusinessCalendar(timeZone: utc, window: OpeningWindow("09:00-17:00")!,
                                      on: [.monday, .tuesday, .wednesday, .thursday, .friday])
        let open = office.openMilliseconds(from: t("0001-01-01T00:00:00Z"), to: t("2026-11-20T12:00:00Z"))
        // About 40 open hours a week for 2,026 years.
        let weeks = Double(open) / Double(40 * 60 * minute)
        #expect(weeks > 2026 * 52 * 0.98 && weeks < 2026 * 53)
        // Two years and under: exact, as the always-open calendar shows.
        #expect(BusinessCalendar.always.openMilliseconds(from: t("2024-11-20T12:00:00Z"), to: t("2026-11-20T12:00:00Z"))
                == t("2026-11-20T12:00:00Z").milliseconds - t("2024-11-20T12:00:00Z").milliseconds)
    }

    @Test func editsCountCharactersAsAReaderSeesThem() {
        #expect(EditDistance.between("café", "cafe\u{301}") == 0, "the same letter, composed or not")
        #expect(EditDistance.between("Thanks 👍", "Thanks 👍🏽") == 1, "a skin tone changes one character")
        let long = String(repeating: "a", count: 5000)
        #expect(EditDistance.between(long, String(repeating: "b", count: 5000)) == 5000, "past the budget: the longer part")
    }

    @Test func aLimitedHandoverListsTheFirstAndCountsThemAll() throws {
        let r = try report(handoverLimit: 1)
        #expect(r.handover.map(\.thread) == ["t3"])
        #expect((r.unresolved.open, r.unresolved.snoozed) == (1, 1))
        let text = ReportText().handover(r).map(\.text)
        #expect(text.first == "Handover: 1 open, 1 snoozed")
        #expect(text.last == "  … and 1 more: shiftdesk report --handover lists them all")
    }
}
