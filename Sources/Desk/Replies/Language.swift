/// A language the desk tells from a message's letters, to answer a customer in theirs.
///
/// Detection is one pass over the UTF-8 bytes with no allocation, cheap enough to run on
/// every message while an inbox loads; the raw value fits the few bits a classifier keeps
/// per message.
public enum DetectedLanguage: UInt8, Sendable, CaseIterable {
    case english = 1
    case russian = 2

    /// The code templates and `config.toml` use: "en", "ru".
    public var code: String {
        switch self {
        case .english: return "en"
        case .russian: return "ru"
        }
    }

    /// The language of `text`, or nil when its letters do not tell (too few, another
    /// script, or Latin letters without a common English word: German or Spanish is not
    /// English).
    public static func of(_ text: String) -> DetectedLanguage? {
        var text = text
        return text.withUTF8 { of(utf8: $0) }
    }

    /// The language of a text given as UTF-8 bytes: a field of a line, as the scanner
    /// sees it. Invalid UTF-8 only counts for less.
    public static func of(utf8 bytes: UnsafeRawBufferPointer) -> DetectedLanguage? {
        of(utf8: bytes.bindMemory(to: UInt8.self))
    }

    /// The language of a text given as UTF-8 bytes. Not generic on purpose: a generic
    /// function called from another module runs unspecialised, several times slower.
    public static func of(utf8 bytes: UnsafeBufferPointer<UInt8>) -> DetectedLanguage? {
        let markers = englishMarkers
        var latin = 0, russian = 0, otherCyrillic = 0, other = 0
        var englishWords = 0
        // The ASCII word being read, lower-cased and packed into 8 bytes; `wordLength`
        // past 8 means the word is too long to be one of the short English markers.
        var word: UInt64 = 0
        var wordLength = 0
        var inMention = false
        var lead: UInt8 = 0  // the lead byte of a two-byte sequence, while reading its second byte

        func endWord() {
            if wordLength > 0 && wordLength <= 8 && markers.contains(word) { englishWords += 1 }
            word = 0
            wordLength = 0
        }

        for b in bytes {
            if lead != 0 {
                // U+0400-U+04FF: the Russian alphabet (А-я, Ё, ё) or another Cyrillic letter.
                let scalar = (UInt32(lead & 0x1F) << 6) | UInt32(b & 0x3F)
                if lead >= 0xD0 && lead <= 0xD3 {
                    if (0x410...0x44F).contains(scalar) || scalar == 0x401 || scalar == 0x451 {
                        russian += 1
                    } else {
                        otherCyrillic += 1
                    }
                } else if lead >= 0xC3 && lead <= 0xC9 {
                    latin += 1  // é, ü, ł: Latin letters, though not English ones
                } else if lead >= 0xCE {
                    other += 1  // Greek, Armenian, Hebrew, Arabic (CC and CD are combining accents)
                }
                lead = 0
                continue
            }
            if b >= 0x80 {
                endWord()
                if b >= 0xC2 && b <= 0xDF && !inMention {
                    lead = b
                } else if b >= 0xE0 && b <= 0xED && b != 0xE2 && !inMention {
                    // Indic, CJK, Hangul; E2 leads punctuation (—, …, ₽), EF the emoji
                    // variation selector, F0 the emoji themselves: none of them letters.
                    other += 1
                }
                continue
            }
            let isLetter = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
            if inMention {
                // @handles and their letters name accounts, not the writer's language.
                if isLetter || (b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x2E { continue }
                inMention = false
            }
            if isLetter {
                latin += 1
                wordLength += 1
                if wordLength <= 8 { word = word << 8 | UInt64(b | 0x20) }
            } else if b == 0x27 && wordLength > 0 {
                wordLength += 1  // can't, i'm
                if wordLength <= 8 { word = word << 8 | UInt64(b) }
            } else {
                endWord()
                if b == 0x40 { inMention = true }
            }
        }
        endWord()

        let cyrillic = russian + otherCyrillic
        let letters = latin + cyrillic + other
        guard letters > 0 else { return nil }
        if cyrillic * 2 > letters {
            // Ukrainian, Belarusian or Serbian use letters Russian does not (і, ї, є, ў, ј).
            return otherCyrillic * 50 > cyrillic ? nil : .russian
        }
        if latin * 2 > letters && englishWords > 0 { return .english }
        return nil
    }

    /// The language of a thread: that of the customer's latest message that tells one,
    /// since a customer who switches language expects the answer in the new one.
    /// `newestFirst` is the customer's messages, newest first; it is read only as far as needed.
    public static func ofThread<Texts: Sequence>(newestFirst texts: Texts) -> DetectedLanguage? where Texts.Element == String {
        for text in texts {
            if let language = of(text) { return language }
        }
        return nil
    }

    /// Short words common in English and rare as words of the other languages written in
    /// Latin letters, packed as `of(utf8:)` packs the words it reads.
    private static let englishMarkers = WordTable([
        "the", "and", "you", "your", "you're", "is", "are", "was", "were", "it", "it's", "i'm", "i've",
        "i'll", "to", "of", "for", "with", "this", "that", "what", "why", "how", "when", "where", "who",
        "can", "can't", "cannot", "don't", "doesn't", "didn't", "won't", "isn't", "not", "just",
        "again", "still", "now", "please", "thanks", "thank", "hello", "hi", "hey", "my", "we", "our",
        "they", "have", "has", "had", "been", "be", "from", "about", "any", "anyone", "every",
        "there", "here", "would", "could", "should", "get", "got", "yet", "since", "but", "if", "or",
    ].map { word in word.utf8.reduce(UInt64(0)) { $0 << 8 | UInt64($1) } })
}

/// A fixed set of packed words, looked up with a multiply and a compare or two: a `Set`
/// would hash every word of every message with SipHash.
struct WordTable: Sendable {
    private var slots: [UInt64]
    private let shift: UInt64

    init(_ words: [UInt64]) {
        // At most a quarter full, so a probe rarely goes past its first slot.
        var bits = 4
        while 1 << bits < words.count * 4 { bits += 1 }
        slots = [UInt64](repeating: 0, count: 1 << bits)
        shift = UInt64(64 - bits)
        for word in words {
            var i = slot(word)
            while slots[i] != 0 && slots[i] != word { i = (i + 1) & (slots.count - 1) }
            slots[i] = word
        }
    }

    private func slot(_ word: UInt64) -> Int { Int((word &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// True for a word of the table; 0, the empty slot, is never one.
    func contains(_ word: UInt64) -> Bool {
        var i = slot(word)
        while true {
            let here = slots[i]
            if here == word { return word != 0 }
            if here == 0 { return false }
            i = (i + 1) & (slots.count - 1)
        }
    }
}
