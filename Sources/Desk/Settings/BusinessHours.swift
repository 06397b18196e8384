import Foundation
import InboxFormat

/// When the team answers, in UTC like every time in the inbox: from `opens` to `closes`,
/// every day. A window that closes before it opens runs past midnight (20:00 to 04:00).
public struct BusinessHours: Sendable, Equatable {
    /// Minutes after midnight, UTC.
    public var opens: Int
    public var closes: Int

    public init(opens: Int, closes: Int) {
        self.opens = opens
        self.closes = closes
    }

    /// Reads "HH:MM" times; nil when either is not one.
    public init?(opens: String, closes: String) {
        guard let o = Self.minutes(opens), let c = Self.minutes(closes) else { return nil }
        self.init(opens: o, closes: c)
    }

    /// True while the team is at work at `time`.
    public func isOpen(at time: Timestamp) -> Bool {
        let minute = Int((time.milliseconds / 60_000) % (24 * 60) + 24 * 60) % (24 * 60)
        if opens == closes { return true }
        return opens < closes ? (opens <= minute && minute < closes) : (minute >= opens || minute < closes)
    }

    /// The opening time as "HH:MM", for the `opening_time` template variable.
    public var openingTime: String { Self.text(opens) }

    static func minutes(_ text: String) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
              (0...23).contains(h), (0...59).contains(m) else { return nil }
        return h * 60 + m
    }

    static func text(_ minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }
}
