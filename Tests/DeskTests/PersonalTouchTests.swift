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
    }

    @Test func greetingSomeoneElse() {
        let warnings = PersonalTouch.check(ReplyDraft(text: "@anna_k Hi Mark, sorry about that.", visibility: .public, customerNames: anna))
        #expect(warnings.map(\.kind) == [.wrongName])
        #expect(warnings.first?.message.contains("Mark") == true)
        #expect(kinds(ReplyDraft(text: "Здравствуйте, Анна! Всё готово.", visibility: .public, customerNames: anna)).isEmpty)
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
