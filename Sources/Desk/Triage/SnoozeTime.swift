import Foundation
import InboxFormat

/// Until when a thread is snoozed: the menu's presets and what an agent types.
///
/// Local times are the team's (the business calendar's zone, UTC without one); "tomorrow"
/// and "next week" mean when the team opens then, 09:00 when no hours are set.
public struct SnoozeTime: Sendable {
    /// The team's time zone.
    public var zone: TimeZone
    /// When the team is next at work at or after a moment; nil: no hours are set.
    public var nextOpening: @Sendable (Timestamp) -> Timestamp?

    public init(zone: TimeZone = TimeZone(identifier: "UTC")!, nextOpening: @escaping @Sendable (Timestamp) -> Timestamp? = { _ in nil }) {
        self.zone = zone
        self.nextOpening = nextOpening
    }

    /// One choice of the menu.
    public struct Preset: Sendable, Equatable {
        public var key: Character
        public var label: String
        public var until: Timestamp
    }

    /// The menu's choices at `now`: an hour, four hours, tomorrow at opening time, next week.
    public func presets(at now: Timestamp) -> [Preset] {
        let tomorrow = opening(onDayAfter: now, days: 1)
        let week = opening(onDayAfter: now, days: daysToNextMonday(from: now))
        return [
            Preset(key: "1", label: "1 hour", until: now.adding(minutes: 60)),
            Preset(key: "4", label: "4 hours", until: now.adding(minutes: 240)),
            // On a Friday with the weekend off, "tomorrow" is Monday: the label says so.
            Preset(key: "t", label: (isTomorrow(tomorrow, from: now) ? "tomorrow, " : "next opening, ") + local(tomorrow, "EEE HH:mm"),
                   until: tomorrow),
            Preset(key: "w", label: "next week, " + local(week, "EEE d MMM HH:mm"), until: week),
        ]
    }

    /// What an agent typed, as a moment after `now`: `90m`, `2h`, `3d`, `17:30` (the next
    /// such local time), `2026-11-24 09:00` (local), an RFC 3339 time, `tomorrow` or `next
    /// week` (as in the menu). nil when it is none of these.
    public func parse(_ typed: String, now: Timestamp) -> Timestamp? {
        let text = typed.trimmingCharacters(in: .whitespaces).lowercased()
        guard !text.isEmpty else { return nil }
        if text == "tomorrow" { return opening(onDayAfter: now, days: 1) }
        if text == "next week" || text == "week" { return opening(onDayAfter: now, days: daysToNextMonday(from: now)) }
        if let unit = text.last, "mhd".contains(unit), let n = Int(text.dropLast().trimmingCharacters(in: .whitespaces)), n > 0, n <= 366 * 24 * 60 {
            let minutes = unit == "m" ? n : unit == "h" ? n * 60 : n * 1440
            return now.adding(minutes: minutes)
        }
        if let exact = Timestamp.parse(typed.trimmingCharacters(in: .whitespaces)) { return exact }
        let calendar = self.calendar
        if let time = Self.clock(text) {
            let day = calendar.dateComponents([.year, .month, .day], from: now.date)
            var parts = day
            parts.hour = time.hour
            parts.minute = time.minute
            guard let today = calendar.date(from: parts) else { return nil }
            let at = Timestamp(date: today)
            return at > now ? at : Timestamp(date: calendar.date(byAdding: .day, value: 1, to: today) ?? today)
        }
        let pieces = text.replacingOccurrences(of: "t", with: " ").split(separator: " ")
        if pieces.count == 2, let time = Self.clock(String(pieces[1])) {
            let date = pieces[0].split(separator: "-").compactMap { Int($0) }
            guard date.count == 3 else { return nil }
            let parts = DateComponents(year: date[0], month: date[1], day: date[2], hour: time.hour, minute: time.minute)
            guard calendar.date(from: parts) != nil, (1...12).contains(date[1]), (1...31).contains(date[2]),
                  let at = calendar.date(from: parts) else { return nil }
            return Timestamp(date: at)
        }
        return nil
    }

    /// "HH:MM" as hour and minute.
    private static func clock(_ text: String) -> (hour: Int, minute: Int)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
              (0...23).contains(h), (0...59).contains(m) else { return nil }
        return (h, m)
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// When the team opens on the local day `days` after `now`'s (09:00 without hours).
    private func opening(onDayAfter now: Timestamp, days: Int) -> Timestamp {
        let calendar = self.calendar
        let start = calendar.startOfDay(for: now.date)
        let day = calendar.date(byAdding: .day, value: days, to: start) ?? start
        if let open = nextOpening(Timestamp(date: day)) { return open }
        return Timestamp(date: calendar.date(byAdding: .hour, value: 9, to: day) ?? day)
    }

    /// Whether `time` falls on the local day after `now`'s.
    private func isTomorrow(_ time: Timestamp, from now: Timestamp) -> Bool {
        let calendar = self.calendar
        guard let next = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: now.date)) else { return false }
        return calendar.isDate(time.date, inSameDayAs: next)
    }

    /// Days from `now`'s local day to the next Monday (7 on a Monday).
    private func daysToNextMonday(from now: Timestamp) -> Int {
        let weekday = calendar.component(.weekday, from: now.date)  // 1 is Sunday
        return (9 - weekday - 1) % 7 + 1
    }

    private func local(_ time: Timestamp, _ format: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = format
        return formatter.string(from: time.date)
    }
}

extension Timestamp {
    /// This moment as a Foundation date.
    var date: Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    init(date: Date) { self.init(milliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded())) }

    /// `minutes` later.
    func adding(minutes: Int) -> Timestamp { Timestamp(milliseconds: milliseconds + Int64(minutes) * 60_000) }
}
