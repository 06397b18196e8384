/// Finds which of a set of ``WordPattern``s occur in a text, reading its UTF-8 bytes once,
/// fast enough to run on every message while an inbox loads (NSRegularExpression, at
/// some 25 MB/s, is not).
///
/// How: each pattern is filed under a key made of the first characters of its first
/// word (up to four, folded). The scan finds where words begin sixty-four bytes at a time
/// (``ByteBlock``), so it never walks a word byte by byte; at each word it makes the key
/// from the word's first bytes, in one piece for a word of ASCII or of two-byte letters
/// (Cyrillic, Latin with accents), and looks it up in a bit set that stays in the
/// first-level cache. Only when the bit is set does it compare the patterns filed under
/// that key with the text, word by word (`WordMatcher+Verify.swift`).
///
/// A stem shorter than four letters (`дым*`) cannot be filed under four: each such length
/// makes the scan look every word up once more, so the built-in rules have none.
///
/// The text must be UTF-8, as the store's scanner and Swift strings guarantee: other
/// bytes are read safely, but words around them may be found or missed differently.
public struct WordMatcher: Sendable {
    /// The patterns, in the order given; a match names one by its index here.
    public let patterns: [WordPattern]

    /// Every pattern's key, sorted by its hash, then by key and by the next word's first
    /// character; `entries` holds the patterns in the same order.
    let keys: [UInt64]
    let entries: [Entry]
    /// Where each hash's keys lie in `keys`: an open-addressed table (a key's hash, the
    /// first index, the count), four times as many slots as hashes, so that a word the
    /// filter lets through finds its patterns in a step or two.
    let buckets: [UInt64]
    /// The filter the scan consults at each word: one bit per hash, in three sets of
    /// ``filterWords`` words each, for each rank of patterns (see ``filterOfRank``). `single`: the keys of one-word patterns. `pair`: the
    /// keys of longer patterns with the first character of their second word (see
    /// ``pairHash(_:_:)``). `multi`: the keys of longer patterns alone, for a word whose
    /// next word the scan cannot see at once. So a common first word ("не", "payment")
    /// costs a comparison only when the word after it could go on with a pattern.
    let filter: FilterBits
    /// For each least rank a caller wants (0 to 255): which of the filter's rank sets to
    /// read (each ``filterWords`` times three words long), or -1 when no pattern is ranked
    /// that high and the scan can stop.
    let filterOfRank: [Int16]
    /// Bit k set: some pattern's key is a stem of k characters (1 to 3), so the scan also
    /// tries each word's first k characters.
    let shortStems: UInt32

    /// All patterns' words, folded, one after another, as the comparison reads them
    /// (not through `patterns`, whose arrays would be retained at every look).
    let codes: [UInt32]
    /// Each word's characters in `codes`, and whether it is a stem.
    let words: [Word]
    /// Each pattern's words in `words`.
    let phrases: [Range<Int32>]

    /// A pattern filed under a key.
    struct Entry: Sendable {
        /// The first character of the pattern's second word (squeezed), 0 for a pattern of
        /// one word. With `second`, read once from the text at a key's word, it rules out
        /// most of the patterns that begin with a common word ("не", "списали") without
        /// comparing them.
        var next: UInt32
        /// The second word's second character: ``wordEnd`` for a word of one letter, 0 for
        /// a stem of one letter (anything may follow).
        var second: UInt32
        /// The fifth and sixth characters of the first word (squeezed, 16 bits each) when the
        /// key holds its first four: ``wordEnd`` where a whole word ends, 0 where a stem does
        /// (anything may follow); all 0 for a key of a short word. "пожалуйста" and "пожар"
        /// share a key, not a fifth letter.
        var tail: UInt32
        var pattern: Int32
        /// The pattern's rank (see ``WordMatcher/init(_:ranks:)``).
        var rank: UInt8
    }

    /// A word's end, where an entry's `second` character is: no character has this code.
    static let wordEnd: UInt32 = 0xFFFF

