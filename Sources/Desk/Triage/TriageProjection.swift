import InboxFormat
import InboxStore

/// Each thread's priority as the records say, kept as they arrive: the highest level the
/// rules gave a customer message since the company last spoke in the thread, and the
/// agent's override from `priority` records.
///
/// Two bytes and a bit per thread, no strings but the overriding agents' names (few), so
/// a million-record inbox pays next to nothing. Reading a message's text is not done
/// here: the classifier did it during the scan and left its level in the message's tags.
public final class TriageProjection: InboxProjection {
    /// The rules' level of a message, from its tag word (0: no rule matched).
    private let levelOfTags: @Sendable (UInt32) -> UInt8
    /// Per thread ordinal: the highest word-rule level over the open customer messages.
    private var words: [UInt8] = []
    /// Per thread ordinal: the highest regular-expression level over the same messages,
    /// set by ``Triage`` after the load and on new records (regexes never run in the scan).
    private var patterns: [UInt8] = []
    /// Per thread ordinal: the agent's level (0: none, the rules decide).
    private var overrides: [UInt8] = []
    /// Who set each override, by thread ordinal.
    private var overriddenBy: [Int: String] = [:]

    /// `levelOfTags` reads the triage classifier's bits out of a message's tag word.
    public init(levelOfTags: @escaping @Sendable (UInt32) -> UInt8) {
        self.levelOfTags = levelOfTags
    }

    public func apply(_ record: RecordContext) {
        guard let ref = record.thread else { return }
        let t = ref.ordinal
        if t >= words.count {
            let grow = t + 1 - words.count
            words += repeatElement(0, count: grow)
            patterns += repeatElement(0, count: grow)
            overrides += repeatElement(0, count: grow)
        }
        switch record.type {
        case .message:
            if record.direction == .inbound {
                // A message no rule matched counts as normal: one "thanks" rated low does
                // not make a thread with an open question low.
                let level = levelOfTags(record.tags)
                words[t] = max(words[t], level == 0 ? UInt8(PriorityLevel.normal.rawValue) : level)
            } else {
                // The company spoke: what the customer wrote before is answered.
                words[t] = 0
                patterns[t] = 0
            }
        case .priority:
            let level = record.string(.level).flatMap(PriorityLevel.init(name:))
            overrides[t] = UInt8(level?.rawValue ?? 0)
            overriddenBy[t] = level == nil ? nil : record.string(.agent)
        default:
            break
        }
    }

    /// The rules' verdict on the thread: the highest level over its open customer
    /// messages, `normal` when no rule matched any of them.
    public func rulesLevel(of ref: ThreadRef) -> PriorityLevel {
        let t = ref.ordinal
        guard t < words.count else { return .normal }
        return level(max(words[t], patterns[t]))
    }

    /// The agent's override and who set it, if any.
    public func override(of ref: ThreadRef) -> (level: PriorityLevel, agent: String)? {
        let t = ref.ordinal
        guard t < overrides.count, let level = PriorityLevel(rawValue: Int(overrides[t])) else { return nil }
        return (level, overriddenBy[t] ?? "")
    }

    /// Records what the regular-expression rules found in the thread's open messages.
    func setPatternLevel(_ level: PriorityLevel?, of ref: ThreadRef) {
        let t = ref.ordinal
        guard t < patterns.count else { return }
        patterns[t] = UInt8(level?.rawValue ?? 0)
    }

    /// A stored byte as a level; 0 (no open customer message) is `normal`.
    private func level(_ raw: UInt8) -> PriorityLevel {
        raw == 0 ? .normal : PriorityLevel(rawValue: Int(raw)) ?? .normal
    }
}
