/// What a customer message says, reduced to the words that tell one complaint from another:
/// the terms surge detection compares.
///
/// - Words are folded as the triage rules fold them (case, accents, `ё` is `е`, apostrophes
///   dropped), and split at punctuation and emoji.
/// - @mentions, links and hashtags' signs are set aside; numbers too, except codes of three
///   digits (`502`, `404`), which say what broke.
/// - Common words of English and Russian (`the`, `my`, `и`, `на`) are left out; a negation
///   binds to the word after it (`не работает`, `not loading`), which is what the
///   complaint is.
/// - Each word is cut to a light stem (`работает`, `работают` → `работ`; `loading`,
///   `loads` → `load`), and the words support complaints share across the two languages
///   map to one concept (`сайт` and `site`, `не работает` and `down`), so that an English
///   and a Russian complaint about the same thing can meet.
public struct SurgeTerms: Sendable, Equatable {
    /// The terms, each once, in the order first met.
    public let keys: [FoldedWord]
    /// For each term, the words as the customer wrote them (folded), for a banner.
    public let surfaces: [FoldedWord]

    /// The most terms a message keeps: what a complaint says is in its first words, and a
    /// message of a million words must cost no more than a long one.
    public static let limit = 64

    public init(_ text: String) {
        var keys: [FoldedWord] = []
        var surfaces: [FoldedWord] = []
        var seen = Set<FoldedWord>()
        var negation: String?
        for folded in Self.words(in: text) {
            if keys.count == Self.limit { break }
            let word = folded.text
            if Self.negations.contains(folded) {
                negation = word
                continue
            }
            // "не могу войти", "not able to log in": the negation belongs to what follows.
            if negation != nil && Self.modals.contains(folded) { continue }
            guard !Self.stopwords.contains(folded) else { continue }
            let stem = Self.stem(word)
            var key = Self.concept(of: stem) ?? stem
            var surface = word
            if let n = negation {
                // "не работает" is "down"; "не могу войти" is still about logging in.
                let negated = "\(n == "не" || n == "нет" || n == "ни" ? "не" : "not") \(stem)"
                key = Self.concept(of: negated) ?? (Self.concept(of: stem) ?? negated)
                surface = "\(n) \(word)"
                negation = nil
            }
            if seen.insert(FoldedWord(key)).inserted {
                keys.append(FoldedWord(key))
                surfaces.append(FoldedWord(surface))
            }
        }
        self.keys = keys
        self.surfaces = surfaces
    }

    // MARK: Words

    /// The folded words of `text`, mentions, links and long numbers left out.
    ///
    /// Text is cut into tokens at white space; a token that starts with `@`, or is a link
    /// (it holds `://`, or starts with `www.` in any case), gives no words; the others are cut into words at separators
    /// (see ``TextFold``). A word of digits is kept only when it has three (an error code,
    /// not an order number), and a word is kept to its first 32 letters.
    ///
    /// One pass over the scalars, tokens never copied: every message a connector appends is
    /// cut here, on the app's loop. A token's words are taken as they come and given back
    /// if it turns out to be a link.
    static func words(in text: String) -> [FoldedWord] {
        var words: [FoldedWord] = []
        // Enough words for the terms kept, stopwords and repeats allowed for; the pass stops
        // there, so a text of ten megabytes is not read whole.
        let most = Self.limit * 8
        var tokens = 0
        var token = TokenReader()
        var word = WordBuffer()
        func finish() {
            defer { word.clear() }
            guard !word.isEmpty, words.count < most else { return }
            if word.isDigits {
                if word.letters == 3 { words.append(word.text) }
                return
            }
            words.append(word.text)
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            // The alphabets between U+00A1 and U+167F (Latin, Greek, Cyrillic, Arabic...) hold
            // no white space: their letters need no look at the Unicode properties.
            let isSpace = v < 0x80 ? v == 0x20 || (v >= 0x09 && v <= 0x0D)
                : v > 0xA0 && v < 0x1680 ? false : scalar.properties.isWhitespace
            if isSpace {
                guard token.length > 0 else { continue }
                finish()
                token = TokenReader()
                tokens += 1
                if tokens >= most || words.count >= most { break }
                continue
            }
            if token.length == 0 { token.firstWord = words.count }
            guard token.read(v) else { continue }
            if token.isSkipped {
                // A link after all: its words so far go.
                words.removeSubrange(token.firstWord...)
                word.clear()
                continue
            }
            let code = TextFold.fold(v)
            if code == TextFold.separator {
                finish()
            } else if code != TextFold.ignored {
                word.append(code)
            }
        }
        if token.length > 0 { finish() }
        return words
    }

    /// What ``words(in:)`` knows of the token it reads: whether it is a mention or a link.
    private struct TokenReader {
        var length = 0
        /// Where the token's words start in the list.
        var firstWord = 0
        /// A mention or a link: none of it is words.
        var isSkipped = false
        /// Whether it began `www.` so far.
        private var www = true
        /// How far a `://` has got: after `:`, the slashes that followed.
        private var colon = false
        private var slashes = 0

