import Foundation

/// A moment in time as the inbox records it: milliseconds since 1970-01-01 UTC.
///
/// A plain integer keeps millions of message rows compact and makes comparisons free.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    /// The current time.
    public static func now() -> Timestamp {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Timestamp(milliseconds: Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000)
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.milliseconds < b.milliseconds }

    /// RFC 3339 in UTC with milliseconds, the form the app writes: `2026-11-20T09:15:00.000Z`.
    public var rfc3339: String {
        let (days, msOfDay) = milliseconds.floorDivided(by: 86_400_000)
        let (y, m, d) = CivilCalendar.civil(fromDays: days)
        let seconds = msOfDay / 1000
        return String(format: "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03lldZ",
                      y, m, d, seconds / 3600, seconds / 60 % 60, seconds % 60, msOfDay % 1000)
    }

    /// The times ``rfc3339`` can write: RFC 3339 has four-digit years, so from
    /// 0000-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z. A time read with an offset may lie
    /// just outside (`9999-12-31T23:59:59-23:59` is in the year 10000 in UTC): a writer
    /// must refuse such a time rather than write a line no reader takes.
    public static let writable = Timestamp(milliseconds: -62_167_219_200_000)...Timestamp(milliseconds: 253_402_300_799_999)

    /// Whether ``rfc3339`` writes this time as RFC 3339 (see ``writable``).
    public var isWritable: Bool { Self.writable.contains(self) }

    /// A short UTC form for people: `2026-11-20 09:15Z`.
    public var short: String {
        let (days, msOfDay) = milliseconds.floorDivided(by: 86_400_000)
        let (y, m, d) = CivilCalendar.civil(fromDays: days)
        let minutes = msOfDay / 60_000
        return String(format: "%04lld-%02lld-%02lld %02lld:%02lldZ", y, m, d, minutes / 60, minutes % 60)
    }

    public var description: String { rfc3339 }

    /// How long ago this was, as a support agent says it: `45s`, `12m`, `3h`, `8d`, `7w`, `2y`.
    ///
    /// Never more than three characters, so a column of ages keeps its width however old
    /// the inbox: days up to two weeks, then weeks up to a year, then years (capped at
    /// 99). A time after `now` (a clock ahead elsewhere) is `0s`.
    public func age(at now: Timestamp) -> String {
        let seconds = max(0, (now.milliseconds - milliseconds) / 1000)
        let days = seconds / 86_400
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m" }
        if days < 1 { return "\(seconds / 3600)h" }
        if days < 14 { return "\(days)d" }
        if days < 365 { return "\(days / 7)w" }
        return "\(min(99, days / 365))y"
    }

    /// Parses an RFC 3339 date-time with its zone (`Z` or `±HH:MM`), fractions allowed.
    /// A time without a zone, or a date that does not exist, is nil.
    public static func parse(_ text: String) -> Timestamp? {
        var copy = text
        return copy.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// Parses RFC 3339 from raw bytes; the reader's hot path.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Timestamp? {
        let n = bytes.count
        guard n >= 20 else { return nil }
        @inline(__always) func digits(_ at: Int, _ count: Int) -> Int64? {
            var v: Int64 = 0
            for i in at..<(at + count) {
                let d = bytes[i] &- UInt8(ascii: "0")
                guard d < 10 else { return nil }
                v = v * 10 + Int64(d)
            }
            return v
        }
        guard let year = digits(0, 4), bytes[4] == UInt8(ascii: "-"),
              let month = digits(5, 2), bytes[7] == UInt8(ascii: "-"),
              let day = digits(8, 2), bytes[10] | 0x20 == UInt8(ascii: "t"),
              let hour = digits(11, 2), bytes[13] == UInt8(ascii: ":"),
              let minute = digits(14, 2), bytes[16] == UInt8(ascii: ":"),
              let second = digits(17, 2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= CivilCalendar.daysIn(month: month, year: year),
              hour < 24, minute < 60, second <= 60
        else { return nil }
        var i = 19
        var millis: Int64 = 0
        if bytes[i] == UInt8(ascii: ".") {
            i += 1
            var scale: Int64 = 100
            let start = i
            while i < n, bytes[i] &- UInt8(ascii: "0") < 10 {
                millis += Int64(bytes[i] - UInt8(ascii: "0")) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        guard i < n else { return nil }
        var offsetMinutes: Int64 = 0
        switch bytes[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            i += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard i + 6 == n, let oh = digits(i + 1, 2), bytes[i + 3] == UInt8(ascii: ":"),
                  let om = digits(i + 4, 2), oh < 24, om < 60
            else { return nil }
            offsetMinutes = (oh * 60 + om) * (bytes[i] == UInt8(ascii: "-") ? -1 : 1)
            i += 6
        default:
            return nil
        }
        guard i == n else { return nil }
        let days = CivilCalendar.days(fromYear: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60
        return Timestamp(milliseconds: seconds * 1000 + millis)
    }
}

/// The proleptic Gregorian calendar as plain arithmetic (Howard Hinnant's civil-date algorithms),
/// so that reading a million timestamps needs no Foundation calendar.
package enum CivilCalendar {
    package static func isLeap(_ y: Int64) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }

    package static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01.
    package static func days(fromYear y0: Int64, month m: Int64, day d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    package static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

extension Int64 {
    package func floorDivided(by d: Int64) -> (Int64, Int64) {
        let q = self >= 0 ? self / d : (self - d + 1) / d
        return (q, self - q * d)
    }
}
