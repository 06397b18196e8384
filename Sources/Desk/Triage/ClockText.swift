import InboxFormat

/// A response clock as the queue shows it, in at most four columns.
public enum ClockText {
    /// Time left until `due` (`12m`, `5h`, `3d`, `2w`, `1y`), or overdue with a minus (`-7m`, `-2h`).
    /// Minutes are rounded away from zero, so a clock with seconds left still says `1m` and
    /// one just past due says `-1m`: `0m` only at the very millisecond the answer is due
    /// (not yet overdue, as the queue's `"overdue": false` says too).
    public static func left(until due: Timestamp, at now: Timestamp) -> String {
        let ms = due.milliseconds - now.milliseconds
        let overdue = ms < 0
        let minutes = (abs(ms) + 59_999) / 60_000
        let text: String
        if minutes < 60 {
            text = "\(minutes)m"
        } else if minutes < 48 * 60 {
            text = "\(minutes / 60)h"
        } else if minutes < 14 * 1440 {
            text = "\(minutes / 1440)d"
        } else if minutes < 365 * 1440 {
            text = "\(minutes / (7 * 1440))w"
        } else {
            text = "\(min(99, minutes / (365 * 1440)))y"
        }
        return overdue ? "-" + text : text
    }

    /// Where a clock stands at `now`.
    public enum Stage: Sendable {
        /// Less than 80% of the target has passed.
        case running
        /// 80% of the target has passed: time to pick it up.
        case caution
        case overdue
    }

    public static func stage(of clock: SLAClock, at now: Timestamp) -> Stage {
        now > clock.due ? .overdue : now >= clock.caution ? .caution : .running
    }
}
