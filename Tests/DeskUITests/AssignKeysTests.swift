import Foundation
import Testing
@testable import DeskUI
import Desk
import InboxFormat
import InboxStore

/// `a` on the sample inbox: mine, nobody's, and `u` back.
@Suite struct AssignKeysTests {
    @Test func aTakesTheThreadAndGivesItBackAndUUndoes() throws {
        let scratch = try ScratchInbox(copying: samplePath)
        var s = try TestApp(path: scratch.path, width: 140, height: 30)
        s.scratch = scratch
        let ref = try #require(s.selectedThread)
        let id = s.summary(of: ref).id
        try s.apply(reduce(&s, .key(.char("a"))))
        #expect(s.inbox.assignee(of: ref) == "olga" && s.message?.text == "\(id) is yours now. u to undo.")
        let row = render(s).text.split(separator: "\n").map(String.init).first { $0.contains("⇢olga") }
        #expect(row != nil, "the row shows the owner")
        try s.apply(reduce(&s, .key(.char("a"))))
        #expect(s.inbox.assignee(of: ref) == nil, "mine: a gives it to nobody")
        try s.apply(reduce(&s, .key(.char("u"))))
        #expect(s.inbox.assignee(of: ref) == "olga", "u: back to olga's")
        // Someone else's thread: a takes it, and says whose it was.
        try s.apply([.append(RecordWriter(agent: "ivan", now: { shiftEnd }).assign(thread: id, to: "ivan"))])
        try s.apply(reduce(&s, .key(.char("a"))))
        #expect(s.message?.text == "\(id) is yours now (was ivan's). u to undo.")
        try s.apply(reduce(&s, .key(.char("u"))))
        #expect(s.inbox.assignee(of: ref) == "ivan")
        // Taken again, then given to another by ivan: u leaves his choice alone.
        try s.apply(reduce(&s, .key(.char("a"))))
        try s.apply([.append(RecordWriter(agent: "ivan", now: { shiftEnd }).assign(thread: id, to: "petra"))])
        let lines = try String(contentsOfFile: s.scratch!.path, encoding: .utf8).count
        try s.apply(reduce(&s, .key(.char("u"))))
        #expect(s.inbox.assignee(of: ref) == "petra")
        #expect(s.message?.text == "\(id) has changed hands since (now petra's); nothing undone.")
        #expect(try String(contentsOfFile: s.scratch!.path, encoding: .utf8).count == lines, "nothing written")
    }

    @Test func bigAGivesTheThreadToAnAgentPickedWithAFilter() throws {
        let scratch = try ScratchInbox(copying: samplePath)
        var s = try TestApp(path: scratch.path, width: 140, height: 30)
        s.scratch = scratch
        let ref = try #require(s.selectedThread)
        reduce(&s, .key(.char("A")))
        #expect(s.mode == .assignTo)
        let everyone = s.state.pickableAgents(s.model)
        #expect(everyone.contains("olga") && everyone == everyone.sorted() && everyone.count > 1, "\(everyone)")
        let other = try #require(everyone.first { $0 != "olga" })
        for c in other.prefix(3) { reduce(&s, .key(.char(c))) }
        #expect(render(s).text.contains("› \(other)"))
        try s.apply(reduce(&s, .key(.enter)))
        #expect(s.inbox.assignee(of: ref) == other && s.mode == .queue)
        try s.apply(reduce(&s, .key(.char("u"))))
        #expect(s.inbox.assignee(of: ref) == nil)
        // A name the inbox has not seen: given as typed.
        reduce(&s, .key(.char("A")))
        for c in "zoe-new" { reduce(&s, .key(.char(c))) }
        #expect(render(s).text.contains("Enter gives it to “zoe-new”."))
        try s.apply(reduce(&s, .key(.enter)))
        #expect(s.inbox.assignee(of: ref) == "zoe-new")
        reduce(&s, .key(.char("A")))
        reduce(&s, .key(.escape))
        #expect(s.mode == .queue && s.inbox.assignee(of: ref) == "zoe-new")
    }
}

/// Views 4 Mine and 5 Unassigned.
@Suite struct OwnerViewsTests {
    @Test func mineAndUnassignedFollowTheAssignRecords() throws {
        let scratch = try ScratchInbox(copying: samplePath)
        var s = try TestApp(path: scratch.path, width: 140, height: 30)
        s.scratch = scratch
        let open = s.openCount(.all)
        #expect(!render(s).text.contains("Mine 0"), "an 80-column title keeps its clocks: Mine shows once something is mine")
        let ref = try #require(s.selectedThread)
        try s.apply(reduce(&s, .key(.char("a"))))
        #expect(render(s).text.split(separator: "\n")[0].contains(" Mine 1 "))
        reduce(&s, .key(.char("4")))
        #expect(s.view == .mine && s.visibleThreads == [ref])
        #expect(render(s).text.contains("[Mine 1]") && render(s).text.contains("Mine · open · 1"))
        reduce(&s, .key(.char("5")))
        #expect(s.view == .unassigned && s.visibleThreads.count == open - 1 && !s.visibleThreads.contains(ref))
        #expect(render(s).text.contains("[Unassigned \(open - 1)]"))
        // Given to someone else: out of mine, not back in unassigned.
        try s.apply([.append(RecordWriter(agent: "ivan", now: { shiftEnd }).assign(thread: s.summary(of: ref).id, to: "ivan"))])
        #expect(s.openCount(.mine) == 0 && s.openCount(.unassigned) == open - 1)
        try s.apply([.append(RecordWriter(agent: "ivan", now: { shiftEnd }).assign(thread: s.summary(of: ref).id, to: nil))])
        #expect(s.openCount(.unassigned) == open && s.visibleThreads.contains(ref))
    }
}
