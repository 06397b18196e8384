import InboxFormat

/// Local time in the calendar's zone, for phrases that name a day and a time.
extension BusinessCalendar {
    /// `time` on the team's wall clock (seconds dropped).
    public func local(_ time: Timestamp) -> LocalTime {
        let t = time.milliseconds
        let local = t + zone.offset(at: t)
        let day = localDay(t)
        let minutes = Int((local - Int64(day) * ZoneOffsets.day) / 60_000)
        return LocalTime(date: LocalDate(dayNumber: day), minutes: minutes)
    }

    /// The local date `time` falls on.
    public func localDate(_ time: Timestamp) -> LocalDate { LocalDate(dayNumber: localDay(time.milliseconds)) }

    /// The instant the wall clock shows `time` (the first time, on the night the clocks go
    /// back; as far past the change as meant, in the hour they skip).
    public func timestamp(_ time: LocalTime) -> Timestamp {
        Timestamp(milliseconds: zone.utc(local: Int64(time.date.dayNumber) * ZoneOffsets.day + Int64(time.minutes) * 60_000))
    }
}
