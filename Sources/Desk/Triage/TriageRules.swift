import Foundation
import InboxFormat

/// The triage rules in force: the built-in ones (``TriageRule/defaults``) unless
/// `[triage] default_rules = false`, then the user's `[[triage.rule]]` tables.
///
/// A customer message's level is the highest of the rules it matches; none matched
/// means the rules say nothing (it counts as `normal`). Company messages are never
/// classified. Word rules run on every message while an inbox loads, through
/// ``classifier()``; regular-expression rules cost too much for that and run only where
/// the caller asks, through ``regexLevel(text:channel:visibility:author:)``.
public struct TriageRules: Sendable, Equatable {
    /// Whether the built-in rules apply (`[triage] default_rules`, default true).
    public var defaultRules: Bool
    /// The user's rules, in the order of the config file.
    public var rules: [TriageRule]

    /// The built-in rules (unless `defaultRules` is false), then `rules`.
    public init(defaultRules: Bool = true, rules: [TriageRule] = []) {
        self.defaultRules = defaultRules
        self.rules = rules
    }

    /// Every rule in force: the built-in ones when on, then the user's.
    public var active: [TriageRule] { (defaultRules ? TriageRule.defaults : []) + rules }

    /// True when some rule in force has a regular expression, so that the caller has
    /// ``regexLevel(text:channel:visibility:author:)`` to run at all.
    public var hasRegexRules: Bool { active.contains { !$0.regexes.isEmpty } }

    /// The classifier that applies the word rules and every rule's conditions to each
    /// message while an inbox loads (its value: a ``PriorityLevel`` raw value, 0 for none).
    public func classifier() -> TriageClassifier { TriageClassifier(rules: active) }

    /// The highest level among the rules whose regular expression occurs in `text` and
    /// whose conditions hold; nil when none does. For a customer message (the caller
    /// knows the direction); the expressions are matched case-insensitively against the
    /// text without accents (see ``TriageRegex``). Allocates and runs ICU: call it for the
    /// open customer messages of open threads, not for a whole inbox.
    public func regexLevel(text: String, channel: String, visibility: Visibility, author: Person) -> PriorityLevel? {
        var best: PriorityLevel?
        var folded: String?
        for rule in active where !rule.regexes.isEmpty {
            if let best, rule.level <= best { continue }
            guard rule.conditions.hold(channel: channel, visibility: visibility, author: author) else { continue }
            if folded == nil { folded = TextFold.forRegex(text, lowercase: true) }
            if rule.regexes.contains(where: { $0.occurs(in: folded!) }) { best = rule.level }
        }
        return best
    }
}
