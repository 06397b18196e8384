import CSupport

/// Sixty-four bytes of a text classified at once, one bit a byte: what lets the matcher go
/// from word to word without a branch per byte. The classifying is vector code in C
/// (`csupport_word_masks`), which Swift cannot say as fast.
struct ByteBlock {
    /// ASCII bytes other than letters, digits and the apostrophe: separators for sure.
    var separators: UInt64 = 0
    /// Lead bytes of characters that may separate words: every multi-byte character but
    /// the Cyrillic letters of U+0400 to U+047F (lead bytes D0 and D1), which never do.
    /// The scan decodes each to know.
    var specials: UInt64 = 0

    /// Classifies the 64 bytes at `p` (all of them must be readable).
    @inline(__always)
    init(_ p: UnsafeRawPointer) {
        csupport_word_masks(p, &separators, &specials)
    }
}
