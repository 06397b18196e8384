import Foundation
import Testing
@testable import Desk

/// The triage rules' word matcher: folding, stems, phrases, apostrophes, word boundaries,
/// and a differential test against a slow reference written here from the rules' words.
@Suite struct WordMatcherTests {
    func matches(_ patterns: [String], _ text: String) -> [String] {
        let matcher = WordMatcher(patterns.map { try! WordPattern($0) })
        return matcher.matches(text).map { patterns[$0] }
    }

    func finds(_ pattern: String, in text: String) -> Bool { !matches([pattern], text).isEmpty }

    @Test func caseAndAccentsDoNotMatter() {
        #expect(finds("fire", in: "FIRE! Fire in the kitchen"))
        #expect(finds("cafe", in: "the Café on Main street"))
        #expect(finds("café", in: "the CAFE on Main street"))
        #expect(finds("cafe", in: "the cafe\u{301} decomposed"))
        #expect(finds("ELOISE", in: "Éloïse wrote"))
        #expect(finds("ёлка", in: "ЕЛКА упала"))
        #expect(finds("елка", in: "Ёлка упала"))
        #expect(finds("не работает", in: "НЕ РАБОТАЕТ вообще"))
        #expect(finds("lodz", in: "Łódź depot"))
        #expect(!finds("мои", in: "мой заказ"), "й is not и with a mark")
        #expect(finds("мой", in: "МОЙ заказ"))
    }

    @Test func apostrophesAreOneAndMayBeMissing() {
        for text in ["I can't pay", "I can’t pay", "I canʼt pay", "I cant pay", "I CAN'T PAY!!"] {
            #expect(finds("can't pay", in: text), "\(text)")
            #expect(finds("cant pay", in: text), "\(text)")
            #expect(finds("can’t pay", in: text), "\(text)")
        }
        #expect(!finds("can't pay", in: "I can pay"))
        #expect(!finds("can't pay", in: "I can t pay"), "an apostrophe joins, a space separates")
    }

    @Test func wordsMatchWholeUnlessAStem() {
        #expect(!finds("fire", in: "check the firewall"))
        #expect(!finds("fire", in: "a campfire story"))
        #expect(!finds("fire", in: "fired"))
        #expect(finds("fire*", in: "fired"))
        #expect(finds("списал*", in: "деньги списались вчера"))
        #expect(finds("списал*", in: "списали"))
        #expect(finds("списал*", in: "списал"))
        #expect(!finds("списал*", in: "писали"))
        #expect(finds("дым*", in: "всё дымится"), "a stem shorter than the scan's four characters")
        #expect(finds("д*", in: "да"))
        #expect(!finds("д*", in: "уд"))
        #expect(finds("i", in: "i did"))
        #expect(!finds("i", in: "in it"))
        #expect(finds("42", in: "order 42 is late"))
        #expect(!finds("42", in: "order 420 is late"))
    }

    @Test func phrasesAreConsecutiveWords() {
        #expect(finds("не работает", in: "Сайт не работает"))
        #expect(finds("не работает", in: "Сайт не   работает"))
        #expect(finds("не работает", in: "Сайт не\nработает"))
        #expect(finds("не работает", in: "не — работает"), "punctuation only separates")
        #expect(!finds("не работает", in: "работает, спасибо"))
        #expect(!finds("не работает", in: "не очень работает"))
        #expect(!finds("не работает", in: "работает не"))
        #expect(finds("не работа*", in: "кнопки не работают"))
        #expect(finds("не мог* оплат*", in: "Не могу оплатить заказ"))
        #expect(finds("не мог* оплат*", in: "мы не могли оплатить"))
        #expect(!finds("не мог* оплат*", in: "не могу понять, как оплатить"))
        #expect(finds("charged twice", in: "you CHARGED me... no: you charged twice"))
        #expect(finds("e-mail", in: "my e mail"))
        #expect(!finds("e-mail", in: "my email"))
    }

    @Test func punctuationEmojiAndEdgesSeparate() {
        #expect(finds("fire", in: "🔥fire🔥"))
        #expect(finds("fire", in: "«fire»"))
        #expect(finds("fire", in: "fire"))
        #expect(finds("fire", in: "(fire)"))
        #expect(finds("fire", in: "on\u{A0}fire"))
        #expect(finds("on fire", in: "on\u{A0}fire"))
        #expect(finds("дым", in: "дым"))
        #expect(finds("дым", in: "—дым—"))
        #expect(finds("fire", in: "soft\u{AD}ware fire"))
        #expect(finds("software", in: "soft\u{AD}ware fire"), "a soft hyphen does not split a word")
        #expect(!finds("fire", in: ""))
        #expect(!finds("fire", in: "fir"))
    }

