/// A set of durations summed up the way the shift report states them: how many, the
/// median and the 90th percentile.
///
/// The median of an even count is the mean of the two middle values; the 90th percentile
/// is the nearest rank (the smallest value that at least 90% of them do not exceed), so
/// it is always a wait some customer really had.
public struct DurationFigures: Sendable, Equatable {
    /// How many durations there were.
    public var count: Int
    /// The median, in milliseconds; nil when there were none.
    public var median: Int64?
    /// The 90th percentile, in milliseconds; nil when there were none.
    public var p90: Int64?

    /// The figures of `durations` (milliseconds, any order).
    public init(_ durations: [Int64]) {
        count = durations.count
        let sorted = durations.sorted()
        median = Self.median(sorted)
        // The nearest rank: ⌈0.9 × count⌉, counted from 1.
        p90 = sorted.isEmpty ? nil : sorted[(9 * sorted.count + 9) / 10 - 1]
    }

    /// The middle of `sorted`, or the mean of its two middle values; nil when empty.
    static func median(_ sorted: [Int64]) -> Int64? {
        guard !sorted.isEmpty else { return nil }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}

extension DurationFigures {
    /// A duration as the report writes it: `45s`, `4m 30s` under ten minutes, `12m`,
    /// `1h 05m`, `2d 03h`.
    public static func text(_ milliseconds: Int64) -> String {
        let seconds = max(0, milliseconds) / 1000
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 600 { return "\(seconds / 60)m \(two(seconds % 60))s" }
        let minutes = seconds / 60
        if minutes < 60 { return "\(minutes)m" }
        if minutes < 24 * 60 { return "\(minutes / 60)h \(two(minutes % 60))m" }
        return "\(minutes / 1440)d \(two(minutes % 1440 / 60))h"
    }
}
