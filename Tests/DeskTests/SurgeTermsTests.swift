import Testing
@testable import Desk
import InboxSynth

@Suite struct SurgeTermsTests {
    @Test func mentionsLinksAndOrderNumbersAreSetAsideErrorCodesKept() {
        let terms = SurgeTerms("Сайт не работает!!! @shop https://shop.example/checkout ошибка 502, заказ #4417823 😡")
        #expect(terms.keys == ["site", "down", "error", "502", "order"])
        #expect(terms.surfaces == ["сайт", "не работает", "ошибка", "502", "заказ"])
    }

    @Test func bothLanguagesMeetOnTheConceptsOfAComplaint() {
        let english = SurgeTerms("The website is DOWN, can't load checkout. Error 502 again")
        let russian = SurgeTerms("сайт лежит, ошибка 502 при оформлении заказа")
        #expect(english.keys == ["site", "down", "not load", "checkout", "error", "502"])
        #expect(Set(english.keys).intersection(russian.keys) == ["site", "down", "error", "502", "checkout"])
    }

    @Test func wordFormsShareAStem() {
        #expect(SurgeTerms("приложение вылетает").keys == SurgeTerms("Приложения вылетают").keys)
        #expect(SurgeTerms("курьер опоздал").keys == SurgeTerms("курьера опоздала").keys)
        #expect(SurgeTerms("loading forever").keys == SurgeTerms("loads forever").keys)
        #expect(SurgeTerms("ёлка").keys == SurgeTerms("ЕЛКА").keys)
    }

    @Test func aNegationBindsToWhatItNegates() {
        #expect(SurgeTerms("не могу войти в аккаунт").keys.first == "login")
        #expect(SurgeTerms("I can't log in").keys == ["login"])
        #expect(SurgeTerms("app is not working").keys == ["app", "down"])
        #expect(SurgeTerms("the download is slow").keys == ["downlo", "slow"], "download is not down")
        #expect(SurgeTerms("I appreciate it").keys == ["apprec"], "appreciate is not app")
    }

    @Test func aHugeMessageCostsNoMoreThanALongOne() {
        // 200,000 different words: only the first ones are read.
        let text = (0..<200_000).map { "w\($0)x" }.joined(separator: " ")
        let terms = SurgeTerms(text)
        #expect(terms.keys.count == SurgeTerms.limit && terms.keys.first == "w0x")
        let one = String(repeating: "а", count: 1_000_000)
        #expect(SurgeTerms(one).keys == [FoldedWord(String(repeating: "а", count: 6))])
    }

    @Test func commonWordsAloneSayNothing() {
        #expect(SurgeTerms("hi, is it ok? спасибо, всё ещё тут").keys.isEmpty)
    }
}

/// The one-pass word cutter against the rule written the plain way: split at white space,
/// mentions and links dropped, each token folded and cut at separators.
@Suite struct SurgeWordsTests {
    @Test func randomTextsGiveTheWordsOfThePlainRule() {
        let pieces = ["сайт", "Не", "работает", "502", "4417823", "@shop", "https://x.io/a", "WWW.shop.ru", "www", "wwwx.", "a://", "::/",
                      "://", "can't", "Ёлка", "café", "😡", "١٢٣", "1٢3", "x", " ", "  ", "\n", "\t", "\u{A0}", "\u{85}", "\u{1680}", "\u{2003}", "\u{3000}", ",", "!", "-", "/", ":",
                      "@", "ß", "İ", String(repeating: "я", count: 40), String(repeating: "7", count: 3)]
        var rng = SplitMix64(seed: 5)
        for _ in 0..<4_000 {
            var text = ""
            for _ in 0..<rng.next(below: 16) { text += pieces[rng.next(below: pieces.count)] }
            #expect(SurgeTerms.words(in: text).map(\.text) == plainWords(text), "for \(text.debugDescription)")
        }
    }

    private func plainWords(_ text: String) -> [String] {
        var words: [String] = []
        for token in text.unicodeScalars.split(whereSeparator: { $0.properties.isWhitespace }) {
            let lower = token.map { String($0).lowercased() }.joined()
            if token.first == "@" || lower.hasPrefix("www.") || String(String.UnicodeScalarView(token)).contains("://") { continue }
            var word: [Unicode.Scalar] = []
            func finish() {
                defer { word = [] }
                guard !word.isEmpty else { return }
                let kept = word.prefix(32)
                if kept.allSatisfy({ $0.properties.numericType == .decimal }) {
                    if word.count == 3 { words.append(String(String.UnicodeScalarView(kept))) }
                    return
                }
                words.append(String(String.UnicodeScalarView(kept)))
            }
            for scalar in token {
                let code = TextFold.fold(scalar.value)
                if code == TextFold.separator { finish() } else if code != TextFold.ignored { word.append(Unicode.Scalar(code)!) }
            }
            finish()
        }
        return words
    }
}

/// Terms compare by bytes: the same answers as `String` for folded text, in the same order.
@Suite struct FoldedWordTests {
    @Test func bytesGiveTheAnswersOfStrings() {
        let words = ["сайт", "site", "не работает", "502", "", "a", "ab", "b", "ж", "注文", "😡", "ß", "е", "ё", "сайта", String(repeating: "я", count: 20)]
        for a in words {
            for b in words {
                #expect((FoldedWord(a) == FoldedWord(b)) == (a == b))
                #expect((FoldedWord(a) < FoldedWord(b)) == (a < b), "\(a) < \(b)")
            }
        }
        // Built apart (one from scalars), they are one key.
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: "сайт".unicodeScalars)
        let keys: Set<FoldedWord> = [FoldedWord("сайт"), FoldedWord(String(scalars))]
        #expect(keys.count == 1)
        let all = Set(words.map { FoldedWord($0) })
        #expect(all.count == words.count)
    }
}