        /// Takes in the token's next scalar; false when the token is skipped already and the
        /// scalar is not to be read.
        mutating func read(_ v: UInt32) -> Bool {
            length += 1
            if isSkipped { return false }
            if length == 1 && v == 0x40 {  // @
                isSkipped = true
                return false
            }
            if length <= 4 {
                www = www && (length == 4 ? v == 0x2E : v == 0x77 || v == 0x57)
                if length == 4 && www { isSkipped = true }
            }
            if v == 0x3A {
                colon = true
                slashes = 0
            } else if v == 0x2F && colon {
                slashes += 1
                if slashes == 2 { isSkipped = true }
            } else {
                colon = false
                slashes = 0
            }
            return true
        }
    }

    /// A word as it is folded: its first 32 letters in UTF-8, how many letters it had, and
    /// whether those kept are all digits.
    private struct WordBuffer {
        private var bytes: [UInt8] = []
        private(set) var letters = 0
        private(set) var isDigits = true

        var isEmpty: Bool { letters == 0 }
        var text: FoldedWord { FoldedWord(String(decoding: bytes, as: UTF8.self)) }

        mutating func clear() {
            bytes.removeAll(keepingCapacity: true)
            letters = 0
            isDigits = true
        }

        mutating func append(_ code: UInt32) {
            letters += 1
            // A word is at most 32 letters as kept: no banner shows a megabyte.
            guard letters <= 32 else { return }
            if isDigits {
                isDigits = code < 0x80 ? code >= 0x30 && code <= 0x39 : Unicode.Scalar(code)?.properties.numericType == .decimal
            }
            switch code {
            case ..<0x80:
                bytes.append(UInt8(code))
            case ..<0x800:
                bytes.append(UInt8(0xC0 | code >> 6))
                bytes.append(UInt8(0x80 | code & 0x3F))
            case ..<0x10000:
                bytes.append(UInt8(0xE0 | code >> 12))
                bytes.append(UInt8(0x80 | code >> 6 & 0x3F))
                bytes.append(UInt8(0x80 | code & 0x3F))
            default:
                bytes.append(UInt8(0xF0 | code >> 18))
                bytes.append(UInt8(0x80 | code >> 12 & 0x3F))
                bytes.append(UInt8(0x80 | code >> 6 & 0x3F))
                bytes.append(UInt8(0x80 | code & 0x3F))
            }
        }
    }

    /// Words that turn the next one into a complaint.
    static let negations: Set<FoldedWord> = [
        "не", "нет", "ни", "not", "no", "cant", "cannot", "dont", "doesnt", "didnt", "isnt", "wont", "wasnt", "arent", "couldnt",
    ]

    /// Words between a negation and what it negates.
    static let modals: Set<FoldedWord> = [
        "могу", "может", "можем", "могут", "получается", "удается", "удалось", "выходит", "able", "be", "to",
    ]

    /// Words that say nothing of what happened.
    static let stopwords: Set<FoldedWord> = [
        // English
        "a", "an", "the", "and", "or", "but", "if", "so", "to", "of", "in", "on", "at", "for", "with", "from", "by", "as",
        "is", "are", "was", "were", "be", "been", "am", "it", "its", "this", "that", "these", "those", "there", "here",
        "i", "im", "ive", "me", "my", "we", "our", "you", "your", "he", "she", "they", "them", "their", "his", "her",
        "do", "does", "did", "have", "has", "had", "will", "would", "can", "could", "should", "just", "again", "still",
        "any", "all", "what", "why", "how", "when", "where", "who", "get", "got", "please", "pls", "hi", "hello", "hey",
        "thanks", "thank", "guys", "yet", "now", "today", "also", "too", "very", "really", "up", "out", "about", "than",
        "then", "some", "one", "more", "ok", "okay", "lol", "omg", "wtf", "u", "ur",
        // Russian
        "и", "в", "во", "на", "с", "со", "к", "ко", "у", "о", "об", "от", "до", "по", "за", "из", "для", "при", "про",
        "а", "но", "да", "или", "что", "чтобы", "как", "так", "же", "ли", "бы", "уже", "еще", "всё", "все", "это", "этот",
        "эта", "эти", "тот", "там", "тут", "здесь", "я", "мне", "меня", "мой", "моя", "мои", "моё", "мое", "мы", "нас",
        "вы", "вас", "ваш", "ваша", "ваши", "вам", "он", "она", "они", "их", "его", "ее", "её", "то", "вот", "опять",
        "снова", "сейчас", "сегодня", "пожалуйста", "здравствуйте", "привет", "добрый", "день", "спасибо", "почему",
        "когда", "где", "кто", "какой", "можно", "есть", "был", "была", "было", "были", "быть", "просто", "очень",
        "вообще", "тоже", "даже", "только", "ну", "блин", "один", "одна", "одно", "одни",
    ]

    // MARK: Stems and concepts

