import Foundation

/// A time zone's offsets from UTC as a table: the instants the offset changes at and the
/// offset after each, read from Foundation once when a calendar is made.
///
/// The business-hours clock converts between UTC and local time for every day it walks
/// over, for every open thread; a `Calendar` call per conversion would cost microseconds,
/// a binary search over this table costs nanoseconds, and an immutable table can be
/// shared between threads without a lock. The table covers 1900 to 2200; before it the
/// first offset holds, after it the last.
struct ZoneOffsets: Sendable {
    /// Instants (ms since the epoch, UTC) at which the offset changes, ascending.
    let transitions: [Int64]
    /// `offsets[i]`: the offset (ms, local minus UTC) in force before `transitions[i]`;
    /// the last one after the last transition. One more than `transitions`.
    let offsets: [Int64]

    static let day: Int64 = 86_400_000

    init(_ zone: TimeZone) {
        let first = Date(timeIntervalSince1970: -2_208_988_800)  // 1900-01-01
        let last = Date(timeIntervalSince1970: 7_258_118_400)    // 2200-01-01
        var transitions: [Int64] = []
        var offsets = [Int64(zone.secondsFromGMT(for: first)) * 1000]
        var at = first
        while let next = zone.nextDaylightSavingTimeTransition(after: at), next < last, next > at {
            let offset = Int64(zone.secondsFromGMT(for: next)) * 1000
            // Foundation reports some changes of name only; a table row must change the offset.
            if offset != offsets[offsets.count - 1] {
                transitions.append(Int64((next.timeIntervalSince1970 * 1000).rounded()))
                offsets.append(offset)
            }
            at = next
        }
        self.transitions = transitions
        self.offsets = offsets
    }

    /// How many transitions lie at or before `utc`: the index of its offset.
    @inline(__always)
    func index(at utc: Int64) -> Int {
        var low = 0, high = transitions.count
        while low < high {
            let mid = (low + high) >> 1
            if transitions[mid] <= utc { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The offset in force at `utc`.
    @inline(__always)
    func offset(at utc: Int64) -> Int64 { offsets[index(at: utc)] }

    /// The one offset in force from `from` to `to` (UTC), so that every local time in
    /// between converts with one subtraction; nil when it changes in between.
    @inline(__always)
    func steadyOffset(from: Int64, to: Int64) -> Int64? {
        let i = index(at: from)
        return i == transitions.count || transitions[i] > to ? offsets[i] : nil
    }

    /// The UTC instant of a local time (ms since the epoch as if local were UTC).
    ///
    /// Offsets stay within a day of UTC, so the offsets a day before and a day after are
    /// the two candidates. A local time that happens twice (clocks go back) is the first of
    /// the two; one that never happens (clocks go forward) is taken with the offset before
    /// the change, which lands as far past the change as it was meant to be: 02:30 on the
    /// morning Berlin skips from 02:00 to 03:00 is 03:30.
    func utc(local: Int64) -> Int64 {
        let before = offset(at: local - Self.day), after = offset(at: local + Self.day)
        if before == after { return local - before }
        let early = local - max(before, after), late = local - min(before, after)
        if offset(at: early) == max(before, after) { return early }
        if offset(at: late) == min(before, after) { return late }
        return local - before
    }
}
