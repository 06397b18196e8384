import Foundation
import InboxFormat

/// One triage rule: a level for the customer messages that match its words or regular
/// expressions and meet its conditions (`[[triage.rule]]` in `config.toml`).
///
/// A rule with conditions and neither words nor regular expressions matches every
/// customer message that meets the conditions: that is how a rule for important
/// customers is written.
public struct TriageRule: Sendable, Equatable {
    /// What the rule is called in problems and in the docs.
    public var name: String
    /// The level a matching message gets.
    public var level: PriorityLevel
    /// Phrases any of which, found in the text, makes the rule match (see ``WordPattern``).
    public var words: [WordPattern]
    /// Regular expressions (ICU syntax) any of which, found in the text, makes the rule
    /// match. They are not run while an inbox loads: see ``TriageRules/regexLevel(text:channel:visibility:author:)``.
    public var regexes: [TriageRegex]
    /// Who and where: every condition given must hold.
    public var conditions: TriageConditions

    /// A rule; without words and regexes, `conditions` alone decide.
    public init(name: String, level: PriorityLevel, words: [WordPattern] = [], regexes: [TriageRegex] = [],
                conditions: TriageConditions = TriageConditions()) {
        self.name = name
        self.level = level
        self.words = words
        self.regexes = regexes
        self.conditions = conditions
    }

    /// True when the rule has neither words nor regular expressions: its conditions alone decide.
    public var matchesOnConditions: Bool { words.isEmpty && regexes.isEmpty }
}

/// The conditions of a ``TriageRule`` on a message's place and author; nil or empty means
/// no condition.
public struct TriageConditions: Sendable, Equatable {
    /// The channels the message must be in (lower case), empty for any.
    public var channels: Set<String> = []
    /// Public or private, nil for either.
    public var visibility: Visibility?
    /// The least number of followers the author must have.
    public var minFollowers: Int64?
    /// Authors, by id or handle, lower case and without a leading @: the message must be
    /// from one of them. Empty for anyone.
    public var authors: Set<String> = []

    /// Conditions; channels are compared in lower case, authors as ``authorKey(_:)`` gives them.
    public init(channels: Set<String> = [], visibility: Visibility? = nil, minFollowers: Int64? = nil, authors: Set<String> = []) {
        self.channels = Set(channels.map { $0.lowercased() })
        self.visibility = visibility
        self.minFollowers = minFollowers
        self.authors = Set(authors.map(Self.authorKey))
    }

    /// True when nothing is asked.
    public var isEmpty: Bool { channels.isEmpty && visibility == nil && minFollowers == nil && authors.isEmpty }

    /// How an id or a handle is compared: lower case, without a leading @.
    public static func authorKey(_ text: String) -> String {
        let lower = text.lowercased()
        return lower.hasPrefix("@") ? String(lower.dropFirst()) : lower
    }

    /// Whether a message in `channel`, with `visibility`, from `author` meets the conditions.
    public func hold(channel: String, visibility: Visibility, author: Person) -> Bool {
        if !channels.isEmpty && !channels.contains(channel.lowercased()) { return false }
        if let wanted = self.visibility, wanted != visibility { return false }
        if let minFollowers, (author.followers ?? 0) < minFollowers { return false }
        if !authors.isEmpty {
            let handle = author.handle.map(Self.authorKey)
            if !authors.contains(Self.authorKey(author.id)) && !(handle.map(authors.contains) ?? false) { return false }
        }
        return true
    }
}

/// A rule's regular expression: the source as written, compiled once, matched without
/// regard to case or accents.
public struct TriageRegex: Sendable, Equatable, CustomStringConvertible {
    /// The expression as written in the config.
    public let source: String
    let regex: NSRegularExpression

    /// Compiles `source`; an invalid expression says why.
    public init(_ source: String) throws(PatternError) {
        do {
            // The expression loses its accents as the text does (see TextFold.forRegex);
            // case is the option's business, since lower-casing an expression would turn \D into \d.
            regex = try NSRegularExpression(pattern: TextFold.forRegex(source, lowercase: false), options: [.caseInsensitive])
        } catch {
            throw PatternError(reason: "not a valid regular expression")
        }
        self.source = source
    }

    /// Whether the expression occurs in `folded`, a text as ``TextFold/forRegex(_:lowercase:)`` gives it.
    func occurs(in folded: String) -> Bool {
        regex.firstMatch(in: folded, range: NSRange(folded.startIndex..., in: folded)) != nil
    }

    /// The expression as written.
    public var description: String { source }
    /// Two expressions are the same when written the same.
    public static func == (a: Self, b: Self) -> Bool { a.source == b.source }
}