    @Test func bytesThatAreNotUTF8SeparateAndNeverCrash() {
        let matcher = WordMatcher([try! WordPattern("fire"), try! WordPattern("дым")])
        func found(_ bytes: [UInt8]) -> [Int] {
            var result: [Int] = []
            bytes.withUnsafeBytes { raw in matcher.forEachMatch(utf8: raw) { result.append($0); return true } }
            return result
        }
        #expect(found(Array("fire".utf8) + [0xFF] + Array("smoke".utf8)) == [0])
        #expect(found(Array("дым".utf8) + [0xD0]) == [1], "a text cut inside a character")
        #expect(found([0xD0]) == [])
        #expect(found([0xE2, 0x80]) == [])
        #expect(found([0xF0, 0x9F, 0x94] + Array("fire".utf8)) == [0])
        #expect(found([0xC0, 0xAF] + Array("fire".utf8)) == [0], "an overlong form is no character")
        #expect(found([0xED, 0xA0, 0x80] + Array("fire".utf8)) == [0], "nor is a surrogate")
        // Every cut of a mixed text: no read past the end, whatever the last byte is.
        let mixed = Array("fire дым 🔥 é ’".utf8)
        for end in 0...mixed.count { _ = found(Array(mixed[..<end])) }
    }

    @Test func wordsAcrossTheBlocksOfSixtyFourBytes() {
        // The scan reads 64 bytes at a time: every place of a word against a block's end.
        for pad in 0..<80 {
            let before = String(repeating: "x", count: pad) + " "
            #expect(finds("не работает", in: before + "не работает"), "\(pad)")
            #expect(finds("не работает", in: before + "не—работает."), "\(pad)")
            #expect(!finds("не работает", in: before + "неработает"), "\(pad)")
            #expect(finds("дым", in: before + "дым—"), "\(pad)")
            #expect(finds("дым", in: before + "«дым»"), "\(pad)")
            #expect(!finds("дым", in: before + "дымок"), "\(pad)")
            #expect(finds("fire", in: before + "🔥fire🔥 "), "\(pad)")
            #expect(finds("can't pay", in: before + "I can’t pay"), "\(pad)")
            #expect(finds("i", in: before + "i"), "\(pad)")
            #expect(finds("пожар", in: String(repeating: "д", count: pad) + "\u{A0}Пожар"), "\(pad)")
            #expect(!finds("fire", in: String(repeating: "ж", count: pad + 1) + "fire"), "\(pad): one word of two scripts")
        }
    }

    @Test func everyOccurrenceIsReportedUntilTheCallerStops() {
        let matcher = WordMatcher(["fire", "smoke"].map { try! WordPattern($0) })
        var all: [Int] = []
        var text = "fire smoke fire"
        text.withUTF8 { matcher.forEachMatch(utf8: UnsafeRawBufferPointer($0)) { all.append($0); return true } }
        #expect(all == [0, 1, 0])
        var first: [Int] = []
        text.withUTF8 { matcher.forEachMatch(utf8: UnsafeRawBufferPointer($0)) { first.append($0); return false } }
        #expect(first == [0])
    }

