import InboxFormat
import InboxStore

/// The triage rules' word matching and conditions, run by the store on every message
/// while an inbox loads and on each new one. Its value is the highest
/// ``PriorityLevel/rawValue`` among the rules a customer message matches, 0 when none
/// does or when the message is the company's. Regular expressions are left out (see
/// ``TriageRules/regexLevel(text:channel:visibility:author:)``).
///
/// Made by ``TriageRules/classifier()``. Immutable, so any number of worker threads share it.
public struct TriageClassifier: MessageClassifier {
    /// Three bits: 0 to 4.
    public let bitWidth = 3
    /// A level matters while a customer waits, so only those messages are read: in a
    /// shift's inbox, a small part of the text (see ``InboxStore/ClassifierScope``).
    public var scope: ClassifierScope { .waitingCustomerMessages }

    /// A rule as the classifier applies it.
    struct Rule: Sendable {
        var level: UInt32
        var conditions: TriageConditions
        /// The conditions' channels and authors as bytes, compared without building strings.
        var channels: [[UInt8]]
        var authors: [[UInt8]]
    }

    let rules: [Rule]
    /// Every word pattern of every rule, in one matcher.
    let matcher: WordMatcher
    /// For each of the matcher's patterns, the rule it belongs to.
    let patternRule: [Int32]
    /// The rules without words or regular expressions: their conditions alone decide.
    let conditionRules: [Int32]
    /// The highest level a word rule gives: once a message has it, the scan can stop.
    let topWordLevel: UInt32

    /// A classifier for `rules` (those in force, as ``TriageRules/active`` lists them).
    public init(rules: [TriageRule]) {
        var patterns: [WordPattern] = []
        var patternRule: [Int32] = []
        var conditionRules: [Int32] = []
        var top: UInt32 = 0
        for (index, rule) in rules.enumerated() {
            for pattern in rule.words {
                patterns.append(pattern)
                patternRule.append(Int32(index))
            }
            if !rule.words.isEmpty { top = max(top, UInt32(rule.level.rawValue)) }
            if rule.matchesOnConditions && !rule.conditions.isEmpty { conditionRules.append(Int32(index)) }
        }
        self.rules = rules.map {
            Rule(level: UInt32($0.level.rawValue), conditions: $0.conditions,
                 channels: $0.conditions.channels.map { Array($0.utf8) }, authors: $0.conditions.authors.map { Array($0.utf8) })
        }
        // A pattern's rank is its rule's level: once a message has a level, lower rules are not compared.
        matcher = WordMatcher(patterns, ranks: patternRule.map { UInt8(rules[Int($0)].level.rawValue) })
        self.patternRule = patternRule
        self.conditionRules = conditionRules
        topWordLevel = top
    }

    /// The level of `message` as the store keeps it: 1 (low) to 4 (urgent), 0 for none.
    public func classify(_ message: ClassifiedMessage) -> UInt32 {
        guard message.direction == .inbound else { return 0 }
        return level(ScannedSubject(message: message, rules: rules))
    }

    /// The level the word rules and conditions give a message: what ``classify(_:)`` keeps
    /// for it in the store; nil when no rule matches or the message is the company's.
    public func level(text: String, channel: String, visibility: Visibility, direction: Direction, author: Person) -> PriorityLevel? {
        guard direction == .inbound else { return nil }
        let subject = StringSubject(text: text, channel: channel, visibility: visibility, author: author, rules: rules)
        return PriorityLevel(rawValue: Int(level(subject)))
    }

