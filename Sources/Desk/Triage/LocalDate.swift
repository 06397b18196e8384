import InboxFormat

/// A date on the wall calendar (proleptic Gregorian), with no time and no zone: what a
/// holiday is, and the day a promise names.
///
/// Kept as a count of days since 1970-01-01 so that the business-hours clock can step
/// from day to day and compare with holidays without Foundation's `Calendar`; the year,
/// month and day are worked out when asked for, with the arithmetic the inbox's
/// timestamps are read with (`CivilCalendar`).
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public let dayNumber: Int

    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber: Int) { self.dayNumber = dayNumber }

    /// The date `year`-`month`-`day`; nil when there is no such day (2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, Int64(day) <= CivilCalendar.daysIn(month: Int64(month), year: Int64(year)) else { return nil }
        dayNumber = Int(CivilCalendar.days(fromYear: Int64(year), month: Int64(month), day: Int64(day)))
    }

    /// Reads "YYYY-MM-DD"; nil when it is not a date.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Year, month (1-12) and day (1-31).
    public var components: (year: Int, month: Int, day: Int) {
        let (y, m, d) = CivilCalendar.civil(fromDays: Int64(dayNumber))
        return (Int(y), Int(m), Int(d))
    }

    /// The day of the week.
    public var weekday: Weekday { Weekday.of(dayNumber: dayNumber) }

    /// The date `days` later (earlier when negative).
    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// "YYYY-MM-DD".
    public var description: String {
        let (y, m, d) = components
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(y)-\(two(m))-\(two(d))"
    }

    /// Earlier dates first.
    public static func < (a: Self, b: Self) -> Bool { a.dayNumber < b.dayNumber }
}
