/// Reads UTF-8 bytes one character at a time as ``TextFold`` codes, without allocating:
/// the one decoder the matcher's scan and its verification share, so that both see the
/// same words. Bytes that are not UTF-8 read as separators, one byte at a time.
struct FoldedReader {
    let bytes: UnsafePointer<UInt8>
    let count: Int
    let table: UnsafePointer<UInt32>
    /// ``TextFold/pairs``: the fold of a two-byte character by its two bytes.
    let pairs: UnsafePointer<UInt16>

    /// The folded code of the character at `i` and its length in bytes; `i < count`.
    @inline(__always)
    func character(at i: Int) -> (code: UInt32, length: Int) {
        let b = bytes[i]
        if b < 0x80 { return (table[Int(b)], 1) }
        // Two-byte characters (Latin accents, Greek, Cyrillic): one table load.
        if b >= 0xC2 && b <= 0xDF && i + 1 < count {
            let c = bytes[i + 1]
            if c & 0xC0 == 0x80 { return (table[Int(b & 0x1F) << 6 | Int(c & 0x3F)], 2) }
        }
        return longCharacter(at: i)
    }

    /// ``character(at:)`` for three- and four-byte characters and for bytes that are not
    /// UTF-8. Emoji and punctuation come here, several times in many messages: no closures.
    func longCharacter(at i: Int) -> (code: UInt32, length: Int) {
        let b = bytes[i]
        if b >= 0xE0 && b <= 0xEF && i + 2 < count {
            let c1 = bytes[i + 1], c2 = bytes[i + 2]
            guard c1 & 0xC0 == 0x80, c2 & 0xC0 == 0x80 else { return (TextFold.separator, 1) }
            let v = UInt32(b & 0x0F) << 12 | UInt32(c1 & 0x3F) << 6 | UInt32(c2 & 0x3F)
            // Overlong forms and surrogates are not characters.
            guard v >= 0x800, v & 0xF800 != 0xD800 else { return (TextFold.separator, 1) }
            return (TextFold.fold(v, table: table), 3)
        }
        if b >= 0xF0 && b <= 0xF4 && i + 3 < count {
            let c1 = bytes[i + 1], c2 = bytes[i + 2], c3 = bytes[i + 3]
            guard c1 & 0xC0 == 0x80, c2 & 0xC0 == 0x80, c3 & 0xC0 == 0x80 else { return (TextFold.separator, 1) }
            let v = UInt32(b & 0x07) << 18 | UInt32(c1 & 0x3F) << 12 | UInt32(c2 & 0x3F) << 6 | UInt32(c3 & 0x3F)
            guard v >= 0x10000, v <= 0x10FFFF else { return (TextFold.separator, 1) }
            return (TextFold.fold(v, table: table), 4)
        }
        return (TextFold.separator, 1)
    }
}
