import Testing
import Desk
import InboxFormat
import InboxStore

/// The age every queue row and `shiftdesk queue` show: three characters at most.
@Suite struct CompactAgeTests {
    func age(_ seconds: Int64) -> String {
        Timestamp(milliseconds: 0).age(at: Timestamp(milliseconds: seconds * 1000))
    }

    @Test func unitsChangeAtTheirBoundaries() {
        let minute: Int64 = 60, hour = 60 * minute, day = 24 * hour, week = 7 * day, year = 365 * day
        #expect(age(0) == "0s")
        #expect(age(-90) == "0s", "a time ahead of the clock")
        #expect(age(59) == "59s")
        #expect(age(minute) == "1m")
        #expect(age(hour - 1) == "59m")
        #expect(age(hour) == "1h")
        #expect(age(day - 1) == "23h")
        #expect(age(day) == "1d")
        #expect(age(8 * day) == "8d")
        #expect(age(2 * week - 1) == "13d")
        #expect(age(2 * week) == "2w")
        #expect(age(year - 1) == "52w")
        #expect(age(year) == "1y")
        #expect(age(2 * year + 300 * day) == "2y")
        #expect(age(99 * year) == "99y")
        #expect(age(500 * year) == "99y", "capped, so it still fits")
    }

    @Test func neverWiderThanThreeColumns() {
        var seconds: Int64 = 1
        while seconds < 1000 * 365 * 86_400 {
            #expect(age(seconds).count <= 3, "\(seconds) s: \(age(seconds))")
            seconds = seconds * 11 / 10 + 1
        }
    }
}
