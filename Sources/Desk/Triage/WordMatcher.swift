/// Finds which of a set of ``WordPattern``s occur in a text, reading its UTF-8 bytes once,
/// fast enough to run on every message while an inbox loads (NSRegularExpression, at
/// some 25 MB/s, is not).
///
/// How: each pattern is filed under a key made of the first characters of its first
/// word (up to four, folded). The scan reads each word of the text only as far as its
/// fourth character, looks its key up in a bit set that stays in the first-level cache,
/// and skips the rest of the word; only when the bit is set does it compare the patterns
/// filed under that key, word by word, from there. Most words cost a table load per
/// character and one bit test.
public struct WordMatcher: Sendable {
    /// The patterns, in the order given; a match names one by its index here.
    public let patterns: [WordPattern]

    /// A pattern filed under a key.
    struct Entry: Sendable {
        var key: UInt64
        /// The first character of the pattern's second word, for a pattern whose key is a
        /// whole short first word ("не", "i"), so that a common word leads to the few
        /// patterns that go on with the next word; 0 when it does not narrow.
        var next: UInt32
        var pattern: Int32
    }

    /// Every pattern's entry, sorted by key.
    private let entries: [Entry]
    /// One bit per hash of a key: the filter the scan consults at each word.
    private let bits: [UInt64]
    /// Bit k set: some pattern's key is a stem of k characters (1 to 3), so the scan also
    /// tries each word's first k characters.
    private let shortStems: UInt32

    static let hashBits = 15

