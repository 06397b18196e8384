import Foundation

/// What makes this moment special for a reply, so that the templates written for it come
/// first in the picker. A template names its moments in its `moment:` header.
public struct ReplyMoment: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The team is away: outside the business hours of `config.toml`.
    public static let afterHours = ReplyMoment(rawValue: 1 << 0)
    /// The customer's first message in the thread is angry (see ``Tone``).
    public static let angry = ReplyMoment(rawValue: 1 << 1)
    /// Many customers are writing about the same thing at once. Nothing sets it yet: it is
    /// the hook for surge detection, which will set it for the threads of a surge.
    public static let surge = ReplyMoment(rawValue: 1 << 2)

    /// Each moment by the name a template header gives it.
    public static let byName: [String: ReplyMoment] = ["after-hours": .afterHours, "angry": .angry, "surge": .surge]
}

/// How a customer's message sounds, as far as cheap signs tell.
public enum Tone {
    /// True when `text` reads as angry: an angry emoji, "!!!" or "?!", shouting in capitals,
    /// or a word of outrage (English and Russian). Meant to order templates, not to judge
    /// people: a miss only means the angry-customer template is not listed first.
    public static func isAngry(_ text: String) -> Bool {
        var upper = 0, letters = 0, bangs = 0, maxBangs = 0
        var previous: Unicode.Scalar = " "
        // Scalars, not characters: "🤦‍♀️" is one character but starts with the scalar 🤦.
        for s in text.unicodeScalars {
            if angryEmoji.contains(s) { return true }
            if s == "!" {
                bangs += 1
                maxBangs = max(maxBangs, bangs)
                if previous == "?" { return true }
            } else {
                if s == "?" && previous == "!" { return true }
                bangs = 0
            }
            if s.properties.isAlphabetic {
                letters += 1
                if s.properties.isUppercase { upper += 1 }
            }
            previous = s
        }
        if maxBangs >= 3 { return true }
        // Shouting: mostly capitals over more than a word or two; "PAY-502" is not.
        if letters >= 12 && upper * 10 >= letters * 6 { return true }
        let lower = text.lowercased()
        return outrage.contains { lower.contains($0) }
    }

    private static let angryEmoji: Set<Unicode.Scalar> = ["😡", "🤬", "😠", "😤", "👎", "🙄", "🤦", "💢"]

    /// Words, or their stems, that people use when they are angry rather than sad.
    private static let outrage = [
        "seriously?", "ridiculous", "unacceptable", "worst", "terrible", "awful", "disgusting", "useless",
        "pathetic", "scam", "furious", "wtf", "fed up", "take my money elsewhere",
        "ужас", "кошмар", "безобраз", "отвратит", "позор", "издеват", "сколько можно", "надоел", "бесит",
        "обман", "развод", "ни в какие ворота", "верните деньги",
    ]
}
