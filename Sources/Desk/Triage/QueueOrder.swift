import InboxFormat

/// How the queue is sorted.
public enum QueueOrder: String, Sendable, CaseIterable {
    /// Overdue first, then by deadline, then by priority: what needs an answer soonest.
    case deadline
    /// Longest-waiting first, the order before SLA clocks.
    case waiting
}

/// Where a thread goes in a sorted queue: compared field by field, smallest first.
public struct QueuePlace: Comparable, Sendable {
    public var first: Int64
    public var second: Int64
    public var third: Int64

    public init(_ first: Int64, _ second: Int64 = 0, _ third: Int64 = 0) {
        self.first = first
        self.second = second
        self.third = third
    }

    public static func < (a: Self, b: Self) -> Bool {
        (a.first, a.second, a.third) < (b.first, b.second, b.third)
    }

    /// Placed nowhere: for tables of places not yet filled.
    public static let nowhere = QueuePlace(.min, .min, .min)
}
