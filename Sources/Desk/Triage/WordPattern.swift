/// One entry of a triage rule's `words`: a phrase of words that must follow one another
/// in a message, compared as ``TextFold`` reads text (any case, accents, apostrophes).
///
/// A word ending in `*` is a stem and matches every word that begins with it, so one
/// pattern covers a Russian word's endings: `списал*` matches списал, списали,
/// списались. Other words match whole: `fire` matches "Fire!" but not "firewall".
/// Punctuation inside a pattern separates its words as it does in a message, so
/// `e-mail` is the two words "e mail".
public struct WordPattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let text: String
    /// Each word's folded characters.
    let words: [[UInt32]]
    /// For each word, whether it is a stem (written with a trailing `*`).
    let stems: [Bool]

    /// Parses `text`; a pattern without words, or with a `*` anywhere but at the end of a
    /// word, says why.
    public init(_ text: String) throws(PatternError) {
        var words: [[UInt32]] = []
        var stems: [Bool] = []
        var word: [UInt32] = []
        var afterStar = false
        for scalar in text.unicodeScalars {
            if scalar == "*" {
                guard !word.isEmpty else { throw PatternError(reason: "a * goes at the end of a word, as in списал*") }
                words.append(word)
                stems.append(true)
                word = []
                afterStar = true
                continue
            }
            let code = TextFold.fold(scalar.value)
            if code == TextFold.separator {
                if !word.isEmpty {
                    words.append(word)
                    stems.append(false)
                    word = []
                }
                afterStar = false
            } else if code != TextFold.ignored {
                // "ab*c" would read as a stem glued to another word: say so rather than guess.
                if afterStar { throw PatternError(reason: "a * goes at the end of a word, as in списал*") }
                word.append(code)
            }
        }
        if !word.isEmpty {
            words.append(word)
            stems.append(false)
        }
        guard !words.isEmpty else { throw PatternError(reason: "no words in it") }
        self.text = text
        self.words = words
        self.stems = stems
    }

    /// The pattern as written.
    public var description: String { text }

    /// Two patterns are the same when written the same (the folded words follow from the text).
    public static func == (a: Self, b: Self) -> Bool { a.text == b.text }
    /// Hashes the text, as `==` compares it.
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}

/// Why a rule's word pattern or regular expression cannot be used.
public struct PatternError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in words for the person who wrote the rule.
    public var reason: String
    /// The reason.
    public var description: String { reason }
}
