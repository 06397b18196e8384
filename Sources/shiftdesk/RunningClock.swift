import Foundation
import InboxFormat

/// The one clock of a shiftdesk process: the real time, or a time the user set with
/// `--now` (or `$SHIFTDESK_NOW`) that runs on from there at the real pace.
///
/// Everything below the executable takes its time from here, passed in; this is the only
/// place that reads the system clock, so tests and a supervisor's "what if" can set it.
struct RunningClock: Sendable {
    private let start: Timestamp
    private let startedAt: Int64

    /// Starts at `time`, or at the real time when nil.
    init(startingAt time: Timestamp?) {
        startedAt = Self.monotonicMilliseconds()
        start = time ?? Timestamp.now()
    }

    /// The time now: the start plus the real time elapsed since (monotonic, so a change
    /// of the system's clock does not make it jump).
    func now() -> Timestamp {
        Timestamp(milliseconds: start.milliseconds + (Self.monotonicMilliseconds() - startedAt))
    }

    private static func monotonicMilliseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }
}
