extension WordMatcher {
    /// Compares the patterns filed under `key` with the text from the word at `start`.
    /// `next` is where the word after it starts, when the scan knows (else -1). Returns
    /// false when `body` says to stop. Rare: only where the filter says "maybe".
    func verify(key: UInt64, at start: Int, next nextStart: Int, _ r: FoldedReader, _ body: (Int) -> Bool) -> Bool {
        let h = Self.hash(key)
        var slot = h & (buckets.count - 1)
        var bucket = buckets[slot]
        while bucket != 0 && Int(bucket >> 48 & 0x7FFF) != h {
            slot = (slot + 1) & (buckets.count - 1)
            bucket = buckets[slot]
        }
        guard bucket != 0 else { return true }
        let range = Int(bucket >> 24 & 0xFF_FFFF)..<Int(bucket >> 24 & 0xFF_FFFF) + Int(bucket & 0xFF_FFFF)
        // The characters that tell the patterns under one key apart, each read once if needed:
        // the first word's fifth and sixth, the next word's first two.
        var tail: UInt32?
        var next: (UInt32, UInt32)?
        func isCandidate(_ e: Int) -> Bool {
            guard keys[e] == key else { return false }
            let entry = entries[e]
            if entry.tail != 0 {
                if tail == nil { tail = wordTail(at: start, r) }
                if entry.tail & 0xFFFF != 0 && entry.tail & 0xFFFF != tail! & 0xFFFF { return false }
                if entry.tail >> 16 != 0 && entry.tail >> 16 != tail! >> 16 { return false }
            }
            if entry.next == 0 { return true }
            if next == nil { next = nextWordBeginning(after: start, known: nextStart, r) }
            return next!.0 == entry.next && (entry.second == 0 || next!.1 == entry.second)
        }
        for e in range where isCandidate(e) {
            let pattern = Int(entries[e].pattern)
            if occurs(phrases[pattern], at: start, r) && !body(pattern) { return false }
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
