import Testing
@testable import Desk

/// Telling English from Russian by a message's letters, and leaving the rest to the config.
@Suite struct LanguageTests {
    func language(_ text: String) -> String? {
        let fromString = DetectedLanguage.of(text)
        let fromBytes = Array(text.utf8).withUnsafeBytes { DetectedLanguage.of(utf8: $0) }
        #expect(fromBytes == fromString, "bytes and String agree: \(text)")
        return fromString?.code
    }

    @Test func russianByItsLetters() {
        #expect(language("ошибка 502 на сайте") == "ru")
        #expect(language("@shopwave сайт лежит уже час, не могу оплатить заказ!!!") == "ru")
        #expect(language("@shopwave_support_team ок") == "ru", "a handle's Latin letters name an account, not the language")
        #expect(language("Кофемолка Bora приедет 27 ноября") == "ru", "a Latin product name in Russian text")
        #expect(language("Ёлка пришла") == "ru")
    }

    @Test func englishByItsLettersAndACommonWord() {
        #expect(language("@shopwave checkout keeps failing with 'payment error' 😡 tried 3 cards") == "en")
        #expect(language("is checkout down? 💳❌") == "en")
        #expect(language("Worked, thanks!") == "en")
        #expect(language("@shopwave can't pay. again. 🙃") == "en")
    }

    @Test func othersAreLeftToTheConfig() {
        for text in ["👍", "@shopwave ??", "60417", "", "yay!! 🥰",
                     "Die Zahlung funktioniert nicht, bitte helfen Sie mir",  // Latin, but no English word
                     "Не можу оплатити, і сайт не працює",                   // Ukrainian: і is not Russian
                     "付款失败了", "الدفع لا يعمل"] {
            #expect(language(text) == nil, "\(text)")
        }
    }

    @Test func aThreadSpeaksTheLanguageOfItsLatestTellingMessage() {
        #expect(DetectedLanguage.ofThread(newestFirst: ["👍", "Worked, thanks!", "Третий раз пытаюсь оплатить — ошибка"]) == .english)
        #expect(DetectedLanguage.ofThread(newestFirst: ["ок", "thanks"]) == .russian)
        #expect(DetectedLanguage.ofThread(newestFirst: ["👍", "??"]) == nil)
    }
}
