import Foundation
import Testing
import InboxFormat
import InboxStore
@testable import Desk

@Suite struct SurgeDetectorTests {
    let nine = Timestamp.parse("2026-11-24T09:00:00Z")!

    func at(_ minutes: Double) -> Timestamp { Timestamp(milliseconds: nine.milliseconds + Int64(minutes * 60_000)) }

    /// Feeds `texts`, one thread each, `every` minutes apart from `start`.
    func feed(_ detector: SurgeDetector, _ texts: [String], from start: Double, every: Double, threads base: Int) {
        for (i, text) in texts.enumerated() {
            detector.add(id: "m\(base + i)", thread: ThreadRef(ordinal: base + i), at: at(start + Double(i) * every), terms: SurgeTerms(text))
        }
    }

    let outage = [
        "site is down?", "сайт не работает", "502 at checkout!!", "ошибка 502 при оформлении", "checkout gives 502 bad gateway",
        "сайт лежит", "your website is down again", "не открывается сайт, 502", "Site down, can't pay", "502 error on the site",
    ]

    @Test func eightPeopleWithinTheWindowMakeASurge() {
        let detector = SurgeDetector()
        feed(detector, Array(outage.prefix(7)), from: 0, every: 1, threads: 0)
        #expect(detector.surges(at: at(7)).isEmpty, "seven people are not yet a surge")
        feed(detector, Array(outage.suffix(3)), from: 7, every: 1, threads: 7)
        let surges = detector.surges(at: at(10))
        #expect(surges.count == 1)
        let surge = surges[0]
        #expect(surge.id == "m0" && surge.since == at(0) && surge.active)
        #expect(surge.threads == (0..<10).map(ThreadRef.init(ordinal:)))
        #expect(surge.words.contains("502"), "\(surge.words)")
    }

    @Test func theSamePeopleSpreadOverHoursAreNoSurge() {
        let detector = SurgeDetector()
        feed(detector, outage, from: 0, every: 20, threads: 0)
        #expect(detector.surges(at: at(200)).isEmpty)
    }

    @Test func everydayMessagesDoNotGatherAroundOneWord() {
        let detector = SurgeDetector()
        let everyday = [
            "where is my order?", "order #123 hasn't arrived", "can I change the delivery address for my order",
            "refund for order 55512 please", "what size is the blue jacket", "promo code doesn't apply", "thanks, got it!",
            "когда придет заказ?", "хочу вернуть заказ", "заказ пришел не тот", "как изменить адрес доставки", "спасибо!",
        ]
        // A busy morning: everyday traffic through the same words, many within the window.
        feed(detector, everyday + everyday, from: 0, every: 0.5, threads: 0)
        #expect(detector.surges(at: at(13)).isEmpty, "\(detector.surges(at: at(13)).map(\.words))")
    }

    @Test func aSurgeEndsWhenNobodyNewJoinsAndIsListedForADay() {
        let detector = SurgeDetector()
        feed(detector, outage, from: 0, every: 1, threads: 0)
        #expect(detector.surges(at: at(20)).first?.active == true, "the last one joined 11 minutes ago")
        detector.add(id: "later", thread: ThreadRef(ordinal: 99), at: at(60), terms: SurgeTerms("where is my parcel"))
        let ended = detector.surges(at: at(60))
        #expect(ended.count == 1 && ended[0].active == false)
        // It ended a window after the last person joined (09:09 + 15m): listed a day after that.
        #expect(detector.surges(at: at(9 + 15 + 24 * 60 - 1)).count == 1)
        #expect(detector.surges(at: at(9 + 15 + 24 * 60 + 1)).isEmpty, "a day after it ended, it is no longer listed")
    }

    @Test func oneCustomerWritingOnDoesNotKeepASurgeGoing() {
        let detector = SurgeDetector()
        feed(detector, outage, from: 0, every: 1, threads: 0)
        // The first customer writes again every ten minutes.
        for k in 1...6 {
            detector.add(id: "again\(k)", thread: ThreadRef(ordinal: 0), at: at(Double(10 + k * 10)), terms: SurgeTerms("site still down, 502"))
        }
        #expect(detector.surges(at: at(70)).first?.active == false, "nobody new joined since 09:09")
    }

    @Test func aMergedSurgeKeepsItsNameAndAnAliasDismissesIt() throws {
        let detector = SurgeDetector()
        // A small group about checkout first, then a surge about the site; then messages that bridge both.
        feed(detector, ["checkout 502", "checkout gives 502", "502 at checkout"], from: 0, every: 0.5, threads: 100)
        feed(detector, ["site is down", "сайт не работает", "сайт лежит", "website down", "site down again", "сайт упал",
                        "site down!!", "down? site"], from: 2, every: 0.5, threads: 0)
        let before = detector.surges(at: at(6))
        #expect(before.count == 1)
        let name = before[0].id
        feed(detector, ["site down, 502 at checkout", "сайт не работает, 502 при оформлении"], from: 6, every: 0.5, threads: 200)
        let after = detector.surges(at: at(8))
        #expect(after.map(\.id) == [name], "the surge is still called what it was: \(after.map(\.id))")
        #expect(after[0].size == 13, "the three about checkout and the two that bridge joined it: \(after[0].size)")
        let alias = try #require(after[0].aliases.first)
        detector.dismiss(alias)
        #expect(detector.surges(at: at(8)).isEmpty, "a dismiss of a merged-in group's name hides it too")
    }


    @Test func aDismissedSurgeIsNotListed() {
        let detector = SurgeDetector()
        feed(detector, outage, from: 0, every: 1, threads: 0)
        detector.dismiss("m0")
        #expect(detector.surges(at: at(10)).isEmpty)
    }

    @Test func aDayOfVariedTrafficBeforeChangesNothingFound() {
        // Four words of four hundred each, drawn the same way every run: people asking about everything.
        // Syllables that make no word of either language, so that no filler word is an outage's.
        let syllables = ["qa", "xo", "zu", "vy", "jy", "qe", "xi", "zy", "wu", "qo", "xa", "zi", "vu", "jo", "qu", "xe", "zo", "wy", "ja", "qy"]
        let detector = SurgeDetector()
        var seed: UInt64 = 42
        func next() -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int(seed >> 33) % 400
        }
        for i in 0..<5000 {
            let text = (0..<4).map { _ in let n = next(); return syllables[n / 20] + syllables[n % 20] }.joined(separator: " ")
            detector.add(id: "d\(i)", thread: ThreadRef(ordinal: 1000 + i), at: at(-24 * 60 + Double(i) * 0.25), terms: SurgeTerms(text))
        }
        #expect(detector.surges(at: at(0)).isEmpty)
        feed(detector, outage, from: 0, every: 1, threads: 0)
        #expect(detector.surges(at: at(10)).map(\.size) == [10])
    }
}
