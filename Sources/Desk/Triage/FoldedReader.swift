/// Reads UTF-8 bytes one character at a time as ``TextFold`` codes, without allocating:
/// the one decoder the matcher's scan and its verification share, so that both see the
/// same words. Bytes that are not UTF-8 read as separators, one byte at a time.
struct FoldedReader {
    let bytes: UnsafePointer<UInt8>
    let count: Int
    let table: UnsafePointer<UInt32>

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

    /// ``character(at:)`` for three- and four-byte characters and for bytes that are not UTF-8.
    func longCharacter(at i: Int) -> (code: UInt32, length: Int) {
        let b = bytes[i]
        let continuation = { (k: Int) -> UInt32? in
            guard i + k < count, bytes[i + k] & 0xC0 == 0x80 else { return nil }
            return UInt32(bytes[i + k] & 0x3F)
        }
        if b >= 0xE0 && b <= 0xEF, let c1 = continuation(1), let c2 = continuation(2) {
            let v = UInt32(b & 0x0F) << 12 | c1 << 6 | c2
            // Overlong forms and surrogates are not characters.
            guard v >= 0x800, !(0xD800...0xDFFF).contains(v) else { return (TextFold.separator, 1) }
            return (TextFold.fold(v, table: table), 3)
        }
        if b >= 0xF0 && b <= 0xF4, let c1 = continuation(1), let c2 = continuation(2), let c3 = continuation(3) {
            let v = UInt32(b & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
            guard v >= 0x10000, v <= 0x10FFFF else { return (TextFold.separator, 1) }
            return (TextFold.fold(v, table: table), 4)
        }
        return (TextFold.separator, 1)
    }
}
