import InboxFormat

/// A promise to answer by `due`, said so that it can be kept: the `{{response_time}}` of a
/// template. The team's calendar says when "tomorrow" is and whether it is at work.
///
/// The due time is rounded up to the next 5 minutes. Then, from the nearest:
/// - under an hour away with the team at work the whole time: "within 20 minutes" /
///   "в течение 20 минут";
/// - the team is off now (after hours, a weekend, a holiday) and the answer is due on the
///   day it comes back: the opening time, "tomorrow after 09:00" / "завтра после 9:00";
/// - later the same day: "by 11:30" / "до 11:30"; the next day "tomorrow by 09:30" /
///   "завтра до 9:30"; within the week "on Monday by 10:00" / "в понедельник до 10:00";
///   later still, the date: "on 2 January by 10:00" / "2 января до 10:00".
///
/// An answer already overdue is promised as soon as the team is at work. Times are the
/// team's local times. A clock that ignores business hours (urgent, round the clock) is
/// promised on the calendar's ``BusinessCalendar/roundTheClock``, which keeps its zone.
public struct ResponsePromise: Sendable, Equatable {
    /// When the answer is due (an ``SLAClock``'s `due`).
    public var due: Timestamp
    /// The hours the clock ran on: they say when "tomorrow" is and whether the team is in.
    public var calendar: BusinessCalendar

    /// A promise of `due` on `calendar` (every hour, UTC, by default).
    public init(due: Timestamp, calendar: BusinessCalendar = .always) {
        self.due = due
        self.calendar = calendar
    }

    /// The phrase for `{{response_time}}` in a template of `language` ("ru" is Russian,
    /// any other English), said at `now`.
    public func phrase(now: Timestamp, language: String) -> String {
        let words = PromiseWords(language: language)
        let opening = calendar.nextOpening(after: now)
        var due = self.due
        if due <= now { due = opening ?? now }
        let today = calendar.localDate(now)
        if !calendar.isOpen(at: now), let opening, opening <= due, calendar.localDate(due) == calendar.localDate(opening) {
            let back = calendar.local(opening)
            return words.after(words.day(back.date, from: today), words.clock(back))
        }
        let fiveMinutes: Int64 = 300_000
        let away = due.milliseconds - now.milliseconds
        if away <= 60 * 60_000, calendar.isOpen(at: now), calendar.closing(after: now).map({ $0 >= due }) ?? true {
            let minutes = Int(max(1, (away + fiveMinutes - 1) / fiveMinutes) * 5)
            return words.within(minutes: minutes)
        }
        let rounded = Self.roundedUp(calendar.local(due), seconds: due.milliseconds % 60_000 != 0)
        return words.by(words.day(rounded.date, from: today), words.clock(rounded))
    }

    /// The phrase for `{{opening_time}}`: when the team is next back at work, as the
    /// after-hours templates say it: "at 09:00", "tomorrow at 09:00", "on Monday at
    /// 09:00" / "в 9:00", "завтра в 9:00", "в понедельник в 9:00". While the team is at
    /// work, its next opening after this period; "at" now for a team that never stops.
    public static func openingTime(now: Timestamp, calendar: BusinessCalendar, language: String) -> String {
        let words = PromiseWords(language: language)
        var back = calendar.nextOpening(after: now) ?? now
        if back == now, let closing = calendar.closing(after: now) { back = calendar.nextOpening(after: closing) ?? now }
        let time = calendar.local(back)
        return words.at(words.day(time.date, from: calendar.localDate(now)), words.clock(time))
    }

    /// The wall-clock time up to the next multiple of 5 minutes (a started minute counts).
    static func roundedUp(_ time: LocalTime, seconds: Bool) -> LocalTime {
        let minutes = time.minutes + (seconds ? 1 : 0)
        let rounded = (minutes + 4) / 5 * 5
        return rounded >= 1440 ? LocalTime(date: time.date.adding(days: 1), minutes: rounded - 1440) : LocalTime(date: time.date, minutes: rounded)
    }
}
