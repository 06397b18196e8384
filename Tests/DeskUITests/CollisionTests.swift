import Foundation
import Testing
@testable import DeskUI
import Desk
import InboxFormat
import InboxStore

/// The check before sending: what others did in the thread since the reply was started.
@Suite struct CollisionTests {
    func app() throws -> TestApp {
        let scratch = try ScratchInbox(copying: samplePath)
        var s = try TestApp(path: scratch.path, width: 140, height: 40)
        s.scratch = scratch
        return s
    }

    func type(_ s: inout TestApp, _ text: String) { for c in text { reduce(&s, .key(.char(c))) } }

    @Test func anotherAgentsReplyIsShownAndAsked() throws {
        var s = try app()
        let ref = try #require(s.selectedThread)
        let id = s.summary(of: ref).id
        reduce(&s, .key(.char("r")))
        type(&s, "We're on it, sorry!")
        // Meanwhile ivan answers, and adds a note.
        let ivan = RecordWriter(agent: "ivan", now: { shiftEnd })
        let target = s.model.replyTarget(of: ref)
        try s.apply([.append(ReplyBuilder().reply(to: target, text: "Fixed now, it should work.", writer: ivan).line),
                     .append(ivan.note(thread: id, text: "called the courier"))])
        let before = s.inbox.messages(of: ref).count
        reduce(&s, .key(.ctrl("s")))
        let screen = render(s).text
        #expect(screen.contains("⚠ Since you started this reply:"))
        #expect(screen.contains("ivan replied: “Fixed now, it should work.”") && screen.contains("ivan added a note: “called the courier”"))
        #expect(screen.contains("y send anyway · d discard · any other key back to the reply"))
        #expect(s.inbox.messages(of: ref).count == before, "nothing sent yet")
        // Any other key: back to the reply, the changes read; Ctrl-S now sends.
        reduce(&s, .key(.char("x")))
        #expect(s.compose?.pendingChanges == nil && s.compose?.editor.text == "We're on it, sorry!")
        try s.apply(reduce(&s, .key(.ctrl("s"))))
        if s.compose?.pendingWarnings != nil { try s.apply(reduce(&s, .key(.char("y")))) }
        #expect(s.inbox.messages(of: ref).last?.text == "We're on it, sorry!")
    }

    @Test func yAndDAnswerTheQuestion() throws {
        var s = try app()
        let ref = try #require(s.selectedThread)
        let id = s.summary(of: ref).id
        reduce(&s, .key(.char("r")))
        type(&s, "Checking now.")
        try s.apply([.append(RecordWriter(agent: "ivan", now: { shiftEnd }).resolve(thread: id)),
                     .append(RecordWriter(agent: "ivan", now: { shiftEnd }).assign(thread: id, to: "ivan"))])
        reduce(&s, .key(.ctrl("s")))
        let screen = render(s).text
        #expect(screen.contains("Someone resolved the thread.") && screen.contains("ivan took the thread."))
        let effects = reduce(&s, .key(.char("d")))
        #expect(s.compose == nil && s.message?.text == "Reply to \(id) discarded." && effects == [.saveDraft(thread: id, text: "")])
        // And y sends anyway, on the next thread: its customer wrote again meanwhile.
        let next = try #require(s.selectedThread)
        let t = s.summary(of: next)
        reduce(&s, .key(.char("r")))
        type(&s, "Still here.")
        try s.apply([.append(#"{"type":"message","id":"again","at":"2026-11-20T18:20:00Z","thread":"\#(t.id)","channel":"\#(t.channel)","visibility":"\#(t.visibility.name)","direction":"in","author":{"id":"cust"},"text":"hello??"}"#)])
        reduce(&s, .key(.ctrl("s")))
        #expect(render(s).text.contains("The customer wrote again: “hello??”"))
        try s.apply(reduce(&s, .key(.char("y"))))
        if s.compose?.pendingWarnings != nil { try s.apply(reduce(&s, .key(.char("y")))) }
        #expect(s.inbox.messages(of: next).last?.text == "Still here.")
    }
}
