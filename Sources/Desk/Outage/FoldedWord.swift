import Foundation

/// A word (or a term made of words) as surge detection keeps it: text already folded by
/// ``TextFold``, compared, hashed and ordered by its UTF-8 bytes.
///
/// A `String` compares and hashes by canonical equivalence, which costs a normalisation
/// check of every letter outside ASCII: most of the work of a Russian message's terms and
/// of the detector's tables. Folded text has one form per word (no combining marks, one
/// code point a letter), so its bytes tell words apart just as well.
///
/// Ordered by bytes, which is the order of the code points: the order of `String` for the
/// same text.
public struct FoldedWord: Hashable, Comparable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The word as text.
    public let text: String

    public init(_ text: String) { self.text = text }
    public init(stringLiteral text: String) { self.text = text }

    public var description: String { text }

    public static func == (a: FoldedWord, b: FoldedWord) -> Bool {
        guard a.text.utf8.count == b.text.utf8.count else { return false }
        let same = a.text.utf8.withContiguousStorageIfAvailable { x in
            b.text.utf8.withContiguousStorageIfAvailable { y in x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
        }
        return (same ?? nil) ?? a.text.utf8.elementsEqual(b.text.utf8)
    }

    public static func < (a: FoldedWord, b: FoldedWord) -> Bool {
        a.text.utf8.lexicographicallyPrecedes(b.text.utf8)
    }

    public func hash(into hasher: inout Hasher) {
        // Contiguous for every native string; a copy for any other, hashed the same way.
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if done == nil { Array(text.utf8).withUnsafeBytes { hasher.combine(bytes: $0) } }
    }
}
