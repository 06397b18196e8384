import Foundation
import Testing
@testable import Desk
import InboxFormat

/// `[hours]` and `[sla]` in config.toml.
@Suite struct ConfigHoursTests {
    let berlin = TimeZone(identifier: "Europe/Berlin")!

    func problem(_ text: String) -> LineProblem? {
        do {
            _ = try Config.parse(text, file: "c.toml")
            return nil
        } catch {
            return error.problem
        }
    }

    @Test func opensAndClosesStillMeanEveryDayInUTC() throws {
        let config = try Config.parse("[hours]\nopens = \"09:00\"\ncloses = \"18:00\"\n", file: "c")
        #expect(config.hours == BusinessCalendar(window: OpeningWindow("09:00-18:00")!))
        #expect(config.hours?.timeZone == BusinessCalendar.utc && config.hours?.timeZone.secondsFromGMT() == 0)
        #expect(Config().calendar == .always && config.calendar == config.hours)
    }

    @Test func aZoneWorkingDaysADayOfItsOwnAndHolidays() throws {
        let config = try Config.parse("""
            [hours]
            timezone = "Europe/Berlin"
            opens = "09:00"
            closes = "18:00"
            days = ["mon", "tue", "wed", "thu", "fri"]
            fri = "09:00-15:00"
            sat = "10:00-14:00"
            mon = "closed"
            holidays = ["2026-12-25", 2026-12-26]
            urgent_around_the_clock = true
            """, file: "c")
        let nine = OpeningWindow("09:00-18:00")!
        #expect(config.hours == BusinessCalendar(
            timeZone: berlin,
            week: [.tuesday: nine, .wednesday: nine, .thursday: nine, .friday: OpeningWindow("09:00-15:00")!, .saturday: OpeningWindow("10:00-14:00")!],
            holidays: [LocalDate("2026-12-25")!, LocalDate("2026-12-26")!]))
        #expect(config.sla.urgentAroundTheClock)
        // Days of their own need no opens and closes.
        let weekend = try Config.parse("[hours]\nsat = \"10:00-14:00\"\nsun = \"20:00-02:00\"\n", file: "c")
        #expect(weekend.hours?.week == [.saturday: OpeningWindow("10:00-14:00")!, .sunday: OpeningWindow("20:00-02:00")!])
    }

    @Test func wrongHoursSayWhere() {
        for (text, line, reason) in [
            ("[hours]\nopens = \"09:00\"\ncloses = \"18:00\"\ntimezone = \"Mars/Olympus\"\n", 4,
             "hours.timezone: unknown time zone \"Mars/Olympus\" (give an IANA name like \"Europe/Berlin\", or \"UTC\")"),
            ("[hours]\ntimezone = 3\nmon = \"09:00-18:00\"\n", 2, "hours.timezone must be a time zone name"),
            ("[hours]\nopens = \"09:00\"\ncloses = \"18:00\"\ndays = [\"mon\", \"monday\"]\n", 4, "hours.days: \"monday\" is not a day"),
            ("[hours]\ndays = [\"mon\"]\n", 2, "hours.days names the days of opens and closes"),
            ("[limits]\ntwitter = 280\n[hours]\nsat = \"10-14\"\n", 4, "hours.sat must be \"HH:MM-HH:MM\" or \"closed\""),
            ("[hours]\nopens = \"24:00\"\ncloses = \"18:00\"\n", 2, "hours.opens must be a time \"HH:MM\""),
            ("[hours]\nmon = \"closed\"\n", 1, "[hours] opens on no day"),
            ("\n[hours]\ntimezone = \"UTC\"\n", 2, "[hours] opens on no day"),
            ("[hours]\nmon = \"09:00-18:00\"\nholidays = [\"2026-02-30\"]\n", 3, "hours.holidays: \"2026-02-30\" is not a date YYYY-MM-DD"),
            ("[hours]\nmon = \"09:00-18:00\"\nholidays = [\"2026-12-25\", \"12/26\", 7]\n", 3, "hours.holidays: \"12/26\", a value are not dates YYYY-MM-DD"),
            ("[hours]\nmon = \"09:00-18:00\"\nholidays = \"2026-12-25\"\n", 3, "hours.holidays must be a list of dates"),
            ("[hours]\nmon = \"09:00-18:00\"\nurgent_around_the_clock = \"yes\"\n", 3, "hours.urgent_around_the_clock must be true or false"),
        ] {
            let found = problem(text)
            #expect(found?.line == line, "\(text)")
            #expect(found?.reason.hasPrefix(reason) == true, "\(found?.reason ?? "accepted")")
        }
        #expect(problem("[hours]\nopens = \"09:00\"\ncloses = \"18:00\"\ntimezone = \"Nowhere\"\n")?.description
            == "c.toml:4: hours.timezone: unknown time zone \"Nowhere\" (give an IANA name like \"Europe/Berlin\", or \"UTC\")")
    }

    @Test func slaKeysFromWideToNarrow() throws {
        let config = try Config.parse("""
            [sla]
            low = "2d"
            private = "3h"
            public_urgent = "10m"
            first_public_high = "1h30m"
            next = "45m"
            """, file: "c")
        let sla = config.sla
        #expect(sla.minutes(visibility: .private, level: .normal, firstResponse: true) == 180)
        #expect(sla.minutes(visibility: .private, level: .urgent, firstResponse: false) == 180)
        // The level is narrower than the visibility, which is narrower than first/next.
        #expect(sla.minutes(visibility: .private, level: .low, firstResponse: true) == 2880)
        #expect(sla.minutes(visibility: .public, level: .low, firstResponse: false) == 2880)
        #expect(sla.minutes(visibility: .private, level: .high, firstResponse: false) == 180)
        #expect(sla.minutes(visibility: .public, level: .urgent, firstResponse: false) == 10)
        #expect(sla.minutes(visibility: .public, level: .high, firstResponse: true) == 90)
        #expect(sla.minutes(visibility: .public, level: .high, firstResponse: false) == 45)
        #expect(sla.minutes(visibility: .public, level: .normal, firstResponse: true) == 30)
        #expect(sla.minutes(visibility: .public, level: .normal, firstResponse: false) == 45)
    }

    @Test func durations() {
        for (text, minutes) in [("15m", 15), ("4h", 240), ("1d", 1440), ("1h30m", 90), ("1d 2h", 1560), ("90M", 90)] {
            #expect(Config.minutes(ofDuration: text) == minutes, "\(text)")
        }
        for text in ["", "15", "m", "0m", "30m1h", "1h1h", "1.5h", "1w", "-5m"] {
            #expect(Config.minutes(ofDuration: text) == nil, "\(text)")
        }
    }

    @Test func wrongSLASaysWhere() {
        for (text, line, reason) in [
            ("[sla]\nlow = \"1d\"\nurgent_public = \"5m\"\n", 3, "unknown setting sla.urgent_public"),
            ("[sla]\npublic_urgent = 15\n", 2, "sla.public_urgent must be a time like \"15m\""),
            ("[hours]\nlow = \"x\"\nmon = \"09:00-18:00\"\n[sla]\n\nlow = \"soon\"\n", 2, "unknown setting hours.low"),
            // The key's line in its own table, not the same key's in another.
            ("[hours]\nmon = \"09:00-18:00\"\n[sla]\nmon = \"5m\"\n", 4, "unknown setting sla.mon"),
            ("[sla]\n\nlow = \"soon\"\n", 3, "sla.low must be a time"),
            ("[sla]\nurgent_around_the_clock = true\n", 2, "urgent_around_the_clock goes in [hours]"),
            ("[sla]\nlanguage = \"ru\"\n", 2, "language goes at the top of the file"),
        ] {
            let found = problem(text)
            #expect(found?.line == line, "\(text)")
            #expect(found?.reason.hasPrefix(reason) == true, "\(found?.reason ?? "accepted")")
        }
    }
}
