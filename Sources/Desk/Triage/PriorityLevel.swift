/// How soon a thread needs an answer, as the triage rules or an agent decide.
///
/// Ordered: `urgent` is the greatest, so a thread's level is the `max` over its open
/// customer messages. The raw values are what a message's classifier bits keep (0 there
/// means "no rule matched", which counts as `normal`).
public enum PriorityLevel: Int, Sendable, CaseIterable, Comparable {
    case low = 1, normal = 2, high = 3, urgent = 4

    /// The name the format, the config file and the command line use.
    public var name: String {
        switch self {
        case .low: return "low"
        case .normal: return "normal"
        case .high: return "high"
        case .urgent: return "urgent"
        }
    }

    /// The level with this name (`urgent`, `high`, `normal`, `low`), any case.
    public init?(name: String) {
        guard let found = Self.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = found
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
