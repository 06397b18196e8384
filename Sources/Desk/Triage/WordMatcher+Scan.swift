extension WordMatcher {
    /// The scan: the words of each block of 64 bytes from its bit masks, and at each word
    /// its key, looked up in the `filter` (see ``filter``); where the filter says "maybe",
    /// the patterns filed under the key.
    func scan(_ r: FoldedReader, _ filters: UnsafePointer<UInt64>, _ body: (Int) -> UInt8?) {
        var filter = filters
        let n = r.count
        let shortStems = self.shortStems
        var least: UInt8 = 0  // the least rank `body` still wants
        var base = 0
        // Separator bits for the next block, of a character that began in this one.
        var carried: UInt64 = 0
        var previousSeparates: UInt64 = 1  // the text's start is a word's start
        while base < n {
            let block = base &+ 64 <= n ? ByteBlock(UnsafeRawPointer(r.bytes + base)) : Self.lastBlock(r, from: base)
            var separators = block.separators | carried
            carried = 0
            if block.specials != 0 { Self.markSeparating(block.specials, at: base, r, &separators, &carried) }
            var starts = ~separators & (separators &<< 1 | previousSeparates)
            previousSeparates = separators &>> 63
            // Word by word; the common case is a few bit tests and no branch taken.
            while starts != 0 {
                let j = starts.trailingZeroBitCount
                starts &= starts &- 1
                let start = base &+ j
                let rest = separators &>> UInt64(truncatingIfNeeded: j)
                let length = rest != 0 ? rest.trailingZeroBitCount : Self.length(r, from: start, atLeast: 64 &- j)
                let (key, characters) = Self.key(at: start, length: length, r)
                // The next word, when it starts in this block.
                let nextStart = starts != 0 ? base &+ starts.trailingZeroBitCount : -1
                var maybe = Self.mayMatch(key, nextStart, r, filter)
                if shortStems != 0 {
                    for k in 1..<4 where shortStems & (1 << UInt32(k)) != 0 && characters >= k {
                        maybe = maybe || Self.mayMatch(key & ((1 << UInt64(16 * k)) - 1), nextStart, r, filter)
                    }
                }
                if maybe && characters > 0 {
                    let before = least
                    if !lookUp(key, characters, at: start, next: nextStart, r, &least, body) { return }
                    if least != before {
                        // The caller wants fewer patterns: the filter of those alone.
                        let index = filterOfRank[Int(least)]
                        guard index >= 0 else { return }
                        filter = filters + Int(index) * 3 * Self.filterWords
                    }
                }
            }
            base &+= 64
        }
    }

    /// Whether the filter lets a word with `key` through, the next word starting at
    /// `nextStart` (-1 when not known). Most words stop at the first test, without a look
    /// at the next word.
    @inline(__always)
    static func mayMatch(_ key: UInt64, _ nextStart: Int, _ r: FoldedReader, _ filter: UnsafePointer<UInt64>) -> Bool {
        let h = hash(key)
        let single = filter[h &>> 6] &>> UInt64(truncatingIfNeeded: h)
        let multi = filter[2 &* filterWords &+ h &>> 6] &>> UInt64(truncatingIfNeeded: h)
        guard (single | multi) & 1 != 0 else { return false }
        if single & 1 != 0 || nextStart < 0 { return true }
        let next = firstCharacter(at: nextStart, r)
        guard next > TextFold.ignored else { return true }
        let p = pairHash(key, next)
        return filter[filterWords &+ p &>> 6] &>> UInt64(truncatingIfNeeded: p) & 1 != 0
    }

    /// The folded first character at `i` when it is ASCII or of two bytes, 0 otherwise (a
    /// mark, a character of three bytes or more: the filter then does without it).
    @inline(__always)
    static func firstCharacter(at i: Int, _ r: FoldedReader) -> UInt32 {
        let b = r.bytes[i]
        if b < 0x80 { return r.table[Int(b)] }
        return i &+ 1 < r.count ? UInt32(r.pairs[Int(b) &<< 8 | Int(r.bytes[i &+ 1])]) : 0
    }

    /// Characters of two bytes or more, other than Cyrillic letters: few in English or
    /// Russian text (dashes, quotes, emoji), each decoded to see if it separates words.
    private static func markSeparating(_ specials: UInt64, at base: Int, _ r: FoldedReader, _ separators: inout UInt64, _ carried: inout UInt64) {
        var specials = specials
        while specials != 0 {
            let j = specials.trailingZeroBitCount
            specials &= specials - 1
            let i = base + j
            // Emoji (U+1F300 to U+1FAFF, lead bytes F0 9F 8C to F0 9F AB): separators, without a decode.
            if r.bytes[i] == 0xF0 && i + 3 < r.count && r.bytes[i + 1] == 0x9F && (0x8C...0xAB).contains(r.bytes[i + 2])
                && r.bytes[i + 3] & 0xC0 == 0x80 {
                separators |= 0xF << UInt64(j)
                if j > 60 { carried = 0xF >> UInt64(64 - j) }
                continue
            }
            let (code, decoded) = r.character(at: i)
            guard code == TextFold.separator else { continue }
            var length = decoded
            // Not UTF-8: the continuation bytes after the lead separate too, as the decoder reads them.
            while length < 4 && base + j + length < r.count && r.bytes[base + j + length] & 0xC0 == 0x80 { length += 1 }
            let run: UInt64 = (1 << UInt64(length)) - 1
            separators |= run << UInt64(j)
            if j + length > 64 { carried = run >> UInt64(64 - j) }
        }
    }

    /// After the filter said "maybe": the patterns filed under the word's key, and under
    /// its first characters when some keys are short stems. Returns false when `body`
    /// says to stop.
    private func lookUp(_ key: UInt64, _ characters: Int, at start: Int, next: Int, _ r: FoldedReader,
                        _ least: inout UInt8, _ body: (Int) -> UInt8?) -> Bool {
        for k in 1..<4 where shortStems & (1 << UInt32(k)) != 0 && characters >= k {
            let prefix = key & ((1 << UInt64(16 * k)) - 1)
            if !verify(key: prefix, at: start, next: next, r, &least, body) { return false }
        }
        return verify(key: key, at: start, next: next, r, &least, body)
    }

    /// The block at `base` when fewer than 64 bytes are left: they are copied into zeros,
    /// and NUL bytes separate.
    private static func lastBlock(_ r: FoldedReader, from base: Int) -> ByteBlock {
        var padded: (SIMD32<UInt8>, SIMD32<UInt8>) = (.zero, .zero)
        return withUnsafeMutableBytes(of: &padded) { buffer in
            buffer.baseAddress!.copyMemory(from: r.bytes + base, byteCount: r.count - base)
            return ByteBlock(UnsafeRawPointer(buffer.baseAddress!))
        }
    }

    /// The length of the word at `start` that runs past its block, where it matters: up to
    /// eight bytes (a key's longest), by its ASCII separators. A character of more bytes
    /// that separates may be missed; the keys' fast paths then see it and step aside.
    private static func length(_ r: FoldedReader, from start: Int, atLeast known: Int) -> Int {
        if known >= 8 { return known }
        var i = start + known
        while i < min(start + 8, r.count) {
            let b = r.bytes[i]
            if b < 0x80 && r.table[Int(b)] == TextFold.separator { break }
            i += 1
        }
        return i - start
    }

    /// The key of the word at `start` and how many characters it holds (up to 4; 0 for a
    /// word of apostrophes only). In one piece for a word of ASCII letters and digits or
    /// of two-byte letters; character by character for any other. Within `length` bytes
    /// the masks have seen no ASCII separator, so ASCII bytes there are letters, digits
    /// or apostrophes.
    @inline(__always)
    static func key(at start: Int, length: Int, _ r: FoldedReader) -> (key: UInt64, characters: Int) {
        let w = r.eightBytes(at: start)
        if w & 0x80 == 0 {
            // ASCII: no byte of the first four from 0x80 up and no apostrophe; lower case is one OR.
            let k = length < 4 ? length : 4
            let mask: UInt64 = ~0 &>> UInt64(truncatingIfNeeded: 64 &- 8 &* k)
            let v = w & mask
            let t = v ^ 0x2727_2727
            if (v | ((t &- 0x0101_0101) & ~t)) & 0x8080_8080 == 0 {
                var x = v | (0x2020_2020 & mask)
                x = (x | x &<< 16) & 0x0000_FFFF_0000_FFFF
                x = (x | x &<< 8) & 0x00FF_00FF_00FF_00FF
                return (length < 4 ? x | 0xFFFF &<< UInt64(truncatingIfNeeded: 16 &* k) : x, k)
            }
        } else if length >= 8 || length & 1 == 0 {
            // Two-byte characters: each lead and continuation pair folded by one load. A pair
            // that is not a letter (an ASCII byte, a mark, a separator the masks could not
            // see) folds below 2 and leaves the word to the careful way.
            @inline(__always) func fold(_ pair: UInt64) -> UInt64 {
                UInt64(r.pairs[Int(UInt16(truncatingIfNeeded: pair).byteSwapped)])
            }
            let c0 = fold(w), c1 = fold(w &>> 16), c2 = fold(w &>> 32), c3 = fold(w &>> 48)
            let k = length >= 8 ? 4 : length &>> 1
            let mask: UInt64 = ~0 &>> UInt64(truncatingIfNeeded: 64 &- 16 &* k)
            let x = (c0 | c1 &<< 16 | c2 &<< 32 | c3 &<< 48) & mask
            // Each lane from 2 up: with its top bit set, taking 2 away leaves it set.
            let high = 0x8000_8000_8000_8000 & mask
            if ((x | 0x8000_8000_8000_8000) &- 0x0002_0002_0002_0002) & high == high && k > 0 {
                return (length < 8 ? x | 0xFFFF &<< UInt64(truncatingIfNeeded: 16 &* k) : x, k)
            }
        }
        return slowKey(at: start, r)
    }

    /// ``key(at:length:_:)`` character by character: for words with apostrophes, marks,
    /// mixed scripts or characters of three bytes or more.
    private static func slowKey(at start: Int, _ r: FoldedReader) -> (key: UInt64, characters: Int) {
        var key: UInt64 = 0
        var k = 0
        var i = start
        while k < 4 && i < r.count {
            let (code, length) = r.character(at: i)
            if code == TextFold.separator { break }
            i += length
            if code == TextFold.ignored { continue }
            key |= UInt64(squeeze(code)) << (16 * UInt64(k))
            k += 1
        }
        return (k < 4 ? complete(key, length: k) : key, k)
    }
}

extension FoldedReader {
    /// The eight bytes at `i`, little-endian; zeros past the end of the text.
    @inline(__always)
    func eightBytes(at i: Int) -> UInt64 {
        if i + 8 <= count { return UInt64(littleEndian: UnsafeRawPointer(bytes + i).loadUnaligned(as: UInt64.self)) }
        var w: UInt64 = 0
        for k in 0..<(count - i) { w |= UInt64(bytes[i + k]) << (8 * UInt64(k)) }
        return w
    }
}
