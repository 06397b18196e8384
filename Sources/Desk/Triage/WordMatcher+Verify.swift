extension WordMatcher {
    /// Compares the patterns filed under `key` with the text from the word at `start`.
    /// `next` is where the word after it starts, when the scan knows (else -1); a pattern
    /// ranked below `least` is not compared, and `body` sets `least` anew. Returns false
    /// when `body` says to stop. Rare: only where the filter says "maybe".
    func verify(key: UInt64, at start: Int, next nextStart: Int, _ r: FoldedReader,
                _ least: inout UInt8, _ body: (Int) -> UInt8?) -> Bool {
        let h = Self.hash(key)
        var slot = h & (buckets.count - 1)
        var bucket = buckets[slot]
        while bucket != 0 && Int(bucket >> 48 & 0x7FFF) != h {
            slot = (slot + 1) & (buckets.count - 1)
            bucket = buckets[slot]
        }
        guard bucket != 0 else { return true }
        // This key's entries among those of its hash.
        let first = Int(bucket >> 24 & 0xFF_FFFF), end = first + Int(bucket & 0xFF_FFFF)
        var e = first
        while e < end && keys[e] != key { e += 1 }
        var keyEnd = e
        while keyEnd < end && keys[keyEnd] == key { keyEnd += 1 }
        // The fifth and sixth characters of the key's word, read once if some entry asks.
        var tail: UInt32?
        func tailFits(_ entry: Entry) -> Bool {
            guard entry.tail != 0 else { return true }
            if tail == nil { tail = wordTail(at: start, r) }
            return (entry.tail & 0xFFFF == 0 || entry.tail & 0xFFFF == tail! & 0xFFFF)
                && (entry.tail >> 16 == 0 || entry.tail >> 16 == tail! >> 16)
        }
        func compare(_ entry: Entry) -> Bool {
            let pattern = Int(entry.pattern)
            guard entry.rank >= least, occurs(phrases[pattern], at: start, r) else { return true }
            guard let wanted = body(pattern) else { return false }
            least = wanted
            return true
        }
        // One-word patterns first.
        while e < keyEnd && entries[e].next == 0 {
            if tailFits(entries[e]) && !compare(entries[e]) { return false }
            e += 1
        }
        guard e < keyEnd else { return true }
        // Then those whose second word begins as the text's next word does: found by halves.
        let (next, second) = nextWordBeginning(after: start, known: nextStart, r)
        var high = keyEnd
        while e < high {
            let mid = (e + high) / 2
            if entries[mid].next < next { e = mid + 1 } else { high = mid }
        }
        while e < keyEnd && entries[e].next == next {
            let entry = entries[e]
            if (entry.second == 0 || entry.second == second) && tailFits(entry) && !compare(entry) { return false }
            e += 1
        }
        return true
    }

    /// The fifth and sixth characters (squeezed) of the word at `start`, as ``Entry/tail``
    /// has them: ``wordEnd`` past the word's end.
    private func wordTail(at start: Int, _ r: FoldedReader) -> UInt32 {
        var i = start
        var k = 0
        var tail = Self.wordEnd | Self.wordEnd << 16
        while i < r.count && k < 6 {
            let (code, length) = r.character(at: i)
            if code == TextFold.separator { break }
            i += length
            if code == TextFold.ignored { continue }
            if k == 4 { tail = Self.squeeze(code) | Self.wordEnd << 16 }
            if k == 5 { tail = tail & 0xFFFF | Self.squeeze(code) << 16 }
            k += 1
        }
        return tail
    }

    /// The first two characters (squeezed) of the word after the one at `start`, which
    /// starts at `known` if that is not -1; ``wordEnd`` for the second of a one-letter
    /// word, and two separators (0) if there is no next word.
    private func nextWordBeginning(after start: Int, known: Int, _ r: FoldedReader) -> (UInt32, UInt32) {
        var i = known
        if i < 0 {
            // Past the key's word, then separators and apostrophes.
            i = start
            while i < r.count && r.character(at: i).code != TextFold.separator { i += r.character(at: i).length }
        }
        var first: UInt32 = 0
        while i < r.count {
            let (code, length) = r.character(at: i)
            i += length
            if code == TextFold.ignored { continue }
            if code == TextFold.separator {
                if first == 0 { continue }
                return (first, Self.wordEnd)
            }
            if first != 0 { return (first, Self.squeeze(code)) }
            first = Self.squeeze(code)
        }
        return (first, first == 0 ? 0 : Self.wordEnd)
    }

    /// Whether the pattern whose words are `phrase` matches the text's words from the word
    /// at `start`, reading the text as it goes: most candidates differ within a character
    /// or two of the second word, which is all they cost.
    private func occurs(_ phrase: Range<Int32>, at start: Int, _ r: FoldedReader) -> Bool {
        var i = start
        for w in phrase {
            let word = words[Int(w)]
            if w > phrase.lowerBound {
                // Separators (and words of apostrophes only) up to the next word.
                while i < r.count {
                    let (code, length) = r.character(at: i)
                    if code > TextFold.ignored { break }
                    i += length
                }
                if i >= r.count { return false }
            }
            var k = Int(word.codes.lowerBound)
            let end = Int(word.codes.upperBound)
            while i < r.count {
                let (code, length) = r.character(at: i)
                if code == TextFold.separator { break }
                i += length
                if code == TextFold.ignored { continue }
                if k == end {
                    if word.stem { continue }  // a stem's ending
                    return false               // a whole word, and the text's goes on
                }
                if code != codes[k] { return false }
                k += 1
            }
            if k < end { return false }
        }
        return true
    }
}
