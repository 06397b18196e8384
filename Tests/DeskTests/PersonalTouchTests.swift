import Testing
@testable import Desk
import InboxFormat
import InboxStore

/// Each check of the personal-touch list, and that it stays quiet on a good reply.
@Suite struct PersonalTouchTests {
    let anna = ["Анна Кузнецова", "Анна", "@anna_k"]

    func kinds(_ draft: ReplyDraft) -> [ReplyWarning.Kind] { PersonalTouch.check(draft).map(\.kind) }

    @Test func aPersonalReplyPasses() {
        let draft = ReplyDraft(text: "@anna_k Анна, простите за ожидание: скидка по вашему заказу сохранится до воскресенья.",
                               visibility: .private, renderedTemplate: "@anna_k Анна, спасибо, что написали!",
                               customerNames: anna, recentOutbound: ["@mark Mark, it's fixed now."])
        #expect(kinds(draft).isEmpty)
    }

    @Test func untouchedTemplate() {
        let template = "Hi Anna, thanks for reaching out! We'll get back to you within 2 hours."
        #expect(kinds(ReplyDraft(text: template + "  ", visibility: .public, renderedTemplate: template, customerNames: ["Anna"])) == [.untouched])
    }

    @Test func leftoverPlaceholderAndEmptyVariable() {
        #expect(kinds(ReplyDraft(text: "Hi {{first_name}}, sorry!", visibility: .private)) == [.placeholder])
        #expect(kinds(ReplyDraft(text: "Hi , sorry for the wait.", visibility: .private)) == [.placeholder])
        #expect(kinds(ReplyDraft(text: "Привет , всё починили.", visibility: .private)) == [.placeholder])
        #expect(kinds(ReplyDraft(text: "Здравствуйте, , спасибо, что написали.", visibility: .private)) == [.placeholder],
                "a Russian template whose name came out empty")
    }

    @Test func greetingSomeoneElse() {
        let warnings = PersonalTouch.check(ReplyDraft(text: "@anna_k Hi Mark, sorry about that.", visibility: .public, customerNames: anna))
        #expect(warnings.map(\.kind) == [.wrongName])
        #expect(warnings.first?.message.contains("Mark") == true)
        #expect(kinds(ReplyDraft(text: "Здравствуйте, Анна! Всё готово.", visibility: .public, customerNames: anna)).isEmpty)
    }

    // Мария's thread in an inbox where Анна (@user_0) wrote before her, and @petya_s was
    // mentioned in the thread; the company writes as @shopwave and @brand_support (and
    // shopwave on VK, with no @).
    let maria = ["Мария В.", "@maria_k", "Мария"]
    func toMaria(_ text: String) -> ReplyDraft {
        ReplyDraft(text: text, visibility: .public, customerNames: maria,
                   threadHandles: ["@maria_k", "@shopwave", "@petya_s"], companyHandles: ["@shopwave", "@brand_support", "shopwave"],
                   knownNames: ["анна", "мария", "jake", "anna", "maria"])
    }

    @Test func anotherCustomersNameAtTheStart() throws {
        // The copy-paste from the previous thread: her name and her handle, both caught.
        let warnings = PersonalTouch.check(toMaria("@user_0 Анна, простите, оплата сейчас не работает у многих."))
        try #require(warnings.map(\.kind) == [.wrongName, .wrongName])
        #expect(warnings[0].message.contains("“Анна”") && warnings[0].message.contains("Мария В."))
        #expect(warnings[1].message.contains("@user_0") && warnings[1].message.contains("@maria_k"))
        #expect(kinds(toMaria("Анна, простите: уже чиним.")) == [.wrongName])
        #expect(kinds(toMaria("@maria_k Анна! Всё заработало.")) == [.wrongName], "a name before \"!\"")
        #expect(kinds(toMaria("@maria_k Anna, sorry, it's fixed now.")) == [.wrongName], "in English too")
        #expect(kinds(toMaria("@maria_k Jake Brown, sorry, it's fixed now.")) == [.wrongName], "a full name")
    }

    @Test func aHandleFromElsewhere() {
        let warnings = PersonalTouch.check(toMaria("@maria_k Мария, всё заработало. Спасибо и @user_0, @User_0!"))
        #expect(warnings.map(\.kind) == [.wrongName])
        #expect(warnings.first?.message.hasPrefix("It mentions @user_0, not in this thread") == true, "once, however often")
    }

    @Test func repliesThatMustPass() {
        for text in [
            "@maria_k Мария, простите за ожидание: всё заработало.",   // her name after her handle
            "@maria_k Мария! Всё заработало.",                          // a name followed by "!"
            "Мария В., всё заработало.",                                // her full name
            "Hi Maria! It works again.",                                // her handle reads as a name
            "Здравствуйте, Мария! Всё заработало.",
            "@brand_support поможет с возвратом.",                      // the company's own handle
            "@maria_k напишите нам в @shopwave или на vk.com/shopwave", // the company on another channel too
            "@maria_k @petya_s, вам обоим: всё заработало.",            // mentioned earlier in the thread
            "Sorry, checkout is failing for many people right now.",   // a word, not a name
            "Спасибо, что написали! Уже разбираемся.",
            "Thanks! It works again @maria_k.",                        // a full stop is not part of the handle
        ] {
            #expect(kinds(toMaria(text)).isEmpty, "\(text)")
        }
        // An e-mail address is no handle: in private it passes.
        var mail = toMaria("Мария, напишите olga@shopwave.example")
        mail.visibility = .private
        #expect(kinds(mail).isEmpty)
    }

    @Test func withoutTheThreadsPeopleNothingIsCheckedForNames() {
        // The command line may send with no thread context: no guess at who is wrong.
        #expect(kinds(ReplyDraft(text: "@user_0 Анна, простите.", visibility: .public, knownNames: ["анна"])).isEmpty)
    }

    @Test func sameTextAgainIgnoringHandleAndSpacing() {
        let sent = ["@jakeb Sorry, checkout is failing for everyone right now and our engineers are on it."]
        let again = ReplyDraft(text: "@sam_r  Sorry, checkout is failing for everyone right now and our engineers are on it.",
                               visibility: .public, recentOutbound: sent)
        #expect(kinds(again) == [.repeated])
    }

    @Test func personalDataInPublicButNotInPrivate() {
        for (text, what) in [("Write to us at anna@example.com", "e-mail"), ("Your card 4111 1111 1111 1111 was charged", "card"),
                             ("Call +7 912 345-67-89 please", "phone"), ("Your order #58877 ships today", "order")] {
            let warnings = PersonalTouch.check(ReplyDraft(text: text, visibility: .public))
            #expect(warnings.map(\.kind) == [.personalData], "\(text)")
            #expect(warnings.first?.message.contains(what) == true, "\(text)")
            #expect(kinds(ReplyDraft(text: text, visibility: .private)).isEmpty)
        }
        #expect(PersonalTouch.luhn("4111 1111 1111 1111"))
        #expect(!PersonalTouch.luhn("4111 1111 1111 1112"), "one digit off fails the checksum: no card number")
    }

    @Test func checksCanBeTurnedOff() {
        let draft = ReplyDraft(text: "Hi {{name}}, mail me at a@b.co", visibility: .public)
        #expect(PersonalTouch.check(draft, disabled: [.placeholder, .personalData]).isEmpty)
    }
}
