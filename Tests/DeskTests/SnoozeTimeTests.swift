import Foundation
import Testing
@testable import Desk
import InboxFormat

/// The snooze menu's times, on the team's wall clock.
@Suite struct SnoozeTimeTests {
    let berlin = BusinessCalendar(timeZone: TimeZone(identifier: "Europe/Berlin")!, window: OpeningWindow("09:00-18:00")!,
                                  on: [.monday, .tuesday, .wednesday, .thursday, .friday])
    func t(_ text: String) -> Timestamp { Timestamp.parse(text)! }

    @Test func typedTimesAreTheTeamsLocalTimes() {
        let snooze = SnoozeTime(hours: berlin)
        let friday = t("2026-11-20T18:30:00Z")  // 19:30 in Berlin
        #expect(snooze.parse("17:30", now: friday) == t("2026-11-21T16:30:00Z"), "17:30 has passed in Berlin: tomorrow's")
        #expect(snooze.parse("20:00", now: friday) == t("2026-11-20T19:00:00Z"), "still to come today")
        #expect(snooze.parse("2026-10-25 09:00", now: friday) == t("2026-10-25T08:00:00Z"), "winter time from that night")
        #expect(snooze.parse("2026-10-24T09:00", now: friday) == t("2026-10-24T07:00:00Z"), "summer time the day before")
        #expect(snooze.parse("90m", now: friday) == t("2026-11-20T20:00:00Z"))
        #expect(snooze.parse("2d", now: friday) == t("2026-11-22T18:30:00Z"))
        #expect(snooze.parse("1h30m", now: friday) == t("2026-11-20T20:00:00Z"), "as the config writes a time")
        #expect(snooze.parse("1d 2h", now: friday) == t("2026-11-21T20:30:00Z"))
        #expect(snooze.parse("2026-11-21T10:00:00+01:00", now: friday) == t("2026-11-21T09:00:00Z"))
        #expect(snooze.parse("tomorrow 14:00", now: friday) == t("2026-11-21T13:00:00Z"), "the day said, even a Saturday")
        #expect(snooze.parse("Tomorrow  9:15", now: friday) == t("2026-11-21T08:15:00Z"))
        #expect(snooze.parse("today 20:00", now: friday) == t("2026-11-20T19:00:00Z"))
        #expect(snooze.parse("today 17:30", now: friday) == t("2026-11-20T16:30:00Z"), "past, for the caller to say so")
        for bad in ["", "soon", "25:00", "9:7", "2026-13-01 09:00", "0h", "-2h", "tomorrow noon", "tomorrow 25:00"] { #expect(snooze.parse(bad, now: friday) == nil, "\(bad)") }
    }

    @Test func tomorrowAndNextWeekAreOpeningTimes() {
        let snooze = SnoozeTime(hours: berlin)
        let friday = t("2026-11-20T18:30:00Z")
        #expect(snooze.parse("tomorrow", now: friday) == t("2026-11-23T08:00:00Z"), "the team is off at the weekend: Monday 09:00")
        let presets = snooze.presets(at: friday)
        #expect(presets.map(\.label) == ["1 hour", "4 hours", "next opening, Mon 09:00"], "next week is that same Monday 09:00: once")
        let thursday = t("2026-11-19T18:30:00Z")
        #expect(snooze.presets(at: thursday).map(\.label) == ["1 hour", "4 hours", "tomorrow, Fri 09:00", "next week, Mon 23 Nov 09:00"])
        let monday = t("2026-11-23T10:00:00Z")
        #expect(snooze.parse("next week", now: monday) == t("2026-11-30T08:00:00Z"), "on a Monday, the Monday after")
        #expect(snooze.presets(at: monday)[2].label == "tomorrow, Tue 09:00")
        let sunday = t("2026-11-22T12:00:00Z")
        #expect(snooze.parse("next week", now: sunday) == t("2026-11-23T08:00:00Z"))
        // At the end of the year 9999 only the times a record can hold are offered or taken.
        let last = t("9999-12-31T22:00:00Z")
        #expect(SnoozeTime().presets(at: last).map(\.label) == ["1 hour"])
        #expect(SnoozeTime().parse("4h", now: last) == nil && SnoozeTime().isBeyondTheInbox("4h", now: last))
        #expect(!SnoozeTime().isBeyondTheInbox("soon", now: last), "not a time at all")
        // Without hours: UTC, and mornings at 09:00.
        #expect(SnoozeTime().parse("tomorrow", now: friday) == t("2026-11-21T09:00:00Z"))
    }
}
