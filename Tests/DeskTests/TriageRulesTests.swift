import Foundation
import Testing
@testable import Desk
import InboxFormat
import InboxStore

/// The triage rules on messages as customers write them: the built-in ones in English and
/// Russian, the news that must not raise an alarm, conditions, and the regular expressions.
@Suite struct TriageRulesTests {
    static let defaults = TriageRules().classifier()
    static let customer = Person(id: "c1", handle: "@anna", followers: 120)

    func level(_ text: String, _ classifier: TriageClassifier = defaults, channel: String = "twitter",
               visibility: Visibility = .public, direction: Direction = .inbound, author: Person = customer) -> PriorityLevel? {
        classifier.level(text: text, channel: channel, visibility: visibility, direction: direction, author: author)
    }

    @Test func moneyAccessAndDangerAreUrgent() {
        for text in [
            "@shopwave can't pay. again. 🙃",
            "is @shopwave down? can’t pay for anything",
            "I was charged twice for order #58213 (£42.90 each). Could you please refund the duplicate payment?",
            "You DOUBLE-CHARGED me!!",
            "my payment didn't go through and the cart is gone",
            "Не могу оплатить заказ, пишет ошибка",
            "мы не смогли... нет, мы не можем оплатить подписку",
            "Списали дважды за один заказ!!",
            "Третий раз пытаюсь оплатить — ошибка. Деньги с карты списались или нет??",
            "У вас оплата не проходит, пишет «ошибка платежа». Это у всех так?",
            "Оплата не работает. Вчера тоже были проблемы. Когда почините?",
            "При оплате ошибка. Попробую вечером, но обидно.",
            "Не работает оплата картой в приложении",
            "payments aren't working on your site, tried two cards",
            "Your checkout isn't working!!",
            "keep getting an error at checkout",
            "I can't log in to my account since yesterday",
            "Locked out of my account after the update",
            "Не могу зайти в личный кабинет",
            "Мне ЗАБЛОКИРОВАЛИ карту без объяснений",
            "Не приходит код из СМС, войти невозможно",
            "The charger caught fire last night!",
            "the dryer is on fire, what do I do",
            "there's smoke coming from the charger",
            "I got a shock from the kettle's handle",
            "there was a fire in the kitchen because of your heater",
            "my stove is on fire",
            "Smoke is coming out of the kettle",
            "my kettle is smoking!!",
            "the charger sparked when I plugged it in",
            "I got an electric shock from the toaster",
            "My son was injured by the blender blade",
            "Пожар! Обогреватель загорелся",
            "Из розетки идёт дым",
            "Меня ударило током от чайника",
        ] {
            #expect(level(text) == .urgent, "\(text)")
        }
    }

    @Test func somethingBrokenIsHigh() {
        for text in [
            "The app is not working on Android",
            "My headphones arrived broken",
            "the site isn't working for me",
            "Приложение не работает третий день",
            "Кофемолка сломалась через неделю",
            "Кнопки не работают, экран не включается",
            "Сайт не работал всё утро",
        ] {
            #expect(level(text) == .high, "\(text)")
        }
    }

    @Test func goodNewsAndOrdinaryQuestionsRaiseNothing() {
        for text in [
            "payment went through, thanks",
            "I logged in fine now",
            "работает, спасибо",
            "Всё работает, спасибо!",
            "Спасибо, оплата прошла",
            "Оплата работает, спасибо, всё прошло",
            "payment works now, thanks!",
            "При оплате всё прошло хорошо",
            "No checkout errors since the fix, thanks!",
            "I quit smoking last year and love your tea",
            "the new scarf sparked my interest",
            "booked a non-smoking room, all good",
            "I was shocked by the price",
            "Fired up about the new collection",
            // Praise and surprise in the words of danger, as people write on social media.
            "Your new ad is fire 🔥",
            "This deal is fire!!",
            "What a shock, the parcel arrived a day early! Thanks",
            "Thanks, the smoke detector you sold me works great",
            "you guys are on fire today, sales are on fire too",
            "I got a shock when I saw the bill",
            "it shocked me how fast it came",
            "Вы не работаете в выходные?",
            "пожалуйста, помогите с заказом",
            "Курьер не приехал в интервал 10–14",
            "Where is my order? Tracking says 'label created'",
            "Подскажите, когда будет в наличии кофемолка Bora?",
            "love the new winter collection!! is the green scarf coming back in stock? 🧣💚",
        ] {
            #expect(level(text) == nil, "\(text)")
        }
    }

    @Test func wordsAcrossSentencesDoNotMakeAPaymentFail() {
        // "I'm off today, I'll pay tomorrow": не работаю is 'not working' (high) at most.
        #expect(level("Сегодня не работаю, оплату внесу завтра") != .urgent)
    }

    @Test func theHighestRuleWinsAndCompanyMessagesAreNotClassified() {
        #expect(level("the app is broken and now I can't pay") == .urgent)
        #expect(level("can't pay", direction: .outbound) == nil)
        #expect(level("") == nil)
        let none = TriageRules(defaultRules: false).classifier()
        #expect(level("I can't pay", none) == nil)
    }

