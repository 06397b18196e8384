import InboxFormat

/// Until when a thread is snoozed: the menu's presets and what an agent types.
///
/// Local times are the team's, on its ``BusinessCalendar``'s wall clock (UTC without
/// one); "tomorrow" and "next week" mean when the team opens then, 09:00 when no hours
/// are set.
public struct SnoozeTime: Sendable {
    /// The team's hours; nil: none set, every hour counts and mornings start at 09:00.
    public var hours: BusinessCalendar?

    public init(hours: BusinessCalendar? = nil) {
        self.hours = hours
    }

    /// The calendar whose wall clock local times are read on.
    private var clock: BusinessCalendar { hours ?? .always }

    /// One choice of the menu.
    public struct Preset: Sendable, Equatable {
        public var key: Character
        public var label: String
        public var until: Timestamp
    }

    /// The menu's choices at `now`: an hour, four hours, tomorrow at opening time, next week
    /// (left out when it is the same moment as the next opening, on a Friday evening).
    public func presets(at now: Timestamp) -> [Preset] {
        let today = clock.localDate(now)
        let tomorrow = opening(on: today.adding(days: 1))
        let week = opening(on: nextMonday(after: today))
        // On a Friday with the weekend off, "tomorrow" is Monday: the label says so.
        let isTomorrow = clock.localDate(tomorrow) == today.adding(days: 1)
        var presets = [
            Preset(key: "1", label: "1 hour", until: Timestamp(milliseconds: now.milliseconds + 3_600_000)),
            Preset(key: "4", label: "4 hours", until: Timestamp(milliseconds: now.milliseconds + 4 * 3_600_000)),
            Preset(key: "t", label: (isTomorrow ? "tomorrow, " : "next opening, ") + label(tomorrow, withDate: false), until: tomorrow),
        ]
        if week != tomorrow { presets.append(Preset(key: "w", label: "next week, " + label(week, withDate: true), until: week)) }
        return presets.filter { $0.until.isWritable }
    }

    /// What an agent typed, as a moment: `90m`, `2h`, `3d`, `1h30m`, `17:30` (the next such local
    /// time), `tomorrow 14:00` or `today 17:30` (local),
    /// `2026-11-24 09:00` (local), an RFC 3339 time, `tomorrow` or `next week` (as in the
    /// menu). nil when it is none of these, or a time no record can hold (past the year 9999).
    public func parse(_ typed: String, now: Timestamp) -> Timestamp? {
        parseAnyYear(typed, now: now).flatMap { $0.isWritable ? $0 : nil }
    }

    /// Whether `typed` is a time, but one no record can hold (see `Timestamp.writable`):
    /// what a caller says instead of "not a time".
    public func isBeyondTheInbox(_ typed: String, now: Timestamp) -> Bool {
        parseAnyYear(typed, now: now).map { !$0.isWritable } ?? false
    }

    private func parseAnyYear(_ typed: String, now: Timestamp) -> Timestamp? {
        let trimmed = typed.trimmingCharacters(in: .whitespaces)
        let text = trimmed.lowercased()
        guard !text.isEmpty else { return nil }
        let today = clock.localDate(now)
        if text == "tomorrow" { return opening(on: today.adding(days: 1)) }
        // "tomorrow 14:00", "today 17:30": the day as said, whether the team works then or
        // not; a time already past is a time all the same, for the caller to refuse as past.
        for (word, days) in [("tomorrow", 1), ("today", 0)] where text.hasPrefix(word + " ") {
            guard let minutes = Self.minutes(text.dropFirst(word.count).trimmingCharacters(in: .whitespaces)) else { return nil }
            return clock.timestamp(LocalTime(date: today.adding(days: days), minutes: minutes))
        }
        if text == "next week" || text == "week" { return opening(on: nextMonday(after: today)) }
        // A delay as the config writes one: 90m, 2h, 3d, 1h30m (up to a year).
        if let minutes = Config.minutes(ofDuration: text), minutes <= 366 * 24 * 60 {
            return Timestamp(milliseconds: now.milliseconds + Int64(minutes) * 60_000)
        }
        if let exact = Timestamp.parse(trimmed) { return exact }
        if let minutes = Self.minutes(text) {
            let at = clock.timestamp(LocalTime(date: today, minutes: minutes))
            return at > now ? at : clock.timestamp(LocalTime(date: today.adding(days: 1), minutes: minutes))
        }
        let pieces = text.replacingOccurrences(of: "t", with: " ").split(separator: " ")
        if pieces.count == 2, let date = LocalDate(String(pieces[0])), let minutes = Self.minutes(String(pieces[1])) {
            return clock.timestamp(LocalTime(date: date, minutes: minutes))
        }
        return nil
    }

    /// "HH:MM" as minutes after midnight.
    private static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
              (0...23).contains(h), (0...59).contains(m) else { return nil }
        return h * 60 + m
    }

    /// When the team opens on `day` or after it (09:00 that day without hours).
    private func opening(on day: LocalDate) -> Timestamp {
        let midnight = clock.timestamp(LocalTime(date: day, minutes: 0))
        if let hours, let open = hours.nextOpening(after: midnight) { return open }
        return clock.timestamp(LocalTime(date: day, minutes: 9 * 60))
    }

    /// The Monday after `day` (a week on, when `day` is a Monday).
    private func nextMonday(after day: LocalDate) -> LocalDate {
        day.adding(days: 7 - day.weekday.rawValue)
    }

    /// `time` as the menu writes it, on the team's wall clock: "Mon 23 Nov 09:00". What a
    /// confirmation says, so that "tomorrow 14:00" typed comes back as 14:00, not in UTC.
    public func label(_ time: Timestamp) -> String { label(time, withDate: true) }

    /// "Mon 09:00", or "Mon 23 Nov 09:00" `withDate`.
    private func label(_ time: Timestamp, withDate: Bool) -> String {
        let local = clock.local(time)
        guard withDate else { return local.dayAndClock }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let date = local.date.components
        return "\(local.weekday.shortName.capitalized) \(date.day) \(months[date.month - 1]) " + local.clock()
    }
}