    @Test func aCallerThatWantsHigherRanksHearsOnlyThose() {
        let words = ["thanks", "broken", "not working", "can't pay", "locked out"]
        let matcher = WordMatcher(words.map { try! WordPattern($0) }, ranks: [1, 3, 3, 4, 4])
        func heard(_ text: String, wanting: (Int) -> UInt8?) -> [String] {
            var heard: [String] = []
            var text = text
            text.withUTF8 { matcher.forEachMatch(utf8: UnsafeRawBufferPointer($0), ranked: { heard.append(words[$0]); return wanting($0) }) }
            return heard
        }
        let text = "thanks but it's broken, thanks, not working and I can't pay; thanks, broken, locked out"
        #expect(heard(text) { _ in 0 } == ["thanks", "broken", "thanks", "not working", "can't pay", "thanks", "broken", "locked out"])
        // As a classifier does: once it has a level, only a higher one is worth hearing.
        let ranks: [UInt8] = [1, 3, 3, 4, 4]
        #expect(heard(text) { ranks[$0] + 1 } == ["thanks", "broken", "can't pay"], "nothing ranks above the top: the scan ends")
        #expect(heard(text) { ranks[$0] } == ["thanks", "broken", "not working", "can't pay", "locked out"],
                "each wants its own rank and up: no more thanks after a broken, no broken after a can't pay")
    }

    @Test func badPatternsSayWhy() {
        for text in ["", "  ", "*", "fo*o", "* fire", "fire **", "’"] {
            #expect(throws: PatternError.self, "\(text)") { try WordPattern(text) }
        }
        #expect((try? WordPattern("списал*"))?.stems == [true])
        #expect((try? WordPattern("не мог* оплат*"))?.stems == [false, true, true])
    }

    @Test func theFastFoldAgreesWithTheDefinition() {
        for range in [UInt32(0x1F300)...0x1FAFF, 0xFE00...0xFE0F] {
            for v in range {
                #expect(TextFold.fold(v) == TextFold.definition(Unicode.Scalar(v)!), "U+\(String(v, radix: 16))")
            }
        }
        // The key of a word of two-byte letters packs each folded letter in 16 bits.
        #expect((0x80..<0x800).allSatisfy { TextFold.table[$0] < 0x10000 })
        for (letter, folded) in [("É", "e"), ("ё", "е"), ("Ё", "е"), ("Й", "й"), ("ß", "ß"), ("Ä", "a"), ("ł", "l"), ("Ω", "ω")] {
            #expect(TextFold.fold(letter.unicodeScalars.first!.value) == folded.unicodeScalars.first!.value, "\(letter)")
        }
        for separator in [" ", ",", "—", "«", "\u{A0}", "📦", "×", "№"] {
            #expect(TextFold.fold(separator.unicodeScalars.first!.value) == TextFold.separator, "\(separator)")
        }
        for dropped in ["'", "’", "ʼ", "\u{301}", "\u{AD}", "\u{200D}"] {
            #expect(TextFold.fold(dropped.unicodeScalars.first!.value) == TextFold.ignored, "\(dropped)")
        }
    }

    // MARK: Differential

    /// The words of `text` as the rules define them, by a different road: Foundation's
    /// case and diacritic folding on whole words, with й kept apart by a stand-in.
    static func referenceWords(_ text: String) -> [String] {
        var words: [String] = []
        var word = String.UnicodeScalarView()
        func end() {
            if !word.isEmpty { words.append(fold(String(word))) }
            word = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            if ["'", "’", "ʼ"].contains(scalar) { continue }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark, .format: continue
            default: break
            }
            if scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal {
                word.append(scalar)
            } else {
                end()
            }
        }
        end()
        return words
    }

    static func fold(_ word: String) -> String {
        word.replacingOccurrences(of: "й", with: "\u{E000}").replacingOccurrences(of: "Й", with: "\u{E000}")
            .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// Whether `pattern` (words, a trailing * for a stem) occurs in `words`.
    static func referenceMatch(_ pattern: String, _ words: [String]) -> Bool {
        let parts = pattern.split(separator: " ").map { part -> (String, Bool) in
            part.hasSuffix("*") ? (fold(String(part.dropLast())), true) : (fold(String(part)), false)
        }
        guard words.count >= parts.count else { return false }
        return (0...(words.count - parts.count)).contains { start in
            parts.indices.allSatisfy { k in
                parts[k].1 ? words[start + k].hasPrefix(parts[k].0) : words[start + k] == parts[k].0
            }
        }
    }

    @Test func agreesWithASlowReferenceOnRandomTexts() {
        var rng = SplitMix(seed: 7)
        let letters = Array("abcenostx").map(String.init) + ["A", "C", "E", "N", "é", "É", "è", "ç", "e\u{301}", "Ω", "한"]
            + Array("абвеёнопрстй").map(String.init) + ["Ё", "Е", "А", "Й", "Н"] + ["1", "2"]
        let joiners = ["'", "’", "ʼ", "\u{AD}"]
        let separators = [" ", " ", " ", ",", ".", "-", "—", "«", "»", "\u{A0}", "📦", "👍🏽", "\n", "!", "*", "  ", "…", "“", "×", "\u{FE0F}"]
        func word(_ length: Int) -> String {
            var w = ""
            for i in 0..<length {
                if i > 0 && rng.next(8) == 0 { w += joiners[rng.next(joiners.count)] }
                w += letters[rng.next(letters.count)]
            }
            return w
        }
        var checked = 0, found = 0
        for _ in 0..<2000 {
            var textWords: [String] = []
            var text = ""
            for i in 0..<(1 + rng.next(rng.next(2) == 0 ? 8 : 60)) {
                let w = word(1 + rng.next(6))
                textWords.append(w)
                if i > 0 || rng.next(3) == 0 { text += separators[rng.next(separators.count)] }
                text += w
            }
            if rng.next(3) == 0 { text += separators[rng.next(separators.count)] }
            // Patterns: some taken from the text (so that some match), some made up.
            var patterns: [String] = []
            for _ in 0..<(1 + rng.next(12)) {
                var parts: [String] = []
                if rng.next(2) == 0 {
                    let start = rng.next(textWords.count)
                    for k in start..<min(textWords.count, start + 1 + rng.next(3)) {
                        let clean = String(textWords[k].unicodeScalars.filter { !joiners.contains(String($0)) && $0 != "\u{301}" })
                        let cut = rng.next(3) == 0 && clean.count > 1 ? String(clean.prefix(1 + rng.next(clean.count - 1))) + "*" : clean
                        parts.append(cut)
                    }
                } else {
                    for _ in 0..<(1 + rng.next(3)) {
                        let w = word(1 + rng.next(4)).unicodeScalars.filter { !joiners.contains(String($0)) }
                        parts.append(String(String.UnicodeScalarView(w)) + (rng.next(3) == 0 ? "*" : ""))
                    }
                }
                patterns.append(parts.joined(separator: " "))
            }
            let matcher = WordMatcher(patterns.map { try! WordPattern($0) })
            let words = Self.referenceWords(text)
            let expected = patterns.indices.filter { Self.referenceMatch(patterns[$0], words) }
            let actual = matcher.matches(text)
            #expect(actual == expected, "text \(text.debugDescription), patterns \(patterns)")
            checked += 1
            found += expected.count
        }
        #expect(checked == 2000 && found > 1000, "the test must see matches as well as misses: \(found)")
    }
}

/// A small reproducible generator for the random tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
