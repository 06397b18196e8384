import Foundation

/// How the triage rules read text: which characters make words, and the one form each
/// letter is compared in, so that a rule written once matches however a customer types.
///
/// - A word is a run of letters and digits (Unicode `Alphabetic`, decimal digits).
/// - Apostrophes (`'`, `’`, `ʼ`), combining marks and invisible format characters (soft
///   hyphen, zero-width joiner) are dropped without ending the word: "can't", "can’t" and
///   "cant" read the same.
/// - Everything else (spaces, punctuation, symbols, emoji) separates words.
/// - Letters compare in lower case and without accents: é is e, Ä is a, Ё and ё are е;
///   Russian й stays й (it is a letter of its own, not и with a mark); ø, ł, đ, ħ, ŧ and
///   ı read as o, l, d, h, t and i. Accents are removed from letters below U+2000 (Latin,
///   Greek, Cyrillic and their extensions); letters above keep theirs and only lose their
///   case. ß and æ stay one letter each.
///
/// A folded character is a code point; ``separator`` and ``ignored`` are the two codes
/// that are not characters of a word.
enum TextFold {
    /// The code of a character that separates words.
    static let separator: UInt32 = 0
    /// The code of a character that is dropped without separating words.
    static let ignored: UInt32 = 1

    /// The folded code of `scalar`, by the rules above: the definition, slow (it builds
    /// strings); the matcher reads ``table`` and ``fold(_:)`` instead.
    static func definition(_ scalar: Unicode.Scalar) -> UInt32 {
        let v = scalar.value
        if v == 0x27 || v == 0x2019 || v == 0x2BC { return ignored }
        if isDropped(scalar) { return ignored }
        let properties = scalar.properties
        guard properties.isAlphabetic || properties.numericType == .decimal else { return separator }
        if let own = ownFolds[v] { return own }
        // Lower case first (İ becomes i and a mark), then decompose and drop the marks.
        let lower = String(scalar).lowercased()
        let letters = v < 0x2000
            ? lower.decomposedStringWithCanonicalMapping.unicodeScalars.filter { !isDropped($0) }
            : Array(lower.unicodeScalars)
        // Folding never turns one letter into two (ß stays ß): two would be a different word length.
        return letters.count == 1 ? letters[0].value : v
    }

    /// Marks and format characters: part of a word, but not compared.
    private static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .format: return true
        default: return false
        }
    }

    /// Letters whose fold the rules above do not give by themselves.
    private static let ownFolds: [UInt32: UInt32] = [
        0x419: 0x439, 0x439: 0x439,  // Й, й: a letter of its own in Russian, not и with a breve
        0xD8: 0x6F, 0xF8: 0x6F,      // Ø ø
        0x141: 0x6C, 0x142: 0x6C,    // Ł ł
        0x110: 0x64, 0x111: 0x64,    // Đ đ
        0x126: 0x68, 0x127: 0x68,    // Ħ ħ
        0x166: 0x74, 0x167: 0x74,    // Ŧ ŧ
        0x131: 0x69,                 // ı
        0x3C2: 0x3C3,                // ς: the final form of σ
    ]

    /// The folded codes of U+0000 to U+1FFF, where nearly all text of a support inbox lies:
    /// one load per character instead of the definition. Built once, on first use.
    static let table: [UInt32] = (0..<tableSize).map { Unicode.Scalar($0).map(definition) ?? separator }

    /// How far ``table`` reaches: the alphabets, and the punctuation, symbols and dingbats
    /// (❤, ✅, ☎) of U+2000 to U+2FFF that messages are full of.
    static let tableSize: UInt32 = 0x3000

    /// ``table`` where the scan reads it: allocated once for the process and never freed,
    /// so that reading it costs no retain and no exclusivity check per message.
    static let tableStart: FoldTable = {
        let start = UnsafeMutablePointer<UInt32>.allocate(capacity: table.count)
        start.initialize(from: table, count: table.count)
        return FoldTable(start: start)
    }()

    /// The fold of each two-byte character, indexed by its bytes as one big-endian 16-bit
    /// number (lead byte high, so that an alphabet's letters lie together): a word's key
    /// folds two bytes with one load. Values are the table's, all below 0x10000; every
    /// other index holds 0 (a separator), so bytes that are not such a character never
    /// read as a letter. The 128 KB come from `calloc`; only the 15 KB of indices 0xC200
    /// to 0xDFFF are ever written.
    static let pairs: FoldPairs = {
        let start = calloc(0x10000, MemoryLayout<UInt16>.stride)!.bindMemory(to: UInt16.self, capacity: 0x10000)
        for lead in 0xC2...0xDF {
            for continuation in 0x80...0xBF {
                start[lead << 8 | continuation] = UInt16(table[(lead & 0x1F) << 6 | (continuation & 0x3F)])
            }
        }
        return FoldPairs(start: start)
    }()

    /// The folded code of the code point `v`, as ``definition(_:)`` gives it, fast for the
    /// characters that come often: from the table, and for emoji and the variation
    /// selectors that follow them without a look at the Unicode properties.
    @inline(__always)
    static func fold(_ v: UInt32, table: UnsafePointer<UInt32>) -> UInt32 {
        if v < tableSize { return table[Int(v)] }
        return foldBeyondTable(v)
    }

    /// ``fold(_:table:)`` for a code point past the table.
    static func foldBeyondTable(_ v: UInt32) -> UInt32 {
        // Pictographs, emoji and their skin tones: symbols, never letters; the selectors
        // that make a symbol an emoji (❤️) are marks.
        if (0x1F300...0x1FAFF).contains(v) { return separator }
        if (0xFE00...0xFE0F).contains(v) { return ignored }
        guard let scalar = Unicode.Scalar(v) else { return separator }
        return definition(scalar)
    }

    /// ``fold(_:table:)`` without a table pointer at hand: for patterns and tests, not for
    /// the scan.
    static func fold(_ v: UInt32) -> UInt32 { fold(v, table: tableStart.start) }


    /// `text` for a regular expression rule: apostrophes as `'`, letters without accents
    /// (as in ``definition(_:)``), marks and format characters dropped, everything else as
    /// it is. A text is folded with `lowercase`; an expression without, since the
    /// expression is matched with the case-insensitive option and lower-casing it would
    /// change its escapes (`\D` is not `\d`).
    static func forRegex(_ text: String, lowercase: Bool) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v == 0x27 || v == 0x2019 || v == 0x2BC {
                out.append("'")
                continue
            }
            let code = fold(v)
            if code == ignored { continue }
            guard code != separator, code != v, let folded = Unicode.Scalar(code) else {
                out.append(scalar)
                continue
            }
            if lowercase || !scalar.properties.changesWhenLowercased {
                out.append(folded)
            } else {
                // Back to upper case: Ё is Е, not е, in an expression that may care.
                let upper = folded.properties.uppercaseMapping.unicodeScalars
                out.append(contentsOf: upper.count == 1 ? Array(upper) : [scalar])
            }
        }
        return String(out)
    }
}

/// The start of ``TextFold/table``'s copy that lives as long as the process.
struct FoldTable: @unchecked Sendable {
    // Sendable: written once, before anyone reads it, and never again.
    let start: UnsafePointer<UInt32>
}

/// The start of ``TextFold/pairs``, which lives as long as the process.
struct FoldPairs: @unchecked Sendable {
    // Sendable: written once, before anyone reads it, and never again.
    let start: UnsafePointer<UInt16>
}
