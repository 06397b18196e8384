import Foundation
import Testing
@testable import DeskUI
import Desk
import InboxFormat
import InboxStore
import TestSupport

@Suite struct BatchTests {
    func app() throws -> TestApp {
        let scratch = try ScratchInbox(lines: OutageMorning.lines)
        var s = try TestApp(path: scratch.path, width: 140, height: 40, now: Timestamp.parse("2026-11-24T09:13:00Z")!, surges: SurgeProjection())
        s.scratch = scratch
        s.state.templates = TemplateLibrary(folders: [templateFolder])
        return s
    }

    @Test func theMorningIsOneSurgeOfItsComplaintsOnly() throws {
        let s = try app()
        let surges = s.model.surges(at: s.now)
        let ids = Set(surges.flatMap(\.threads).map { s.summary(of: $0).id })
        #expect(ids.allSatisfy { $0.hasPrefix("tw-") }, "no everyday question in it")
        #expect(ids.count >= 40, "\(surges.map(\.size))")
    }

    @Test func bWalksTheUnansweredOneByOneWithTheTemplateFilledForEach() throws {
        var s = try app()
        reduce(&s, .key(.char("S")))
        let people = try #require(s.surgeView?.threads)
        reduce(&s, .key(.char("B")))
        #expect(s.mode == .picker)
        for c in "outage-ack" { reduce(&s, .key(.char(c))) }
        try s.apply(reduce(&s, .key(.enter)))
        #expect(s.mode == .compose && s.compose?.thread == people[0])
        let title = render(s).text
        #expect(title.contains("1 of \(people.count)"))
        #expect(render(s).lines[38].hasPrefix("1 of \(people.count): Ctrl-S send, then the next · Ctrl-N skip"), "the batch's keys: \(render(s).lines[38])")
        let first = try #require(s.summary(of: people[0]).customer?.name?.split(separator: " ").first.map(String.init))
        #expect(s.compose?.editor.text.contains(first) == true, "filled for this person")
        // Sent unedited: the untouched warning; y sends, and the next person opens.
        try s.apply(reduce(&s, .key(.ctrl("s"))))
        #expect(s.compose?.pendingWarnings?.contains { $0.kind == .untouched } == true)
        try s.apply(reduce(&s, .key(.char("y"))))
        #expect(s.compose?.thread == people[1] && render(s).text.contains("2 of \(people.count)"))
        let last = try #require(s.inbox.messages(of: people[0]).last)
        #expect(last.direction == .outbound && last.text.contains(first))
        // The second writes in Russian: the template comes in Russian.
        #expect(s.compose?.editor.text.contains("Клиент1, простите: сейчас оплата не работает у многих") == true, "\(s.compose?.editor.text ?? "")")
        try s.apply(reduce(&s, .key(.ctrl("s"))))
        try s.apply(reduce(&s, .key(.char("y"))))
        // The third, in English again: the same as the first but for the name reads as pasted.
        #expect(s.compose?.thread == people[2])
        try s.apply(reduce(&s, .key(.ctrl("s"))))
        let warnings = try #require(s.compose?.pendingWarnings)
        #expect(warnings.contains { $0.kind == .flood && $0.message.contains("Apart from the name, this is your reply to \(s.summary(of: people[0]).id)") },
                "\(warnings)")
        reduce(&s, .key(.char("n")))  // back to editing
        for c in " Your order is safe." { reduce(&s, .key(.char(c))) }
        reduce(&s, .key(.ctrl("n")))
        #expect(s.compose?.thread == people[3], "Ctrl-N skips; the draft stays")
        #expect(s.drafts[s.summary(of: people[2]).id]?.hasSuffix("Your order is safe.") == true)
        reduce(&s, .key(.escape))
        #expect(s.batch == nil && s.mode == .queue)
    }

    @Test func fFollowsUpWithEachOfThemAndCtrlXResolves() throws {
        var s = try app()
        try s.apply([.append(#"{"type":"pin","id":"p1","at":"2026-11-24T09:05:00Z","agent":"olga","text":"Checkout is down; we're on it."}"#)])
        reduce(&s, .key(.char("S")))
        let people = try #require(s.surgeView?.threads)
        try s.apply(reduce(&s, .key(.char("F"))))
        #expect(s.mode == .compose && s.compose?.templateName == "resolution-followup" && render(s).text.contains("1 of \(people.count)"))
        for c in " Sorry for the wait." { reduce(&s, .key(.char(c))) }
        try s.apply(reduce(&s, .key(.ctrl("x"))))
        #expect(s.summary(of: people[0]).status == .resolved, "Ctrl-X sends and resolves")
        #expect(s.compose?.thread == people[1])
        // To the end, skipping the rest: the batch ends and offers to take the pin down.
        for _ in 1..<people.count { reduce(&s, .key(.ctrl("n"))) }
        #expect(s.batch == nil && s.message?.text == "Batch done: 1 of \(people.count) answered. U takes the pin down.")
    }

    @Test func aThreadAnsweredMeanwhileIsSkippedAndADismissElsewhereDoesNotDerailTheBatch() throws {
        var s = try app()
        reduce(&s, .key(.char("S")))
        let people = try #require(s.surgeView?.threads)
        reduce(&s, .key(.char("B")))
        for c in "outage-ack" { reduce(&s, .key(.char(c))) }
        try s.apply(reduce(&s, .key(.enter)))
        // Another agent answers the second person, and dismisses the surge.
        let other = RecordWriter(agent: "ivan", now: { Timestamp.parse("2026-11-24T09:13:00Z")! })
        let id1 = s.summary(of: people[1]).id
        try s.apply([.append(#"{"type":"message","id":"ivan-1","at":"2026-11-24T09:13:00Z","thread":"\#(id1)","channel":"twitter","visibility":"public","direction":"out","author":{"id":"shop","handle":"@shop"},"agent":"ivan","text":"On it!"}"#),
                     .append(other.dismiss(surge: try #require(s.surgeView?.id)))])
        try s.apply(reduce(&s, .key(.ctrl("s"))))
        try s.apply(reduce(&s, .key(.char("y"))))
        #expect(s.compose?.thread == people[2], "the second was answered by ivan: skipped")
        #expect(s.message?.text.contains("1 answered by someone else meanwhile") == true, "\(s.message?.text ?? "")")
        #expect(s.surgeView != nil, "the list stays while the batch goes through it")
        reduce(&s, .key(.escape))
        #expect(s.batch == nil && s.surgeView != nil)
        reduce(&s, .key(.escape))
        #expect(s.surgeView == nil)
    }

    @Test func theFloodGuardWarnsAtTheSixthUnchangedPublicUseOfATemplate() throws {
        var s = try app()
        reduce(&s, .key(.char("S")))
        // The English-speaking ones: one template, one language.
        let people = try #require(s.surgeView?.threads).filter { s.summary(of: $0).customer?.name?.hasPrefix("Customer") == true }
        reduce(&s, .key(.escape))
        // Five unchanged replies from one template, as five agents might send them.
        for ref in people.prefix(5) {
            s.state.selection[s.view] = ref
            reduce(&s, .key(.char("t")))
            for c in "outage-ack" { reduce(&s, .key(.char(c))) }
            reduce(&s, .key(.enter))
            try s.apply(reduce(&s, .key(.ctrl("s"))))
            try s.apply(reduce(&s, .key(.char("y"))))
        }
        s.state.selection[s.view] = people[5]
        reduce(&s, .key(.char("t")))
        for c in "outage-ack" { reduce(&s, .key(.char(c))) }
        reduce(&s, .key(.enter))
        try s.apply(reduce(&s, .key(.ctrl("s"))))
        let flood = try #require(s.compose?.pendingWarnings?.first { $0.kind == .flood })
        #expect(flood.message.hasPrefix("outage-ack went out publicly 5 times in the last 15 minutes"))
        // On screen in full, wrapped in the compose pane, not cut at its edge.
        let screen = render(s).lines.map { line in
            line.split(separator: "│", omittingEmptySubsequences: false).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        }
        let start = try #require(screen.firstIndex { $0.hasPrefix("⚠ outage-ack went out publicly") })
        let shown = screen[start...].prefix { !$0.isEmpty && !$0.hasPrefix("@") }.joined(separator: " ")
        #expect(shown.contains(String(flood.message.suffix(20))), "the warning's end is on screen: \(shown)")
        // Made personal, it goes without the warning.
        reduce(&s, .key(.char("n")))
        for c in " We saw your order 4417 go through." { reduce(&s, .key(.char(c))) }
        try s.apply(reduce(&s, .key(.ctrl("s"))))
        #expect(s.compose?.pendingWarnings?.contains { $0.kind == .flood } != true)
    }

    @Test func theFloodGuardSeesThroughTheCustomersOwnWords() throws {
        var s = try app()
        s.state.templates = TemplateLibrary(sources: [.files(origin: "test", [("q.mustache", "---\nname: quote\nvisibility: public\n---\n{{handle}} You said: {{customer_words}}. We're on it.")])])
        reduce(&s, .key(.char("S")))
        let people = try #require(s.surgeView?.threads)
        reduce(&s, .key(.escape))
        for ref in people.prefix(6) {
            s.state.selection[s.view] = ref
            reduce(&s, .key(.char("t")))
            reduce(&s, .key(.enter))
            try s.apply(reduce(&s, .key(.ctrl("s"))))
            if ref == people[5] { break }
            try s.apply(reduce(&s, .key(.char("y"))))
        }
        #expect(s.compose?.pendingWarnings?.first { $0.kind == .flood }?.message.hasPrefix("quote went out publicly 5 times") == true,
                "each quoted a different customer, but none was written for them")
    }
}
