import InboxFormat
import InboxStore

/// Each thread's priority as the records say: the highest level the rules give a customer
/// message since the company last spoke in the thread, and the agent's override from
/// `priority` records.
///
/// Two bytes and a bit per thread, no strings but the overriding agents' names (few), so
/// a million-record inbox pays next to nothing. Texts are not read here: the triage
/// classifier reads the messages customers wait on (``InboxStore/ClassifierScope``), and a
/// thread's level is worked out from its open messages' values when first asked for after
/// a customer wrote, so the load never reads the messages of answered threads.
public final class TriageProjection: InboxProjection {
    /// Whether a classifier rates messages (index 0 of the inbox's classifiers); without
    /// one, every open customer message counts as normal.
    private let rated: Bool
    /// The levels per thread ordinal.
    private var table = ThreadLevelTable()
    /// Who set each override, by thread ordinal.
    private var overriddenBy: [Int: String] = [:]
    /// Whether the word levels reflect the messages the load read (see ``typesWhileLoading``).
    private var seeded = false

    /// `rated`: the inbox's classifier number 0 is the triage classifier.
    public init(rated: Bool) {
        self.rated = rated
    }

    /// Messages are left out while the inbox loads: what they would say (which threads
    /// have customer messages since the company last spoke) the store's threads say once
    /// the load is done (``takeInLoadedLevels(from:)``), and the load then spends no call
    /// on each of its messages. That call, on the thread that applies records in order,
    /// was most of what triage added to the load of the 1M backlog.
    public var typesWhileLoading: RecordTypes { RecordTypes(.priority) }

    public func apply(_ record: RecordContext) {
        guard let ref = record.thread else { return }
        let t = ref.ordinal
        switch record.type {
        case .message:
            if record.direction == .inbound {
                table.customerWrote(t)
            } else {
                table.companySpoke(t)
            }
        case .priority:
            let level = record.string(.level).flatMap(PriorityLevel.init(name:))
            table.setOverride(UInt8(level?.rawValue ?? 0), of: t)
            overriddenBy[t] = level == nil ? nil : record.string(.agent)
        default:
            break
        }
    }

    /// The rules' verdict on the thread: the highest level over its open customer
    /// messages, `normal` when no rule matched any of them.
    public func rulesLevel(of ref: ThreadRef, in inbox: Inbox) -> PriorityLevel {
        let t = ref.ordinal
        if !seeded { seed(from: inbox) }
        guard t < table.count else { return .normal }
        if table.words[t] == ThreadLevelTable.unworked { table.words[t] = wordLevel(of: ref, in: inbox) }
        return level(max(table.words[t], table.patterns[t]))
    }

    /// Takes in the levels the classifier gave, right after the load, to every open
    /// customer message of the threads where a customer waits: their threads' levels are
    /// then known without a look at each thread. The store hands them over as each
    /// thread's set of values, gathered as it classified, so this is a walk over threads.
    func takeInLoadedLevels(from inbox: Inbox) {
        if !seeded { seed(from: inbox) }
        guard rated else { return }
        let sets = inbox.takeLoadedValueSets(0)
        let noMatch: UInt32 = 1
        // Worked on as a local array, taken out so that it is not copied: no access check
        // on the object for each of a backlog's threads.
        var words = table.words
        table.words = []
        for t in 0..<min(sets.count, words.count) where sets[t] != 0 {
            // What stood before the load's verdict (a customer wrote: unworked) counts no more.
            let highest = UInt8(truncatingIfNeeded: UInt32.bitWidth - 1 - sets[t].leadingZeroBitCount)
            words[t] = max(Self.counted(highest), sets[t] & noMatch != 0 ? Self.counted(0) : 0)
        }
        table.words = words
    }

    /// Marks the threads whose latest message is the customer's as to be worked out, as
    /// taking in each of the load's messages would have: once, on the first look after the
    /// load. A thread the company spoke in last keeps 0, as it would have.
    private func seed(from inbox: Inbox) {
        seeded = true
        for ref in inbox.threadsWithOpenCustomerMessages() { table.customerWrote(ref.ordinal) }
    }

    /// A message's level as a thread's counts it: one no rule matched counts as normal, so
    /// that one "thanks" rated low does not make a thread with an open question low.
    private static func counted(_ level: UInt8) -> UInt8 { level == 0 ? UInt8(PriorityLevel.normal.rawValue) : level }

    /// The highest level the classifier gave the thread's open customer messages.
    private func wordLevel(of ref: ThreadRef, in inbox: Inbox) -> UInt8 {
        var best: UInt8 = 0
        for m in inbox.openCustomerMessages(of: ref) {
            best = max(best, Self.counted(rated ? UInt8(truncatingIfNeeded: inbox.classification(0, of: m)) : 0))
        }
        return best
    }

    /// The agent's override and who set it, if any.
    public func override(of ref: ThreadRef) -> (level: PriorityLevel, agent: String)? {
        let t = ref.ordinal
        guard t < table.count, let level = PriorityLevel(rawValue: Int(table.overrides[t])) else { return nil }
        return (level, overriddenBy[t] ?? "")
    }

    /// Records what the regular-expression rules found in the thread's open messages.
    func setPatternLevel(_ level: PriorityLevel?, of ref: ThreadRef) {
        let t = ref.ordinal
        guard t < table.count else { return }
        table.patterns[t] = UInt8(level?.rawValue ?? 0)
    }

    /// A stored byte as a level; 0 (no open customer message) is `normal`.
    private func level(_ raw: UInt8) -> PriorityLevel {
        raw == 0 ? .normal : PriorityLevel(rawValue: Int(raw)) ?? .normal
    }
}
