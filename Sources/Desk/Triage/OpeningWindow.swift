import Foundation

/// One day's working hours, local to the calendar's time zone: from `opens` to `closes`.
///
/// A window that closes at or before it opens runs past midnight into the next day
/// (20:00-04:00 is a night shift), and one that closes when it opens lasts 24 hours
/// (00:00-00:00 is the whole day). Such a window belongs to the day it opens on.
public struct OpeningWindow: Sendable, Hashable, CustomStringConvertible {
    /// Minutes after local midnight, 0 to 1439.
    public let opens: Int
    /// Minutes after local midnight, 0 to 1440 (24:00, the end of the day).
    public let closes: Int

    /// nil when a time is out of range.
    public init?(opens: Int, closes: Int) {
        guard (0..<1440).contains(opens), (0...1440).contains(closes) else { return nil }
        self.opens = opens
        self.closes = closes
    }

    /// Reads "HH:MM" times; `closes` may also be "24:00". nil when either is not a time.
    public init?(opens: String, closes: String) {
        guard let o = Self.minutes(opens), o < 1440, let c = Self.minutes(closes) else { return nil }
        self.init(opens: o, closes: c)
    }

    /// Reads "HH:MM-HH:MM", as a day's key in the config file says it.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        self.init(opens: String(parts[0]), closes: String(parts[1]))
    }

    /// The whole day, midnight to midnight.
    public static let allDay = OpeningWindow(opens: 0, closes: 0)!

    /// True when the window ends on the next day (or lasts the whole day).
    public var runsPastMidnight: Bool { closes <= opens }

    /// True for a window from a time to the same time the next day (00:00-24:00 too).
    public var lasts24Hours: Bool { closes == opens || (opens == 0 && closes == 1440) }

    /// "HH:MM-HH:MM".
    public var description: String { Self.text(opens) + "-" + Self.text(closes) }

    /// Minutes after midnight of "HH:MM" (up to "24:00"); nil when it is not one.
    static func minutes(_ text: String) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let h = Int(parts[0]), let m = Int(parts[1]), (0...59).contains(m) else { return nil }
        guard h < 24 || (h == 24 && m == 0) else { return nil }
        return h * 60 + m
    }

    /// "HH:MM" of minutes after midnight.
    static func text(_ minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }
}
