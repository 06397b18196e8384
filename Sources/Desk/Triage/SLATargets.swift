import InboxFormat

/// How long a customer may wait for an answer, in minutes of open time (the clock stops
/// outside business hours), per visibility, priority level, and first or next response.
///
/// The defaults: in public, urgent 15 minutes, high 20, normal 30; in private, urgent an
/// hour, high 2, normal 4; low a day in both. A day is 24 hours of open time, not a working
/// day. First and next responses have the same targets until the config sets them apart.
public struct SLATargets: Sendable, Equatable {
    /// Urgent threads' clocks ignore business hours: someone is on call.
    public var urgentAroundTheClock = false

    /// Minutes by `index(_:_:_:)`: 2 visibilities × 4 levels × first/next, a fixed array
    /// because the queue asks for every open thread.
    private var table: [Int]

    /// The defaults of the issue.
    public init() {
        table = Array(repeating: 0, count: 16)
        let defaults: [(Visibility, PriorityLevel, Int)] = [
            (.public, .urgent, 15), (.public, .high, 20), (.public, .normal, 30), (.public, .low, 1440),
            (.private, .urgent, 60), (.private, .high, 120), (.private, .normal, 240), (.private, .low, 1440),
        ]
        for (visibility, level, minutes) in defaults {
            for first in [true, false] { table[Self.index(visibility, level, first)] = minutes }
        }
    }

    /// The target for a response in a thread of `visibility` at `level`.
    public func minutes(visibility: Visibility, level: PriorityLevel, firstResponse: Bool) -> Int {
        table[Self.index(visibility, level, firstResponse)]
    }

    /// Sets one target.
    public mutating func set(_ minutes: Int, visibility: Visibility, level: PriorityLevel, firstResponse: Bool) {
        table[Self.index(visibility, level, firstResponse)] = minutes
    }

    /// The clock of a response owed since `since`: due when the target's minutes of open
    /// time have passed (every minute, for an urgent thread when ``urgentAroundTheClock``).
    public func clock(since: Timestamp, visibility: Visibility, level: PriorityLevel, firstResponse: Bool,
                      calendar: BusinessCalendar) -> SLAClock {
        let minutes = self.minutes(visibility: visibility, level: level, firstResponse: firstResponse)
        let roundTheClock = urgentAroundTheClock && level == .urgent
        let target = Int64(minutes) * 60_000
        // The caution point first, then the rest from there: one walk over the days, not two.
        let caution = calendar.adding(milliseconds: target * 4 / 5, to: since, roundTheClock: roundTheClock)
        let due = calendar.adding(milliseconds: target - target * 4 / 5, to: caution, roundTheClock: roundTheClock)
        return SLAClock(due: due, caution: caution, targetMinutes: minutes)
    }

    private static func index(_ visibility: Visibility, _ level: PriorityLevel, _ first: Bool) -> Int {
        (visibility == .public ? 0 : 8) + (level.rawValue - 1) * 2 + (first ? 0 : 1)
    }
}

/// One thread's response clock.
public struct SLAClock: Sendable, Equatable {
    /// When the answer is due.
    public var due: Timestamp
    /// When 80% of the target has passed: time to hurry.
    public var caution: Timestamp
    /// The target, in minutes of open time (or of every time, round the clock).
    public var targetMinutes: Int

    /// A clock with these times.
    public init(due: Timestamp, caution: Timestamp, targetMinutes: Int) {
        self.due = due
        self.caution = caution
        self.targetMinutes = targetMinutes
    }
}