    /// The highest level among the rules that match: those on conditions alone, then the
    /// word rules, reading the text only while a higher level can still come of it.
    private func level<Subject: TriageSubject>(_ subject: Subject) -> UInt32 {
        var best: UInt32 = 0
        for rule in conditionRules where rules[Int(rule)].level > best && subject.holds(Int(rule)) {
            best = rules[Int(rule)].level
        }
        guard best < topWordLevel else { return best }
        // Each rule's conditions at most once a message, and only for a rule whose words occur.
        var checked: UInt64 = 0, held: UInt64 = 0
        subject.withText { bytes in
            matcher.forEachMatch(utf8: bytes, ranked: { (pattern: Int) -> UInt8? in
                let r = Int(patternRule[pattern])
                let rule = rules[r]
                guard rule.level > best else { return UInt8(best + 1) }
                if !rule.conditions.isEmpty {
                    let holding: Bool
                    if r < 64 {
                        let bit: UInt64 = 1 << UInt64(r)
                        if checked & bit == 0 {
                            checked |= bit
                            if subject.holds(r) { held |= bit }
                        }
                        holding = held & bit != 0
                    } else {
                        holding = subject.holds(r)
                    }
                    guard holding else { return UInt8(best + 1) }
                }
                best = rule.level
                // Only a higher rule could change the level now.
                return best < topWordLevel ? UInt8(best + 1) : nil
            })
        }
        return best
    }
}

/// A message as the classifier asks about it: its text, and whether a rule's conditions hold.
private protocol TriageSubject {
    func holds(_ rule: Int) -> Bool
    func withText(_ body: (UnsafeRawBufferPointer) -> Void)
}

/// A message from the scan: bytes of the line, no strings built.
private struct ScannedSubject: TriageSubject {
    let message: ClassifiedMessage
    let rules: [TriageClassifier.Rule]

    func withText(_ body: (UnsafeRawBufferPointer) -> Void) { _ = message.withBytes(.text, body) }

    /// Whether a rule's conditions hold for a message as the scan has it, from its bytes.
    func holds(_ index: Int) -> Bool {
        let rule = rules[index]
        let m = message
        let c = rule.conditions
        if let visibility = c.visibility, visibility != m.visibility { return false }
        if let minFollowers = c.minFollowers, (m.followers ?? 0) < minFollowers { return false }
        if !rule.channels.isEmpty {
            guard m.withBytes(.channel, { bytes in rule.channels.contains { Self.equalIgnoringCase(bytes, $0, at: 0) } }) == true else { return false }
        }
        if !rule.authors.isEmpty {
            guard m.withBytes(.authorID, { Self.isAuthor($0, rule.authors) }) == true
                || m.withBytes(.authorHandle, { Self.isAuthor($0, rule.authors) }) == true else { return false }
        }
        return true
    }

    /// Whether an id or a handle is one of `authors`; handles are written with or without
    /// the @, and the rule's keys are without.
    private static func isAuthor(_ bytes: UnsafeRawBufferPointer, _ authors: [[UInt8]]) -> Bool {
        let skip = bytes.first == UInt8(ascii: "@") ? 1 : 0
        return authors.contains { equalIgnoringCase(bytes, $0, at: skip) }
    }

    /// Whether `bytes` from `offset` on equal `key` (lower case) when their ASCII letters
    /// are lowered; other bytes must be equal, which holds for any id or handle but one
    /// with upper-case letters outside ASCII: that one goes through `String.lowercased()`.
    private static func equalIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ key: [UInt8], at offset: Int) -> Bool {
        let rest = UnsafeRawBufferPointer(rebasing: bytes[offset...])
        if rest.contains(where: { $0 >= 0x80 }) {
            return String(decoding: rest, as: UTF8.self).lowercased().utf8.elementsEqual(key)
        }
        guard rest.count == key.count else { return false }
        for i in 0..<key.count {
            var b = rest[i]
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            if b != key[i] { return false }
        }
        return true
    }
}

/// A message given as strings, for callers outside the scan.
private struct StringSubject: TriageSubject {
    let text: String
    let channel: String
    let visibility: Visibility
    let author: Person
    let rules: [TriageClassifier.Rule]

    func holds(_ rule: Int) -> Bool { rules[rule].conditions.hold(channel: channel, visibility: visibility, author: author) }

    func withText(_ body: (UnsafeRawBufferPointer) -> Void) {
        var text = text
        text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }
}
