import Foundation
import Testing
@testable import DeskUI
import Desk
import InboxFormat
import InboxStore

/// What the reply tools learn from the inbox: the customer's language and the moment for
/// the template picker, and who may be named for the wrong-name check.
@Suite struct ReplyContextTests {
    static func message(_ id: String, _ at: String, thread: String, channel: String = "twitter", visibility: String = "public",
                        out: Bool = false, author: String, text: String) -> String {
        #"{"type":"message","id":"\#(id)","at":"2026-11-20T\#(at):00Z","thread":"\#(thread)","channel":"\#(channel)","visibility":"\#(visibility)","direction":"\#(out ? "out" : "in")","author":\#(author),"text":\#(JSONEscapes.quoted(text))}"#
    }

    static let anna = #"{"id":"tw-anna","handle":"@user_0","name":"Анна Смирнова"}"#
    static let maria = #"{"id":"tw-maria","handle":"@maria_k","name":"Мария В."}"#
    static let sergey = #"{"id":"vk-sergey","handle":"serg77","name":"Сергей"}"#
    static let jake = #"{"id":"tw-jake","handle":"@jakeb","name":"Jake Brown"}"#
    static let brand = #"{"id":"brand-tw","handle":"@shopwave"}"#
    static let support = #"{"id":"brand-tw-2","handle":"@brand_support"}"#

    /// Анна's thread answered, then Мария's, who mentions a friend; another company account
    /// answered Jake; Сергей writes in Russian.
    static let lines = [
        message("m1", "10:00", thread: "t-anna", author: anna, text: "@shopwave не могу оплатить заказ"),
        message("m2", "10:05", thread: "t-anna", out: true, author: brand, text: "@user_0 Анна, простите, оплата сейчас не работает у многих."),
        message("m3", "10:06", thread: "t-maria", author: maria, text: "@shopwave оплата не проходит, у @petya_s то же самое"),
        message("m4", "10:07", thread: "t-jake", author: jake, text: "@shopwave checkout keeps failing, can't pay"),
        message("m5", "10:08", thread: "t-jake", out: true, author: support, text: "@jakeb Jake, we're on it."),
        message("m6", "10:09", thread: "t-jake", author: jake, text: "ok"),
        message("m7", "10:10", thread: "t-sergey", channel: "vk", author: sergey, text: "ошибка 502 на сайте"),
    ]

    func open(_ inbox: ScratchInbox, thread: String) throws -> TestApp {
        var s = try TestApp(path: inbox.path, width: 120, height: 40)
        s.templates = TemplateLibrary(folders: [templateFolder])
        let index = try #require(s.visibleThreads.firstIndex { s.summary(of: $0).id == thread })
        for _ in 0..<index { _ = reduce(&s, .key(.down)) }
        #expect(s.summary(of: try #require(s.selectedThread)).id == thread)
        return s
    }

    /// Writes `text` as a reply to `thread` and sends it: the warnings, or nil when it went.
    func send(_ text: String, to thread: String) throws -> [ReplyWarning]? {
        let inbox = try ScratchInbox(lines: Self.lines)
        var s = try open(inbox, thread: thread)
        _ = reduce(&s, .key(.char("r")))
        for c in text { _ = reduce(&s, .key(.char(c))) }
        let effects = reduce(&s, .key(.ctrl("s")))
        if effects.contains(where: { if case .append = $0 { true } else { false } }) { return nil }
        return try #require(s.compose?.pendingWarnings)
    }

    @Test func anotherCustomersNameAndHandleInMariasThreadAreCaught() throws {
        let warnings = try #require(try send("@user_0 Анна, простите, уже чиним.", to: "t-maria"))
        try #require(warnings.map(\.kind) == [.wrongName, .wrongName])
        #expect(warnings[0].message == "It opens with “Анна”, another customer's name, but this customer is “Мария В.”.")
        #expect(warnings[1].message.hasPrefix("It mentions @user_0, not in this thread nor the company's (this customer is @maria_k)"))
    }

