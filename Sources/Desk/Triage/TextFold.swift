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
    static let table: [UInt32] = (0..<0x2000).map { Unicode.Scalar($0).map(definition) ?? separator }

    /// The folded code of the code point `v`, as ``definition(_:)`` gives it, fast for the
    /// characters that come often: the table below U+2000, general punctuation (quotes,
    /// dashes, the ellipsis) and emoji without a look at the Unicode properties.
    @inline(__always)
    static func fold(_ v: UInt32, table: UnsafePointer<UInt32>) -> UInt32 {
        if v < 0x2000 { return table[Int(v)] }
        return foldAbove2000(v)
    }

    /// ``fold(_:table:)`` for a code point from U+2000 up.
    static func foldAbove2000(_ v: UInt32) -> UInt32 {
        // General punctuation: spaces, dashes, quotes, bullets, the ellipsis; of them only
        // ’ is an apostrophe, and the zero-width and direction marks are format characters.
        if v <= 0x206F {
            if v == 0x2019 || (0x200B...0x200F).contains(v) || (0x202A...0x202E).contains(v)
                || (0x2060...0x2064).contains(v) || (0x2066...0x206F).contains(v) {
                return ignored
            }
            return separator
        }
        // Pictographs, emoji and their skin tones: symbols, never letters.
        if (0x1F300...0x1FAFF).contains(v) { return separator }
        guard let scalar = Unicode.Scalar(v) else { return separator }
        return definition(scalar)
    }

    /// ``fold(_:table:)`` without a table pointer at hand: for patterns and tests, not for
    /// the scan.
    static func fold(_ v: UInt32) -> UInt32 {
        table.withUnsafeBufferPointer { fold(v, table: $0.baseAddress!) }
    }

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