    /// A matcher for `patterns`.
    public init(_ patterns: [WordPattern]) {
        self.patterns = patterns
        var entries: [Entry] = []
        var shortStems: UInt32 = 0
        for (index, pattern) in patterns.enumerated() {
            let first = pattern.words[0]
            let n = min(first.count, 4)
            var key = Self.pack(first.prefix(n))
            var next: UInt32 = 0
            if n < 4 {
                if pattern.stems[0] {
                    shortStems |= 1 << n
                } else {
                    key = Self.complete(key, length: n)
                    if pattern.words.count > 1 { next = Self.squeeze(pattern.words[1][0]) }
                }
            }
            entries.append(Entry(key: key, next: next, pattern: Int32(index)))
        }
        entries.sort { ($0.key, $0.pattern) < ($1.key, $1.pattern) }
        var bits = [UInt64](repeating: 0, count: (1 << Self.hashBits) / 64)
        for entry in entries {
            let h = Self.hash(entry.key)
            bits[h >> 6] |= 1 << UInt64(h & 63)
        }
        self.entries = entries
        self.bits = bits
        self.shortStems = shortStems
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

    // MARK: Matching

    /// Calls `body` with the index of each pattern found in `text` (UTF-8), in the order
    /// they occur, a pattern as often as it occurs; stops when `body` returns false.
    public func forEachMatch(utf8 text: UnsafeRawBufferPointer, _ body: (Int) -> Bool) {
        guard !entries.isEmpty, let base = text.baseAddress, text.count > 0 else { return }
        TextFold.table.withUnsafeBufferPointer { table in
            bits.withUnsafeBufferPointer { bits in
                let reader = FoldedReader(bytes: base.assumingMemoryBound(to: UInt8.self), count: text.count, table: table.baseAddress!)
                scan(reader, bits.baseAddress!, body)
            }
        }
    }

    /// The indexes of the patterns found in `text`, each once, in ascending order.
    public func matches(_ text: String) -> [Int] {
        var found = Set<Int>()
        var text = text
        text.withUTF8 { utf8 in forEachMatch(utf8: UnsafeRawBufferPointer(utf8)) { found.insert($0); return true } }
        return found.sorted()
    }

    /// The scan: at each word, its key; on a set bit, the patterns filed under it.
    private func scan(_ r: FoldedReader, _ bits: UnsafePointer<UInt64>, _ body: (Int) -> Bool) {
        let n = r.count
        let shortStems = self.shortStems
        var i = 0
        // Returns false when the caller has heard enough.
        @inline(__always) func probe(_ key: UInt64, at start: Int) -> Bool {
            let h = Self.hash(key)
            guard bits[h >> 6] & (1 << UInt64(h & 63)) != 0 else { return true }
            return verify(key: key, at: start, r, body)
        }
        while i < n {
            // Separators and stray apostrophes up to the next word.
            var (code, length) = r.character(at: i)
            if code <= TextFold.ignored {
                i += length
                continue
            }
            let start = i
            var key = UInt64(Self.squeeze(code))
            var k = 1
            i += length
            if shortStems & 2 != 0, !probe(key, at: start) { return }
            // The word's first four characters, or all of it if shorter.
            var whole = false
            while k < 4 {
                guard i < n else {
                    whole = true
                    break
                }
                (code, length) = r.character(at: i)
                if code == TextFold.separator {
                    whole = true
                    break
                }
                i += length
                if code == TextFold.ignored { continue }
                key |= UInt64(Self.squeeze(code)) << (16 * UInt64(k))
                k += 1
                if k < 4, shortStems & (1 << UInt32(k)) != 0, !probe(key, at: start) { return }
            }
            if whole {
                if !probe(Self.complete(key, length: k), at: start) { return }
                continue
            }
            if !probe(key, at: start) { return }
            // The rest of the word: only where it ends matters.
            while i < n {
                let b = r.bytes[i]
                if b < 0x80 {
                    if r.table[Int(b)] == TextFold.separator { break }
                    i += 1
                    continue
                }
                (code, length) = r.character(at: i)
                if code == TextFold.separator { break }
                i += length
            }
        }
    }

    /// Compares the patterns filed under `key` with the text from the word at `start`.
    /// Returns false when `body` says to stop.
    private func verify(key: UInt64, at start: Int, _ r: FoldedReader, _ body: (Int) -> Bool) -> Bool {
        // The first entry with this key: a binary search over a few hundred at most.
        var low = 0, high = entries.count
        while low < high {
            let mid = (low + high) / 2
            if entries[mid].key < key { low = mid + 1 } else { high = mid }
        }
        var next: UInt32?  // the first character of the word after the key's word, read once if needed
        var e = low
        while e < entries.count && entries[e].key == key {
            let entry = entries[e]
            e += 1
            if entry.next != 0 {
                if next == nil { next = Self.squeeze(firstCharacterOfNextWord(after: start, r)) }
                if next != entry.next { continue }
            }
            if matches(patterns[Int(entry.pattern)], at: start, r) && !body(Int(entry.pattern)) { return false }
        }
        return true
    }

    /// The folded first character of the word after the one at `start`; a separator if none.
    private func firstCharacterOfNextWord(after start: Int, _ r: FoldedReader) -> UInt32 {
        var i = start
        var code: UInt32, length: Int
        repeat {
            guard i < r.count else { return TextFold.separator }
            (code, length) = r.character(at: i)
            i += length
        } while code != TextFold.separator
        repeat {
            guard i < r.count else { return TextFold.separator }
            (code, length) = r.character(at: i)
            i += length
        } while code <= TextFold.ignored
        return code
    }

    /// Whether `pattern` matches the text's words from the word at `start`.
    private func matches(_ pattern: WordPattern, at start: Int, _ r: FoldedReader) -> Bool {
        var i = start
        for (w, word) in pattern.words.enumerated() {
            if w > 0 {
                // Separators (and words of apostrophes only) up to the next word.
                while i < r.count {
                    let (code, length) = r.character(at: i)
                    if code > TextFold.ignored { break }
                    i += length
                }
                if i >= r.count { return false }
            }
            var k = 0
            while i < r.count {
                let (code, length) = r.character(at: i)
                if code == TextFold.separator { break }
                i += length
                if code == TextFold.ignored { continue }
                if k == word.count {
                    if pattern.stems[w] { continue }  // a stem's ending
                    return false                     // a whole word, and the text's goes on
                }
                if code != word[k] { return false }
                k += 1
            }
            if k < word.count { return false }
        }
        return true
    }
}
