import Testing
@testable import Desk

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
        #expect(SurgeTerms(one).keys == [String(repeating: "а", count: 6)])
    }

    @Test func commonWordsAloneSayNothing() {
        #expect(SurgeTerms("hi, is it ok? спасибо, всё ещё тут").keys.isEmpty)
    }
}
