import InboxFormat
/// Where a thread stands, derived from its records in file order (the format's "Thread status").
public enum ThreadStatus: UInt8, Sendable, CaseIterable {
    /// Needs an answer: a customer wrote, or an agent reopened it.
    case open
    /// The company spoke last.
    case waiting
    case resolved
    /// Hidden until its time, or until the customer writes.
    case snoozed

    public var name: String {
        switch self {
        case .open: return "open"
        case .waiting: return "waiting"
        case .resolved: return "resolved"
        case .snoozed: return "snoozed"
        }
    }

    public init?(name: String) {
        guard let found = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = found
    }
}