    struct Word: Sendable {
        var codes: Range<Int32>
        var stem: Bool
    }

    static let hashBits = 14
    /// The words of each of the filter's three bit sets.
    static let filterWords = (1 << hashBits) / 64

    /// A matcher for `patterns`, each with a rank (all 0 if not given): a caller that
    /// wants only patterns from some rank up says so as it goes (the classifier, once it
    /// has a level, wants only rules that could raise it), and the others cost no comparison.
    public init(_ patterns: [WordPattern], ranks: [UInt8]? = nil) {
        precondition(ranks == nil || ranks!.count == patterns.count, "a rank for each pattern")
        self.patterns = patterns
        var filed: [(key: UInt64, entry: Entry)] = []
        var shortStems: UInt32 = 0
        var codes: [UInt32] = []
        var words: [Word] = []
        var phrases: [Range<Int32>] = []
        for (index, pattern) in patterns.enumerated() {
            let first = pattern.words[0]
            let n = min(first.count, 4)
            var key = Self.pack(first.prefix(n))
            if n < 4 {
                if pattern.stems[0] {
                    shortStems |= 1 << n
                } else {
                    key = Self.complete(key, length: n)
                }
            }
            var next: UInt32 = 0, second: UInt32 = 0
            if pattern.words.count > 1 {
                let word = pattern.words[1]
                next = Self.squeeze(word[0])
                second = word.count > 1 ? Self.squeeze(word[1]) : pattern.stems[1] ? 0 : Self.wordEnd
            }
            var tail: UInt32 = 0
            if n == 4 {
                for (k, shift) in [(4, 0), (5, 16)] as [(Int, UInt32)] {
                    let code = k < first.count ? Self.squeeze(first[k]) : pattern.stems[0] || k > first.count ? 0 : Self.wordEnd
                    tail |= code << shift
                }
            }
            filed.append((key, Entry(next: next, second: second, tail: tail, pattern: Int32(index), rank: ranks?[index] ?? 0)))
            let firstWord = Int32(words.count)
            for (word, stem) in zip(pattern.words, pattern.stems) {
                words.append(Word(codes: Int32(codes.count)..<Int32(codes.count + word.count), stem: stem))
                codes += word
            }
            phrases.append(firstWord..<Int32(words.count))
        }
        // By hash, then key; under a key the one-word patterns first, then by the next
        // word's first character, so that a common first word ("не") leads straight to the
        // few patterns that go on with what follows it in the text.
        filed.sort {
            (Self.hash($0.key), $0.key, $0.entry.next, $0.entry.second, $0.entry.pattern)
                < (Self.hash($1.key), $1.key, $1.entry.next, $1.entry.second, $1.entry.pattern)
        }
        var hashes: [(hash: Int, first: Int, count: Int)] = []
        for (i, (key, _)) in filed.enumerated() {
            let h = Self.hash(key)
            if hashes.last?.hash == h { hashes[hashes.count - 1].count += 1 } else { hashes.append((h, i, 1)) }
        }
        var buckets = [UInt64](repeating: 0, count: max(64, 1 << (Int.bitWidth - (hashes.count * 4).leadingZeroBitCount)))
        for (h, first, count) in hashes {
            var slot = h & (buckets.count - 1)
            while buckets[slot] != 0 { slot = (slot + 1) & (buckets.count - 1) }
            buckets[slot] = 1 << 63 | UInt64(h) << 48 | UInt64(first) << 24 | UInt64(count)
        }
        self.buckets = buckets
        // One filter for each rank a caller may come to want least: the patterns of that
        // rank and up. Once a message has a level, the words of lower rules stop at the filter.
        let ranksPresent = Set(filed.map(\.entry.rank)).sorted()
        let filter = FilterBits(count: 3 * Self.filterWords * ranksPresent.count)
        for (index, least) in ranksPresent.enumerated() {
            let offset = index * 3 * Self.filterWords
            func set(_ set: Int, _ h: Int) { filter.words[offset + set * Self.filterWords + h >> 6] |= 1 << UInt64(h & 63) }
            for (key, entry) in filed where entry.rank >= least {
                if entry.next == 0 {
                    set(0, Self.hash(key))
                } else {
                    set(1, Self.pairHash(key, entry.next))
                    set(2, Self.hash(key))
                }
            }
        }
        var filterOfRank = [Int16](repeating: -1, count: 256)
        for least in 0..<256 {
            if let index = ranksPresent.firstIndex(where: { Int($0) >= least }) { filterOfRank[least] = Int16(index) }
        }
        self.filterOfRank = filterOfRank
        keys = filed.map(\.key)
        entries = filed.map(\.entry)
        self.filter = filter
        self.shortStems = shortStems
        self.codes = codes
        self.words = words
        self.phrases = phrases
    }