    @Test func herNameTheCompanysHandlesAndTheThreadsPeoplePass() throws {
        #expect(try send("@maria_k Мария, простите: @petya_s, вам тоже ответим; пишите @brand_support.", to: "t-maria") == nil)
        #expect(try send("Sorry, checkout is failing for many people right now.", to: "t-jake") == nil,
                "a word at the start is a name only if someone in the inbox has it")
    }

    @Test func theRussianCustomerGetsRussianTemplatesFirstAndPreselected() throws {
        let inbox = try ScratchInbox(lines: Self.lines)
        var s = try open(inbox, thread: "t-sergey")
        _ = reduce(&s, .key(.char("t")))
        #expect(s.picker?.language == "ru" && s.picker?.index == 0)
        let list = s.pickerTemplates
        let firstOther = list.firstIndex { $0.language != "ru" } ?? list.count
        #expect(firstOther == list.count / 2 && list.dropFirst(firstOther).allSatisfy { $0.language == "en" })
        #expect(list.first?.name == "ack-response-time" && list.first?.language == "ru")
        let screen = render(s).text
        #expect(screen.contains("Templates · answering in ru"))
        #expect(screen.contains("Здравствуйте, Сергей, спасибо, что написали. Уже разбираюсь. Отвечу в течение 5 минут."))
        _ = reduce(&s, .key(.enter))
        #expect(s.compose?.editor.text.contains("Отвечу в течение 5 минут.") == true)
        #expect(s.compose?.editor.text.contains("hours") == false)
    }

    @Test func theEnglishCustomerGetsEnglishOnesAndTheConfigDecidesWhenLettersCannot() throws {
        let inbox = try ScratchInbox(lines: Self.lines)
        var s = try open(inbox, thread: "t-jake")  // his latest message, "ok", tells nothing: the one before does
        _ = reduce(&s, .key(.char("t")))
        #expect(s.picker?.language == "en")
        #expect(s.pickerTemplates.first?.language == "en")
        #expect(render(s).text.contains("Hi Jake, thanks for writing to us."))

        let quiet = try ScratchInbox(lines: [Self.message("q1", "10:00", thread: "t-emoji", author: Self.jake, text: "👍")])
        var ru = try open(quiet, thread: "t-emoji")
        ru.language = "ru"
        _ = reduce(&ru, .key(.char("t")))
        #expect(ru.picker?.language == "ru" && ru.pickerTemplates.first?.language == "ru")
    }

    @Test func theMomentBringsItsTemplatesForward() throws {
        let inbox = try ScratchInbox(lines: Self.lines + [
            Self.message("m8", "10:11", thread: "t-angry", author: Self.maria, text: "Третий раз пишу!!! Сколько можно?"),
        ])
        var angry = try open(inbox, thread: "t-angry")
        _ = reduce(&angry, .key(.char("t")))
        #expect(angry.picker?.moment == .angry)
        #expect(angry.pickerTemplates.first.map { "\($0.name).\($0.language)" } == "angry-public-reply.ru")

        var late = try open(inbox, thread: "t-sergey")
        late.hours = BusinessCalendar(window: OpeningWindow("09:00-18:00")!)  // shiftEnd is 18:30
        _ = reduce(&late, .key(.char("t")))
        #expect(late.picker?.moment == .afterHours)
        #expect(late.pickerTemplates.first.map { "\($0.name).\($0.language)" } == "after-hours.ru")
        #expect(render(late).text.contains("вернёмся завтра в 9:00"))
    }

    /// With `urgent_around_the_clock`, an urgent thread's clock runs at night: its answer is
    /// due now, so the picker does not lead with "we're away"; a normal one's still does.
    @Test func anUrgentThreadOnARoundTheClockClockIsNotToldTheTeamIsAway() throws {
        let hours = BusinessCalendar(window: OpeningWindow("09:00-18:00")!)  // shiftEnd is 18:30
        var targets = SLATargets()
        targets.urgentAroundTheClock = true
        let inbox = try ScratchInbox(lines: Self.lines)
        for (thread, away) in [("t-maria", false), ("t-sergey", true)] {
            var s = try TestApp(path: inbox.path, width: 120, height: 40,
                                triage: Triage(classifier: TriageRules().classifier(), calendar: hours, targets: targets))
            s.hours = hours
            s.templates = TemplateLibrary(folders: [templateFolder])
            while s.selectedThread.map({ s.summary(of: $0).id }) != thread { _ = reduce(&s, .key(.down)) }
            _ = reduce(&s, .key(.char("t")))
            #expect(s.picker?.moment.contains(.afterHours) == away, "\(thread)")
            #expect((s.pickerTemplates.first?.name == "after-hours") == away, "\(thread): \(s.pickerTemplates.first?.name ?? "")")
        }
    }
}
