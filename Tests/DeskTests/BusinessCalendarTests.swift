import Foundation
import Testing
@testable import Desk
import InboxFormat

/// Business hours in Europe/Berlin: nights, weekends, holidays and both changes of the
/// clocks in 2026 (29 March, a 23-hour Sunday; 25 October, a 25-hour one). Every instant
/// is written with its offset, so each test says what the wall clock shows.
@Suite struct BusinessCalendarTests {
    static let berlinZone = TimeZone(identifier: "Europe/Berlin")!
    static let weekdays: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]
    /// 09:00-18:00 Monday to Friday, closed at Christmas.
    let office = BusinessCalendar(timeZone: berlinZone, window: OpeningWindow("09:00-18:00")!, on: weekdays,
                                  holidays: [LocalDate("2026-12-25")!, LocalDate("2026-12-26")!])

    func t(_ text: String) -> Timestamp { Timestamp.parse(text)! }

    @Test func theClockStopsOvernightAndOverTheWeekend() {
        // Tuesday 17:45 + 30 minutes: 15 today, 15 tomorrow morning.
        #expect(office.adding(minutes: 30, to: t("2026-11-17T17:45:00+01:00")) == t("2026-11-18T09:15:00+01:00"))
        // Friday 17:50 + 30: 10 on Friday, 20 on Monday.
        #expect(office.adding(minutes: 30, to: t("2026-11-20T17:50:00+01:00")) == t("2026-11-23T09:20:00+01:00"))
        // Saturday: nothing counts until Monday 09:00.
        #expect(office.adding(minutes: 15, to: t("2026-11-21T12:00:00+01:00")) == t("2026-11-23T09:15:00+01:00"))
        // Before opening, from opening; within the day, plainly.
        #expect(office.adding(minutes: 60, to: t("2026-11-17T06:00:00+01:00")) == t("2026-11-17T10:00:00+01:00"))
        #expect(office.adding(minutes: 60, to: t("2026-11-17T12:34:56+01:00")) == t("2026-11-17T13:34:56+01:00"))
        // Exactly to closing time stays at closing time.
        #expect(office.adding(minutes: 60, to: t("2026-11-17T17:00:00+01:00")) == t("2026-11-17T18:00:00+01:00"))
        // A day of open time is 24 hours of it: Monday 9 h, Tuesday 9 h, Wednesday 6 h.
        #expect(office.adding(minutes: 1440, to: t("2026-11-16T09:00:00+01:00")) == t("2026-11-18T15:00:00+01:00"))
        // Round the clock, the hours do not matter.
        #expect(office.adding(minutes: 30, to: t("2026-11-21T12:00:00+01:00"), roundTheClock: true) == t("2026-11-21T12:30:00+01:00"))
        #expect(office.adding(minutes: 0, to: t("2026-11-21T12:00:00+01:00")) == t("2026-11-21T12:00:00+01:00"))
    }

    @Test func holidaysAreClosedAllDay() {
        // Thursday 24 December 17:30 + 60: 30 minutes, then Friday (holiday), the weekend, Monday.
        #expect(office.adding(minutes: 60, to: t("2026-12-24T17:30:00+01:00")) == t("2026-12-28T09:30:00+01:00"))
        #expect(!office.isOpen(at: t("2026-12-25T10:00:00+01:00")))
        #expect(office.isOpen(at: t("2026-12-24T10:00:00+01:00")))
        #expect(office.nextOpening(after: t("2026-12-24T18:00:00+01:00")) == t("2026-12-28T09:00:00+01:00"))
        // A night shift that runs into a holiday ends at its midnight.
        let nights = BusinessCalendar(timeZone: Self.berlinZone, window: OpeningWindow("20:00-04:00")!, holidays: [LocalDate("2026-12-25")!])
        #expect(nights.isOpen(at: t("2026-12-24T23:59:00+01:00")))
        #expect(!nights.isOpen(at: t("2026-12-25T00:00:00+01:00")))
        #expect(nights.closing(after: t("2026-12-24T21:00:00+01:00")) == t("2026-12-25T00:00:00+01:00"))
        #expect(nights.isOpen(at: t("2026-12-26T03:00:00+01:00")) == false)
        #expect(nights.isOpen(at: t("2026-12-26T21:00:00+01:00")))
        // Weeks of holidays on the only open day: still found, not taken for "never".
        let mondays = BusinessCalendar(timeZone: Self.berlinZone, week: [.monday: OpeningWindow("09:00-10:00")!],
                                       holidays: [LocalDate("2026-11-23")!, LocalDate("2026-11-30")!, LocalDate("2026-12-07")!])
        #expect(mondays.nextOpening(after: t("2026-11-17T12:00:00+01:00")) == t("2026-12-14T09:00:00+01:00"))
        // A window in the hour the clocks skip comes an hour later that day; one that the
        // skipped hour swallows does not happen, and the next week's is the next.
        let skipped = BusinessCalendar(timeZone: Self.berlinZone, week: [.sunday: OpeningWindow("02:00-02:30")!])
        #expect(skipped.nextOpening(after: t("2026-03-28T12:00:00+01:00")) == t("2026-03-29T03:00:00+02:00"))
        #expect(skipped.closing(after: t("2026-03-28T12:00:00+01:00")) == t("2026-03-29T03:30:00+02:00"))
        let swallowed = BusinessCalendar(timeZone: Self.berlinZone, week: [.sunday: OpeningWindow("02:30-03:00")!])
        #expect(swallowed.nextOpening(after: t("2026-03-28T12:00:00+01:00")) == t("2026-04-05T02:30:00+02:00"))
    }

    @Test func openingStaysAtNineLocalAcrossTheChangesOfTheClocks() {
        // Friday before the spring change opens at 08:00 UTC, the Monday after at 07:00 UTC.
        #expect(office.nextOpening(after: t("2026-03-27T06:00:00Z")) == t("2026-03-27T08:00:00Z"))
        #expect(office.nextOpening(after: t("2026-03-28T12:00:00Z")) == t("2026-03-30T07:00:00Z"))
        #expect(office.adding(minutes: 30, to: t("2026-03-27T17:50:00+01:00")) == t("2026-03-30T09:20:00+02:00"))
        // Autumn: Friday opens at 07:00 UTC, Monday at 08:00 UTC.
        #expect(office.nextOpening(after: t("2026-10-23T00:00:00Z")) == t("2026-10-23T07:00:00Z"))
        #expect(office.adding(minutes: 30, to: t("2026-10-23T17:50:00+02:00")) == t("2026-10-26T09:20:00+01:00"))
        #expect(office.closing(after: t("2026-10-26T10:00:00+01:00")) == t("2026-10-26T17:00:00Z"))
        // Open every day: the Sunday of each change opens at 09:00 local too.
        let daily = BusinessCalendar(timeZone: Self.berlinZone, window: OpeningWindow("09:00-18:00")!)
        #expect(daily.adding(minutes: 30, to: t("2026-03-28T17:50:00+01:00")) == t("2026-03-29T09:20:00+02:00"))
        #expect(daily.adding(minutes: 30, to: t("2026-10-24T17:50:00+02:00")) == t("2026-10-25T09:20:00+01:00"))
    }

    @Test func aNightShiftIsAnHourShorterInSpringAndLongerInAutumn() {
        // Saturday 20:00 to Sunday 04:00, Saturdays only.
        let saturdayNights = BusinessCalendar(timeZone: Self.berlinZone, week: [.saturday: OpeningWindow("20:00-04:00")!])
        let spring = t("2026-03-28T20:00:00+01:00")
        #expect(saturdayNights.closing(after: spring) == t("2026-03-29T04:00:00+02:00"))
        #expect(saturdayNights.closing(after: spring)!.milliseconds - spring.milliseconds == 7 * 3_600_000)
        // Eight hours of open time: seven that night, one the next Saturday night.
        #expect(saturdayNights.adding(minutes: 8 * 60, to: spring) == t("2026-04-04T21:00:00+02:00"))
        let autumn = t("2026-10-24T20:00:00+02:00")
        #expect(saturdayNights.closing(after: autumn)!.milliseconds - autumn.milliseconds == 9 * 3_600_000)
        #expect(saturdayNights.adding(minutes: 9 * 60, to: autumn) == t("2026-10-25T04:00:00+01:00"))
        // The whole 23-hour Sunday, and the 25-hour one.
        let sundays = BusinessCalendar(timeZone: Self.berlinZone, week: [.sunday: OpeningWindow("00:00-24:00")!])
        #expect(sundays.closing(after: t("2026-03-29T12:00:00+02:00")) == t("2026-03-29T22:00:00Z"))
        #expect(sundays.adding(minutes: 24 * 60, to: t("2026-03-29T00:00:00+01:00")) == t("2026-04-05T01:00:00+02:00"))
        #expect(sundays.adding(minutes: 25 * 60, to: t("2026-10-25T00:00:00+02:00")) == t("2026-10-26T00:00:00+01:00"))
    }

    @Test func localTimesThatTheClocksSkipOrRepeat() {
        // 02:30 on 29 March never happens: it is taken as 03:30 summer time.
        #expect(office.timestamp(LocalTime(date: LocalDate("2026-03-29")!, minutes: 150)) == t("2026-03-29T01:30:00Z"))
        // 02:30 on 25 October happens twice: the first.
        #expect(office.timestamp(LocalTime(date: LocalDate("2026-10-25")!, minutes: 150)) == t("2026-10-25T00:30:00Z"))
        #expect(office.local(t("2026-03-29T01:30:00Z")) == LocalTime(date: LocalDate("2026-03-29")!, minutes: 210))
        #expect(office.local(t("2026-10-25T01:30:00Z")) == LocalTime(date: LocalDate("2026-10-25")!, minutes: 150))
        #expect(office.local(t("2026-10-25T01:30:00Z")).clock() == "02:30")
        #expect(office.localDate(t("2026-12-31T23:30:00Z")) == LocalDate("2027-01-01"))
        #expect(office.local(t("2026-12-31T23:30:00Z")).weekday == .friday)
    }

    @Test func localTimeAgreesWithFoundationInManyZones() {
        let zones = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "Europe/Moscow", "Pacific/Chatham"]
        for id in zones {
            let zone = TimeZone(identifier: id)!
            let calendar = BusinessCalendar(timeZone: zone, window: .allDay)
            var gregorian = Calendar(identifier: .gregorian)
            gregorian.timeZone = zone
            // Every 7 hours and 13 minutes from 2010 to 2030: all hours of the day, both seasons.
            var ms: Int64 = 1_262_304_000_000
            while ms < 1_893_456_000_000 {
                let date = Date(timeIntervalSince1970: Double(ms) / 1000)
                let c = gregorian.dateComponents([.year, .month, .day, .hour, .minute], from: date)
                let local = calendar.local(Timestamp(milliseconds: ms))
                let (y, m, d) = local.date.components
                if (y, m, d, local.hour, local.minute) != (c.year!, c.month!, c.day!, c.hour!, c.minute!) {
                    Issue.record("\(id) \(ms): \(local.date) \(local.clock()) vs \(c)")
                    break
                }
                ms += 26_580_000
            }
        }
    }

    @Test func whenTheTeamIsNextAtWorkAndStops() {
        #expect(office.nextOpening(after: t("2026-11-17T10:00:00+01:00")) == t("2026-11-17T10:00:00+01:00"))
        #expect(office.nextOpening(after: t("2026-11-17T18:00:00+01:00")) == t("2026-11-18T09:00:00+01:00"))
        #expect(office.nextOpening(after: t("2026-11-20T18:30:00+01:00")) == t("2026-11-23T09:00:00+01:00"))
        #expect(office.closing(after: t("2026-11-17T10:00:00+01:00")) == t("2026-11-17T18:00:00+01:00"))
        #expect(office.closing(after: t("2026-11-21T10:00:00+01:00")) == t("2026-11-23T18:00:00+01:00"))
        // Every hour: open at once, never closing.
        #expect(BusinessCalendar.always.isOpen(at: t("2026-11-21T03:00:00Z")))
        #expect(BusinessCalendar.always.closing(after: t("2026-11-21T03:00:00Z")) == nil)
        #expect(BusinessCalendar.always.adding(minutes: 90, to: t("2026-11-21T03:00:00Z")) == t("2026-11-21T04:30:00Z"))
        // Seven whole days that touch are open for ever too; one holiday ends the run.
        let nonstop = BusinessCalendar(timeZone: Self.berlinZone, window: OpeningWindow("06:00-06:00")!)
        #expect(nonstop.closing(after: t("2026-11-21T03:00:00Z")) == nil)
        let withHoliday = BusinessCalendar(timeZone: Self.berlinZone, window: .allDay, holidays: [LocalDate("2026-12-25")!])
        #expect(withHoliday.closing(after: t("2026-11-21T03:00:00Z")) == t("2026-12-25T00:00:00+01:00"))
        // A calendar that never opens.
        let never = BusinessCalendar(week: [:])
        #expect(never.nextOpening(after: t("2026-11-21T03:00:00Z")) == nil)
        #expect(!never.isOpen(at: t("2026-11-21T03:00:00Z")))
        #expect(never.adding(minutes: 5, to: t("2026-11-21T03:00:00Z")).milliseconds == .max)
    }

    @Test func datesAndDays() {
        #expect(LocalDate("2026-02-29") == nil && LocalDate("2026-13-01") == nil && LocalDate("26-01-01") == nil)
        #expect(LocalDate("2024-02-29")?.description == "2024-02-29")
        #expect(LocalDate("1970-01-01")?.dayNumber == 0 && LocalDate("1969-12-31")?.dayNumber == -1)
        #expect(LocalDate("2026-03-29")?.weekday == .sunday && LocalDate("2026-11-16")?.weekday == .monday)
        #expect(LocalDate(dayNumber: -1).weekday == .wednesday)
        #expect(Weekday(shortName: "SAT") == .saturday && Weekday(shortName: "saturday") == nil)
        #expect(OpeningWindow("9:30-17:00")?.description == "09:30-17:00" && OpeningWindow("09:00") == nil)
    }

    @Test func equalityIsZoneWeekAndHolidays() {
        let a = BusinessCalendar(timeZone: Self.berlinZone, window: OpeningWindow("09:00-18:00")!, on: Self.weekdays)
        #expect(a == BusinessCalendar(timeZone: Self.berlinZone, week: Dictionary(uniqueKeysWithValues: Self.weekdays.map { ($0, OpeningWindow("09:00-18:00")!) })))
        #expect(a != office)
        #expect(a != BusinessCalendar(window: OpeningWindow("09:00-18:00")!, on: Self.weekdays))
    }
}
