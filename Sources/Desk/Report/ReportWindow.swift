import Foundation
import InboxFormat

/// The times a shift report covers, as a lead types them: an RFC 3339 time, a date
/// (`2026-11-29`: its midnight), or a time of day (`08:00`: today's) on the report zone's
/// wall clock. The default is today, from midnight to now.
public enum ReportWindow {
    /// The instant `text` names, reading dates and times of day in `zone` with `now`
    /// deciding what "today" is; nil when it is none of the three forms.
    public static func time(_ text: String, now: Timestamp, zone: TimeZone) -> Timestamp? {
        if let t = Timestamp.parse(text) { return t }
        let wall = BusinessCalendar(timeZone: zone, window: .allDay)
        if let date = LocalDate(text) { return wall.timestamp(LocalTime(date: date, minutes: 0)) }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let h = Int(parts[0]), let m = Int(parts[1]), h < 24, m < 60 else { return nil }
        return wall.timestamp(LocalTime(date: wall.localDate(now), minutes: h * 60 + m))
    }

    /// Midnight of the day `now` falls on, in `zone`: where a report starts by default.
    public static func startOfDay(at now: Timestamp, zone: TimeZone) -> Timestamp {
        let wall = BusinessCalendar(timeZone: zone, window: .allDay)
        return wall.timestamp(LocalTime(date: wall.localDate(now), minutes: 0))
    }

    /// The zone a report shows hours in: the business hours' when set, else the system's.
    public static func zone(hours: BusinessCalendar?) -> TimeZone { hours?.timeZone ?? .current }
}
