import Testing
@testable import InboxFormat
import InboxSynth

/// What a customer's text looks like on one line of the screen: no character that could
/// move the cursor, colour the terminal or reorder the line ever gets through.
@Suite struct TextSafetyTests {
    @Test func escapesAndControlsBecomeVisiblePictures() {
        #expect(TextSafety.singleLine("red \u{1B}[31mtext\u{07}") == "red ␛[31mtext␇")
        #expect(TextSafety.singleLine("del\u{7F}") == "del␡")
        #expect(TextSafety.singleLine("nul\u{0}") == "nul␀")
    }

    @Test func invisibleCharactersAreNamed() {
        // A bidi override would show "txt.exe" as "exe.txt"; C1 controls start sequences too.
        #expect(TextSafety.singleLine("a\u{202E}b") == "a⟦U+202E⟧b")
        #expect(TextSafety.singleLine("c1\u{9B}2J") == "c1⟦U+009B⟧2J")
        #expect(TextSafety.singleLine("\u{FEFF}bom\u{2028}") == "⟦U+FEFF⟧bom⟦U+2028⟧")
        #expect(TextSafety.singleLine("arabic\u{061C}mark") == "arabic⟦U+061C⟧mark")
    }

    @Test func linesAndTabsCollapseToOneSpace() {
        #expect(TextSafety.singleLine("first line\r\n\n\tsecond  line") == "first line second line")
    }

    @Test func lettersOfEveryWidthPassUnchanged() {
        let text = "Заказ №5 не пришёл 😡 — 注文 é ß 👩🏽‍💻"
        #expect(TextSafety.singleLine(text) == text)
    }

    @Test func aLongTextIsCutAtTheScalarsAsked() {
        #expect(TextSafety.singleLine("привет мир", maxScalars: 6) == "привет")
        #expect(TextSafety.singleLine("😡😡😡", maxScalars: 2) == "😡😡")
        #expect(TextSafety.singleLine("ab", maxScalars: 0) == "")
    }

    /// Random texts built from the characters that matter, against the rule written the
    /// plain way, scalar by scalar.
    @Test func randomTextsFollowTheRule() {
        let pieces: [Unicode.Scalar] = ["a", "Z", " ", "\n", "\t", "\r", "\u{1B}", "\u{0}", "\u{7F}", "\u{85}", "\u{9F}", "\u{A0}",
                                        "é", "ж", "\u{061C}", "\u{200E}", "\u{202A}", "\u{202E}", "\u{2066}", "\u{2069}", "\u{2028}",
                                        "\u{2029}", "\u{FEFF}", "\u{FFFD}", "注", "😡", "\u{1F3FD}", "\u{10FFFF}", "\u{E000}",
                                        // Safe, beside unsafe ones in UTF-8: the same lead bytes.
                                        "—", "«", "\u{2027}", "\u{202F}", "\u{2070}", "\u{0610}", "\u{FEFC}", "\u{FFBF}"]
        var rng = SplitMix64(seed: 11)
        for _ in 0..<3_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<rng.next(below: 24) { text.append(pieces[rng.next(below: pieces.count)]) }
            let limit = rng.next(below: 3) == 0 ? rng.next(below: 30) : Int.max
            let expected = reference(String(text), maxScalars: limit)
            let shown = TextSafety.singleLine(String(text), maxScalars: limit)
            #expect(shown == expected, "for \(String(text).unicodeScalars.map { $0.value })")
            #expect(!shown.unicodeScalars.contains { TextSafety.isUnsafe($0) })
        }
    }

    /// The rule: the first `maxScalars` scalars; a run of newlines, tabs and spaces is one
    /// space; an unsafe scalar is its placeholder; everything else is itself.
    private func reference(_ text: String, maxScalars: Int) -> String {
        var out = ""
        var lastWasSpace = false
        for scalar in text.unicodeScalars.prefix(maxScalars) {
            if [" ", "\n", "\t", "\r"].contains(scalar) {
                if !lastWasSpace { out += " " }
                lastWasSpace = true
            } else {
                lastWasSpace = false
                out += TextSafety.isUnsafe(scalar) ? TextSafety.placeholder(for: scalar) : String(scalar)
            }
        }
        return out
    }
}