    @Test func conditionsNarrowARule() throws {
        let rules = TriageRules(defaultRules: false, rules: [
            TriageRule(name: "VIP", level: .high, conditions: TriageConditions(authors: ["@BigClient", "u42"])),
            TriageRule(name: "public refunds", level: .normal, words: [try WordPattern("refund*")],
                       conditions: TriageConditions(channels: ["Twitter", "vk"], visibility: .public)),
            TriageRule(name: "loud", level: .urgent, words: [try WordPattern("refund*")],
                       conditions: TriageConditions(minFollowers: 1000)),
        ])
        let classifier = rules.classifier()
        // A VIP rule has no words: every customer message of theirs.
        #expect(level("hello", classifier, author: Person(id: "x", handle: "@bigclient")) == .high)
        #expect(level("hello", classifier, author: Person(id: "U42")) == .high)
        #expect(level("hello", classifier, author: Person(id: "bigclient")) == .high, "an id written as the handle")
        #expect(level("hello", classifier, author: Person(id: "u43", handle: "@big")) == nil)
        #expect(level("hello", classifier, direction: .outbound, author: Person(id: "u42")) == nil)
        // Channel and visibility.
        #expect(level("I want a refund", classifier, channel: "twitter") == .normal)
        #expect(level("I want a refund", classifier, channel: "VK") == .normal)
        #expect(level("I want a refund", classifier, channel: "email") == nil)
        #expect(level("I want a refund", classifier, visibility: .private) == nil)
        // Followers: at least the number given; unknown counts as none.
        let loud = Person(id: "l", followers: 1000)
        #expect(level("refunded?", classifier, channel: "email", author: loud) == .urgent)
        #expect(level("refunded?", classifier, channel: "email", author: Person(id: "q", followers: 999)) == nil)
        #expect(level("refunded?", classifier, channel: "email", author: Person(id: "q")) == nil)
    }

    @Test func theStoreKeepsTheLevelOfEachMessage() throws {
        let rules = TriageRules(rules: [
            TriageRule(name: "loud", level: .high, words: [try WordPattern("refund")], conditions: TriageConditions(minFollowers: 1000)),
            TriageRule(name: "vip", level: .normal, conditions: TriageConditions(channels: ["vk"], authors: ["@Star"])),
        ])
        func line(_ id: String, _ text: String, direction: String = "in", channel: String = "twitter", author: String) -> String {
            #"{"type":"message","id":"\#(id)","at":"2026-11-20T10:00:00Z","thread":"t-\#(id)","channel":"\#(channel)","visibility":"public","direction":"\#(direction)","author":\#(author),"text":"\#(text)"}"#
        }
        let lines = [
            line("m1", "I can\\u2019t pay \\ud83d\\ude21", author: #"{"id":"c1"}"#),
            line("m2", "Не работает", author: #"{"id":"c2","handle":"@c2"}"#),
            line("m3", "refund please", author: #"{"id":"c3","followers":5000}"#),
            line("m4", "refund please", author: #"{"id":"c4","followers":"5000"}"#),
            line("m5", "hi", channel: "vk", author: #"{"id":"s","handle":"@star"}"#),
            line("m6", "can't pay", direction: "out", author: #"{"id":"shop"}"#),
            line("m7", "payment went through, thanks", author: #"{"id":"c1"}"#),
        ]
        let dir = NSTemporaryDirectory() + "shiftdesk-triage-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/inbox.jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let inbox = try Inbox(path: path, classifiers: [rules.classifier()])
        let levels = (0..<Int32(inbox.messageCount)).map { inbox.classification(0, of: MessageRef(index: $0)) }
        // Escaped text is read unescaped; followers as a string is no number.
        #expect(levels == [4, 3, 3, 0, 2, 0, 0])
    }

    @Test func regularExpressionsRunApartIgnoringCaseAndAccents() throws {
        let rules = TriageRules(rules: [
            TriageRule(name: "orders", level: .normal, regexes: [try TriageRegex(#"order #?\d{6}\b"#)]),
            TriageRule(name: "café", level: .high, regexes: [try TriageRegex("CAFÉ\\s+ёлка")],
                       conditions: TriageConditions(channels: ["email"])),
            TriageRule(name: "apostrophes", level: .low, regexes: [try TriageRegex("won't \\D+")]),
        ])
        #expect(rules.hasRegexRules && !TriageRules().hasRegexRules)
        func regex(_ text: String, channel: String = "email") -> PriorityLevel? {
            rules.regexLevel(text: text, channel: channel, visibility: .private, author: Self.customer)
        }
        #expect(regex("Where is ORDER #123456?") == .normal)
        #expect(regex("order 12345") == nil)
        #expect(regex("the Cafe  елка order 123456") == .high, "the highest rule that matches")
        #expect(regex("the Cafe елка", channel: "vk") == nil, "conditions hold for regexes too")
        #expect(regex("it won’t start") == .low, "’ reads as '")
        #expect(regex("it won’t 42") == nil, "\\D keeps its meaning: the expression is not lower-cased")
        #expect(throws: PatternError.self) { try TriageRegex("(unclosed") }
        // The classifier leaves regular expressions to regexLevel.
        #expect(rules.classifier().level(text: "order 123456", channel: "email", visibility: .private,
                                         direction: .inbound, author: Self.customer) == nil)
    }

    @Test func theBuiltInRulesAreValid() {
        #expect(TriageRule.defaults.map(\.level) == [.urgent, .urgent, .urgent, .high])
        #expect(TriageRule.defaults.allSatisfy { !$0.words.isEmpty && $0.conditions.isEmpty && $0.regexes.isEmpty })
        // No short stems: they would make the scan look twice at every word.
        for rule in TriageRule.defaults {
            for pattern in rule.words where pattern.stems[0] {
                #expect(pattern.words[0].count >= 4, "\(pattern)")
            }
        }
    }
}
