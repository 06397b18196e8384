/// A moment as the team's wall clock shows it: a local date and a time of day.
public struct LocalTime: Sendable, Hashable, Comparable {
    /// The local date.
    public var date: LocalDate
    /// Minutes after local midnight, 0 to 1439.
    public var minutes: Int

    /// `minutes` after midnight on `date`.
    public init(date: LocalDate, minutes: Int) {
        self.date = date
        self.minutes = minutes
    }

    /// The hour, 0 to 23.
    public var hour: Int { minutes / 60 }
    /// The minute of the hour, 0 to 59.
    public var minute: Int { minutes % 60 }
    /// The day of the week.
    public var weekday: Weekday { date.weekday }

    /// "HH:MM", or "H:MM" without `leadingZero` (as Russian writes 9:00).
    public func clock(leadingZero: Bool = true) -> String {
        (leadingZero && hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute)
    }

    /// "Mon 09:00": the day of the week and the time, as short labels say a moment this week.
    public var dayAndClock: String { weekday.shortName.capitalized + " " + clock() }

    /// Earlier times first.
    public static func < (a: Self, b: Self) -> Bool { (a.date, a.minutes) < (b.date, b.minutes) }
}
