/// How well detected surges match a labelled set: precision and recall of thread membership.
///
/// Each detected surge stands for the outage most of its labelled threads belong to. A thread
/// in it counts as found when it belongs to that outage, as a false alarm otherwise (an
/// everyday message, or another outage's). Recall is the share of the outages' threads found.
public struct SurgeScore: Sendable, Equatable {
    public var found = 0
    public var falseAlarms = 0
    public var missed = 0

    /// The label of threads that belong to no outage.
    public static let everyday = "everyday"

    /// - Parameters:
    ///   - surges: each surge's thread ids.
    ///   - labels: every thread's label: an outage's name or ``everyday``.
    public init(surges: [[String]], labels: [String: String]) {
        var counted = Set<String>()
        for threads in surges {
            var votes: [String: Int] = [:]
            for t in threads { votes[labels[t] ?? Self.everyday, default: 0] += 1 }
            let outage = votes.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? Self.everyday
            for t in threads where counted.insert(t).inserted {
                if outage != Self.everyday && labels[t] == outage { found += 1 } else { falseAlarms += 1 }
            }
        }
        let outageThreads = labels.values.filter { $0 != Self.everyday }.count
        missed = outageThreads - found
    }

    public var precision: Double { found + falseAlarms == 0 ? 1 : Double(found) / Double(found + falseAlarms) }
    public var recall: Double { found + missed == 0 ? 1 : Double(found) / Double(found + missed) }

    /// "precision 0.95 (57 of 60), recall 0.93 (57 of 61)".
    public var description: String {
        func fraction(_ x: Double) -> String { String(Double(Int(x * 1000 + 0.5)) / 1000) }
        return "precision \(fraction(precision)) (\(found) of \(found + falseAlarms)), recall \(fraction(recall)) (\(found) of \(found + missed))"
    }
}