    /// A light stem: a Russian or English ending cut off, what is left kept to six letters
    /// (a word of three letters or fewer stays whole).
    ///
    /// Words come folded (one scalar a letter, no combining marks), so the work is done on
    /// scalars: every message a connector appends is cut into terms, on the app's loop.
    static func stem(_ word: String) -> String {
        let letters = Array(word.unicodeScalars)
        guard letters.count > 3 else { return word }
        let isCyrillic = letters.contains { (0x430...0x44F).contains($0.value) }
        func endsWith(_ ending: [Unicode.Scalar]) -> Bool {
            letters.count >= ending.count && letters[(letters.count - ending.count)...].elementsEqual(ending)
        }
        var cut = letters.count
        for ending in isCyrillic ? russianEndingScalars : englishEndingScalars where letters.count - ending.count >= 3 && endsWith(ending) {
            cut = letters.count - ending.count
            break
        }
        if !isCyrillic && cut == letters.count && cut > 3 && letters[cut - 1] == "s" && letters[cut - 2] != "s" {
            // Plurals: "boxes", "crashes" lose "es", "codes", "pages" only "s".
            let sibilant = sibilantEndings.contains { endsWith($0) }
            cut -= sibilant ? 2 : 1
        }
        return String(String.UnicodeScalarView(letters[..<min(cut, 6)]))
    }

    private static let russianEndingScalars = russianEndings.map { Array($0.unicodeScalars) }
    private static let englishEndingScalars = englishEndings.map { Array($0.unicodeScalars) }
    private static let sibilantEndings = ["ses", "xes", "zes", "ches", "shes"].map { Array($0.unicodeScalars) }

    /// Longest first, so that `ами` is cut before `и`.
    static let russianEndings: [String] = [
        "иями", "ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими", "ешь", "ете", "ишь", "ите", "ется", "ются", "ится",
        "ятся", "ться", "тся", "ает", "яет", "ают", "яют", "ала", "али", "ало", "ила", "или", "ило", "ый", "ий", "ой",
        "ая", "яя", "ое", "ее", "ые", "ие", "ом", "ем", "ах", "ях", "ов", "ев", "ей", "ам", "ям", "ут", "ют", "ет", "ит",
        "ат", "ят", "ал", "ил", "ть", "ся", "сь", "а", "я", "ы", "и", "у", "ю", "е", "о", "ь",
    ]
    static let englishEndings: [String] = ["ing", "ed", "ly"]

    /// Stems that mean the same thing in support complaints, in both languages, and the
    /// concept each maps to: a term is that concept when its stem starts with the stem given
    /// (or is it, for a short one marked `=`, so that `apple` is no `app`).
    static let concepts: [(stem: String, concept: String)] = [
        ("не работ", "down"), ("not work", "down"), ("леж", "down"), ("упал", "down"), ("=down", "down"),
        ("outag", "down"), ("=dead", "down"), ("broken", "down"), ("сломал", "down"), ("не откр", "not open"), ("not open", "not open"), ("не груз", "not load"),
        ("не загр", "not load"), ("not load", "not load"),
        ("сайт", "site"), ("=site", "site"), ("websit", "site"),
        ("прилож", "app"), ("=app", "app"),
        ("оплат", "pay"), ("платеж", "pay"), ("=pay", "pay"), ("paymen", "pay"),
        ("вход", "login"), ("войт", "login"), ("зайт", "login"), ("логин", "login"), ("автори", "login"),
        ("login", "login"), ("=log", "login"), ("=sign", "login"), ("signin", "login"), ("аккаун", "login"),
        ("accoun", "login"), ("кабин", "login"), ("парол", "login"), ("passwo", "login"), ("не пуск", "login"),
        ("ошибк", "error"), ("error", "error"),
        ("=код", "code"), ("code", "code"), ("=otp", "code"), ("verifi", "code"), ("=смс", "sms"), ("=sms", "sms"),
        ("карт", "card"), ("=card", "card"),
        ("спис", "charge"), ("charg", "charge"), ("снял", "charge"), ("дважд", "twice"), ("=twice", "twice"),
        ("double", "twice"),
        ("заказ", "order"), ("order", "order"),
        ("вылет", "crash"), ("краш", "crash"), ("crash", "crash"), ("=пад", "crash"), ("закрыв", "crash"),
        ("не запуск", "crash"),
        ("оформ", "checkout"), ("checko", "checkout"),
    ]

    static func concept(of key: String) -> String? {
        let scalars = Array(key.unicodeScalars)
        for c in conceptScalars where c.exact ? scalars == c.stem : scalars.starts(with: c.stem) { return c.concept }
        return nil
    }

    /// ``concepts`` as scalars, the `=` read once.
    private static let conceptScalars: [(exact: Bool, stem: [Unicode.Scalar], concept: String)] = concepts.map { stem, concept in
        stem.hasPrefix("=") ? (true, Array(stem.dropFirst().unicodeScalars), concept) : (false, Array(stem.unicodeScalars), concept)
    }
}
