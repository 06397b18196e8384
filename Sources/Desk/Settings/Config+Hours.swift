import Foundation
import InboxFormat
import TOMLKit

/// The `[hours]` table: when the team works, as a ``BusinessCalendar``.
///
/// ```toml
/// [hours]
/// timezone = "Europe/Berlin"            # an IANA zone; UTC when not set
/// opens = "09:00"                       # opens and closes: on each of `days`
/// closes = "18:00"
/// days = ["mon", "tue", "wed", "thu", "fri"]   # default: all seven
/// sat = "10:00-14:00"                   # a day of its own, or "closed"
/// holidays = ["2026-12-25", 2026-12-26] # local dates, closed all day
/// urgent_around_the_clock = true        # urgent clocks ignore the hours
/// ```
extension Config {
    /// The calendar the clocks run on: the configured hours, or every hour when none are.
    public var calendar: BusinessCalendar { hours ?? .always }

    /// Reads `[hours]` into ``hours`` (and `urgent_around_the_clock` into ``sla``).
    mutating func readHours(_ table: TOMLTable, lines: ConfigLines, file: String) throws(LineProblemError) {
        func problem(_ key: String?, _ reason: String) -> LineProblemError {
            LineProblemError(LineProblem(file: file, line: key.map { lines.line(of: $0, in: "hours") } ?? lines.line(ofTable: "hours"),
                                         reason: reason))
        }
        let dayKeys = Weekday.allCases.map(\.shortName)
        let known = (["opens", "closes", "timezone", "days", "holidays", "urgent_around_the_clock"] + dayKeys).sorted()
        // Each setting checked on its own, so that one run names every mistake.
        var problems = SectionProblems()
        // "language" here is reported by the config's top-level check, as a key out of place.
        for key in table.keys where !known.contains(key) && key != "language" {
            problems.check { () throws(LineProblemError) in
                throw problem(key, "unknown setting hours.\(key) (known: \(known.joined(separator: ", ")))")
            }
        }

        var zone = BusinessCalendar.utc
        if let value = table["timezone"] { problems.check { () throws(LineProblemError) in
            guard let name = value.string else { throw problem("timezone", "hours.timezone must be a time zone name like \"Europe/Berlin\"") }
            guard let found = TimeZone(identifier: name) else {
                throw problem("timezone", "hours.timezone: unknown time zone \"\(name)\" (give an IANA name like \"Europe/Berlin\", or \"UTC\")")
            }
            zone = found
        } }

        var week: [Weekday: OpeningWindow] = [:]
        // Mistakes in the days' hours: with one, "opens on no day" would say what is not so.
        let beforeDays = problems.found.count
        if table["opens"] != nil || table["closes"] != nil {
            var times: [String: String] = [:]
            for key in ["opens", "closes"] {
                problems.check { () throws(LineProblemError) in
                    // A day may end at 24:00, but not begin there.
                    guard let time = table[key]?.string, let minutes = OpeningWindow.minutes(time), minutes < 1440 || key == "closes" else {
                        // A missing time is pointed at where it belongs: the [hours] table.
                        throw problem(table[key] == nil ? nil : key, "hours.\(key) must be a time \"HH:MM\", local to hours.timezone")
                    }
                    times[key] = time
                }
            }
            var days = Set(Weekday.allCases)
            if let value = table["days"] {
                problems.check { () throws(LineProblemError) in
                    guard let list = value.array else { throw problem("days", "hours.days must be a list of days, like [\"mon\", \"tue\"]") }
                    days = []
                    for item in list {
                        guard let name = item.string, let day = Weekday(shortName: name) else {
                            throw problem("days", "hours.days: \(item.string.map { "\"\($0)\"" } ?? "a value") is not a day (days are \(dayKeys.joined(separator: ", ")))")
                        }
                        days.insert(day)
                    }
                }
            }
            if let opens = times["opens"], let closes = times["closes"], let window = OpeningWindow(opens: opens, closes: closes) {
                for day in days { week[day] = window }
            }
        } else if table["days"] != nil {
            problems.check { () throws(LineProblemError) in throw problem("days", "hours.days names the days of opens and closes: set them too") }
        }
        for day in Weekday.allCases {
            guard let value = table[day.shortName] else { continue }
            problems.check { () throws(LineProblemError) in
                let text = value.string?.trimmingCharacters(in: .whitespaces)
                if text?.lowercased() == "closed" {
                    week[day] = nil
                } else if let text, let window = OpeningWindow(text) {
                    week[day] = window
                } else {
                    throw problem(day.shortName, "hours.\(day.shortName) must be \"HH:MM-HH:MM\" or \"closed\"")
                }
            }
        }
        if problems.found.count == beforeDays && week.isEmpty {
            problems.check { () throws(LineProblemError) in
                throw problem(nil, "[hours] opens on no day: set opens and closes, or a day like mon = \"09:00-18:00\"")
            }
        }

        var holidays: Set<LocalDate> = []
        if let value = table["holidays"] {
            problems.check { () throws(LineProblemError) in
                guard let list = value.array else { throw problem("holidays", "hours.holidays must be a list of dates, like [\"2026-12-25\"]") }
                // Each date that is none told apart: they all sit on the one line of the key.
                let wrong = list.filter { item in
                    let date = item.string.flatMap(LocalDate.init) ?? item.date.flatMap { LocalDate(year: $0.year, month: $0.month, day: $0.day) }
                    if let date { holidays.insert(date) }
                    return date == nil
                }
                guard wrong.isEmpty else {
                    let shown = wrong.map { $0.string.map { "\"\($0)\"" } ?? "a value" }.joined(separator: ", ")
                    throw problem("holidays", "hours.holidays: \(shown) \(wrong.count == 1 ? "is not a date" : "are not dates") YYYY-MM-DD")
                }
            }
        }

        if let value = table["urgent_around_the_clock"] { problems.check { () throws(LineProblemError) in
            guard let on = value.bool else { throw problem("urgent_around_the_clock", "hours.urgent_around_the_clock must be true or false") }
            sla.urgentAroundTheClock = on
        } }
        try problems.throwIfAny()
        hours = BusinessCalendar(timeZone: zone, week: week, holidays: holidays)
    }
}