    /// True when there are no patterns: every text matches nothing.
    public var isEmpty: Bool { patterns.isEmpty }

    // MARK: Keys

    /// A folded character in 16 bits: a key is four of them in a word. Characters above
    /// U+FFFF share their bits with others, which only makes the filter say "maybe".
    @inline(__always)
    static func squeeze(_ code: UInt32) -> UInt32 { (code & 0xFFFF) ^ (code >> 16) }

    static func pack<C: Collection>(_ codes: C) -> UInt64 where C.Element == UInt32 {
        var key: UInt64 = 0
        for (i, code) in codes.enumerated() { key |= UInt64(squeeze(code)) << (16 * UInt64(i)) }
        return key
    }

    /// The key of a whole word of `length` (< 4) characters, told apart from the key of
    /// the same characters as the start of a longer word by an end mark no character has.
    @inline(__always)
    static func complete(_ key: UInt64, length: Int) -> UInt64 { key | 0xFFFF << (16 * UInt64(length)) }

    @inline(__always)
    static func hash(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - hashBits)) }

    /// The hash of a key together with the first character (squeezed) of the next word.
    @inline(__always)
    static func pairHash(_ key: UInt64, _ next: UInt32) -> Int { hash(key ^ UInt64(next) &* 0xD6E8_FEB8_6659_FD93) }

    // MARK: Matching

    /// Calls `body` with the index of each pattern found in `text` (UTF-8), in the order
    /// they occur, a pattern as often as it occurs; stops when `body` returns false.
    public func forEachMatch(utf8 text: UnsafeRawBufferPointer, _ body: (Int) -> Bool) {
        forEachMatch(utf8: text, ranked: { body($0) ? 0 : nil })
    }

    /// ``forEachMatch(utf8:_:)`` for a caller that wants fewer patterns as it goes: `body`
    /// returns the least rank it still wants (patterns ranked lower are not compared), or
    /// nil to stop.
    public func forEachMatch(utf8 text: UnsafeRawBufferPointer, ranked body: (Int) -> UInt8?) {
        guard !keys.isEmpty, let base = text.baseAddress, text.count > 0 else { return }
        let reader = FoldedReader(bytes: base.assumingMemoryBound(to: UInt8.self), count: text.count,
                                  table: TextFold.tableStart.start, pairs: TextFold.pairs.start)
        scan(reader, UnsafePointer(filter.words), body)
    }

    /// The indexes of the patterns found in `text`, each once, in ascending order.
    public func matches(_ text: String) -> [Int] {
        var found = Set<Int>()
        var text = text
        text.withUTF8 { utf8 in forEachMatch(utf8: UnsafeRawBufferPointer(utf8)) { found.insert($0); return true } }
        return found.sorted()
    }
}

/// The filter's bit sets where the scan reads them: a plain allocation, so that a message's
/// scan costs no retain and no exclusivity check; freed with the matcher.
final class FilterBits: @unchecked Sendable {
    // Sendable: filled in by the matcher's initialiser, read-only after.
    let words: UnsafeMutablePointer<UInt64>

    init(count: Int) {
        words = .allocate(capacity: count)
        words.initialize(repeating: 0, count: count)
    }

    deinit { words.deallocate() }
}
