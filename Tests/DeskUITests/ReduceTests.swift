import Foundation
import Testing
@testable import DeskUI
import Desk
import InboxFormat
import InboxStore

/// Keys in, state and effects out; effects run here as the main loop runs them.
@Suite struct ReduceTests {
    /// Runs the effects like the app's loop: appends, then follows the file.
    func run(_ effects: [Effect], _ s: inout TestApp) throws {
        for case .append(let line, _) in effects {
            try InboxAppender(path: s.inbox.path, durable: false).append(line: line)
            _ = try s.follow()
        }
    }

    func id(_ s: TestApp) -> String? { s.selectedThread.map { s.summary(of: $0).id } }

    @Test func ctrlLAsksForARepaintInEveryMode() throws {
        var s = try state()
        #expect(reduce(&s, .key(.ctrl("l"))) == [.redraw])
        _ = reduce(&s, .key(.char("r")))
        #expect(s.mode == .compose)
        #expect(reduce(&s, .key(.ctrl("l"))) == [.redraw] && s.mode == .compose, "writing a reply, it paints and stays")
        #expect(s.compose?.editor.text.contains("\u{0C}") != true, "no form feed typed into the reply")
    }

    @Test func eachViewKeepsItsSelection() throws {
        var s = try state()
        _ = reduce(&s, .key(.char("1")))
        _ = reduce(&s, .key(.down))
        _ = reduce(&s, .key(.down))
        let publicPick = id(s)
        _ = reduce(&s, .key(.char("2")))
        #expect(s.view == .private)
        #expect(s.visibleThreads.allSatisfy { s.summary(of: $0).visibility == .private })
        _ = reduce(&s, .key(.char("j")))
        let privatePick = id(s)
        _ = reduce(&s, .key(.tab))  // private → all
        #expect(s.view == .all)
        _ = reduce(&s, .key(.tab))  // all → mine
        #expect(s.view == .mine && s.visibleThreads.isEmpty, "nothing is olga's in the sample")
        _ = reduce(&s, .key(.tab))  // mine → unassigned
        #expect(s.view == .unassigned && s.visibleThreads.count == s.openCount(.all))
        _ = reduce(&s, .key(.tab))  // unassigned → public, round
        #expect(id(s) == publicPick)
        _ = reduce(&s, .key(.char("2")))
        #expect(id(s) == privatePick)
    }

    @Test func shiftTabGoesBackThroughTheViews() throws {
        var s = try state()
        #expect(s.view == .all)
        _ = reduce(&s, .key(.backTab))
        #expect(s.view == .private)
        #expect(render(s).text.contains("[Private 4]"))
        _ = reduce(&s, .key(.backTab))
        #expect(s.view == .public)
        _ = reduce(&s, .key(.backTab))
        #expect(s.view == .unassigned, "round, through the five")
        _ = reduce(&s, .key(.backTab))
        _ = reduce(&s, .key(.backTab))
        #expect(s.view == .all)
        _ = reduce(&s, .key(.tab))
        _ = reduce(&s, .key(.backTab))
        #expect(s.view == .all, "Shift-Tab undoes Tab")
        _ = reduce(&s, .key(.enter))
        _ = reduce(&s, .key(.backTab))
        #expect(s.mode == .queue && s.view == .private, "from a conversation too, like Tab")
        _ = reduce(&s, .key(.char("?")))
        #expect(render(s).text.contains("Shift-Tab    Previous view"))
    }

    @Test func movingStopsAtTheEnds() throws {
        var s = try state()
        _ = reduce(&s, .key(.char("G")))
        let last = s.visibleThreads.last
        #expect(s.selectedThread == last)
        _ = reduce(&s, .key(.down))
        #expect(s.selectedThread == last)
        _ = reduce(&s, .key(.char("g")))
        #expect(s.selectedThread == s.visibleThreads.first)
        _ = reduce(&s, .key(.pageDown))
        #expect(s.selectedIndex == 18)
    }

    @Test func resolveAppendsLeavesTheQueueSelectsTheNextAndUndoReopens() throws {
        let copy = try ScratchInbox(copying: samplePath)
        var s = try state(copy.path)
        let before = s.visibleThreads
        let first = s.summary(of: before[0]).id
        let effects = reduce(&s, .key(.char("x")))
        guard case .append(let line, _)? = effects.first else { Issue.record("no append effect"); return }
        #expect(line.contains(#""type":"resolve""#) && line.contains(#""thread":"\#(first)""#) && line.contains(#""agent":"olga""#))
        try run(effects, &s)
        #expect(s.visibleThreads.count == before.count - 1)
        #expect(!s.visibleThreads.contains(before[0]))
        #expect(s.selectedThread == before[1], "the next thread is selected")
        #expect(s.resolvedThisSession == 1)
        #expect(render(s).text.contains("Resolved \(first). u to undo."))

        let undo = reduce(&s, .key(.char("u")))
        #expect(undo.first.map { if case .append(let l, _) = $0 { l.contains(#""type":"reopen""#) } else { false } } == true)
        try run(undo, &s)
        #expect(s.visibleThreads.count == before.count)
        #expect(s.resolvedThisSession == 0)
        #expect(s.selectedThread == before[0])
    }

    @Test func noteIsTypedAndAppended() throws {
        let copy = try ScratchInbox(copying: samplePath)
        var s = try state(copy.path)
        let thread = s.selectedThread!
        _ = reduce(&s, .key(.char("n")))
        #expect(s.mode == .note)
        for c in "Позвонить курьеру 📦" { _ = reduce(&s, .key(.char(c))) }
        _ = reduce(&s, .key(.backspace))
        #expect(render(s).text.contains("Note: Позвонить курьеру █"))
        let effects = reduce(&s, .key(.enter))
        try run(effects, &s)
        #expect(s.inbox.notes(of: thread).last?.text == "Позвонить курьеру")
        #expect(s.mode == .queue)
    }

    @Test func quitAsksOnlyWhenANoteIsUnsent() throws {
        var s = try state()
        #expect(reduce(&s, .key(.char("q"))) == [.quit])
        _ = reduce(&s, .key(.char("n")))
        _ = reduce(&s, .key(.char("h")))
        _ = reduce(&s, .key(.escape))
        #expect(s.noteText == "h")
        #expect(reduce(&s, .key(.char("q"))) == [])
        #expect(render(s).text.contains("A note is unsent. Quit and discard it? y/n"))
        _ = reduce(&s, .key(.char("n")))
        #expect(s.mode == .queue)
        _ = reduce(&s, .key(.char("q")))
        #expect(reduce(&s, .key(.char("y"))) == [.quit])
    }

    @Test func recordsFromElsewhereKeepSelectionAndTypedText() throws {
        let copy = try ScratchInbox(copying: samplePath)
        var s = try state(copy.path)
        _ = reduce(&s, .key(.down))
        _ = reduce(&s, .key(.down))
        let picked = s.selectedThread
        _ = reduce(&s, .key(.char("/")))
        _ = reduce(&s, .key(.char("@")))
        let count = s.visibleThreads.count
        // Another process (a connector) appends a new public complaint.
        let line = #"{"type":"message","id":"new-1","at":"2026-11-20T18:20:00Z","thread":"tw-9999","channel":"twitter","visibility":"public","direction":"in","author":{"id":"tw-new","handle":"@newbie"},"text":"@shopwave hello?"}"#
        try InboxAppender(path: copy.path).append(line: line)
        _ = try s.follow()
        #expect(s.filterText == "@", "typed text survives")
        #expect(s.mode == .filter)
        #expect(s.visibleThreads.count == count + 1)
        #expect(s.selectedThread == picked)
        #expect(s.openCount(.public) == 16)
    }

    /// The open conversation is kept laid out while records arrive for other threads, and
    /// laid out again when one arrives for it.
    @Test func theOpenConversationShowsWhatArrivesForItAndForItsCustomer() throws {
        let copy = try ScratchInbox(copying: samplePath)
        var s = try state(copy.path)
        let open = try #require(s.selectedThread)
        let t = s.summary(of: open)
        _ = reduce(&s, .key(.enter))
        #expect(!render(s).text.contains("a later word"))
        func append(_ line: String) throws {
            try InboxAppender(path: copy.path, durable: false).append(line: line)
            _ = try s.follow()
        }
        // Elsewhere: nothing changes in the pane.
        try append(#"{"type":"message","id":"o-1","at":"2026-11-20T18:20:00Z","thread":"elsewhere","channel":"chat","visibility":"private","direction":"in","author":{"id":"someone-else"},"text":"unrelated"}"#)
        #expect(!render(s).text.contains("unrelated"))
        // In the open thread: it shows.
        try append(#"{"type":"message","id":"o-2","at":"2026-11-20T18:21:00Z","thread":"\#(t.id)","channel":"\#(t.channel)","visibility":"\#(t.visibility.name)","direction":"in","author":{"id":"\#(t.customer?.id ?? "")"},"text":"a later word"}"#)
        #expect(render(s).text.contains("a later word"))
    }

    /// A row's summary is kept while records arrive elsewhere, and read again when its
    /// customer's name comes in with a message in their other thread.
    @Test func aNameThatArrivesInAnotherThreadShowsInTheRow() throws {
        let copy = try ScratchInbox(copying: samplePath)
        var s = try state(copy.path)
        _ = reduce(&s, .key(.char("2")))
        func append(_ line: String) throws {
            try InboxAppender(path: copy.path, durable: false).append(line: line)
            _ = try s.follow()
        }
        try append(#"{"type":"message","id":"nm-1","at":"2026-11-20T18:20:00Z","thread":"nm-a","channel":"chat","visibility":"private","direction":"in","author":{"id":"anon-77"},"text":"who am I"}"#)
        #expect(render(s).text.contains("anon-77"))
        try append(#"{"type":"message","id":"nm-2","at":"2026-11-20T18:21:00Z","thread":"nm-b","channel":"chat","visibility":"private","direction":"in","author":{"id":"anon-77","name":"Zelda Quill"},"text":"it's me"}"#)
        let rows = render(s).text.split(separator: "\n").filter { $0.contains("who am I") }
        #expect(rows.count == 1 && rows[0].contains("Zelda Qu"), "\(rows)")
        // A name that arrives in a thread someone else started shows in the author's own.
        try append(#"{"type":"message","id":"nm-3","at":"2026-11-20T18:22:00Z","thread":"nm-c","channel":"chat","visibility":"private","direction":"in","author":{"id":"anon-91"},"text":"quiet one"}"#)
        try append(#"{"type":"message","id":"nm-4","at":"2026-11-20T18:23:00Z","thread":"nm-d","channel":"chat","visibility":"private","direction":"in","author":{"id":"starter"},"text":"group chat"}"#)
        #expect(render(s).text.contains("anon-91"))
        try append(#"{"type":"message","id":"nm-5","at":"2026-11-20T18:24:00Z","thread":"nm-d","channel":"chat","visibility":"private","direction":"in","author":{"id":"anon-91","name":"Quinn Vale"},"text":"me too"}"#)
        let quiet = render(s).text.split(separator: "\n").filter { $0.contains("quiet one") }
        #expect(quiet.count == 1 && quiet[0].contains("Quinn Va"), "\(quiet)")
    }

    @Test func statusFilterCycles() throws {
        var s = try state()
        var seen: [StatusFilter] = [s.status]
        for _ in 0..<5 {
            _ = reduce(&s, .key(.char("s")))
            seen.append(s.status)
        }
        #expect(seen == [.open, .waiting, .resolved, .snoozed, .all, .open])
        _ = reduce(&s, .key(.char("s")))
        _ = reduce(&s, .key(.char("s")))
        #expect(s.visibleThreads.allSatisfy { s.inbox.status(of: $0, at: shiftEnd) == .resolved })
    }

    @Test func theTimeShownAndWrittenIsTheStates() throws {
        var s = try state(width: 120, height: 40)
        #expect(render(s).text.contains("Дмитрий Орл…  -4h"))
        // The loop's clock moves on a day: the clocks follow, with no other input.
        let later = Timestamp(milliseconds: shiftEnd.milliseconds + 86_400_000)
        _ = reduce(&s, .tick(later))
        #expect(render(s).text.contains("Дмитрий Орл… -28h"))
        let effects = reduce(&s, .key(.char("x")))
        guard case .append(let line, _)? = effects.first else { Issue.record("no append"); return }
        #expect(line.contains(#""at":"\#(later.rfc3339)""#), "stamped with the state's time, not the wall clock's")
    }

    @Test func aCopyOfTheStateDoesNotChangeWithTheOriginal() throws {
        let copy = try ScratchInbox(copying: samplePath)
        var s = try state(copy.path)
        let before = s.state
        let list = s.visibleThreads
        try run(reduce(&s, .key(.char("x"))), &s)
        _ = reduce(&s, .key(.char("/")))
        _ = reduce(&s, .key(.char("v")))
        #expect(s.visibleThreads.count < list.count - 1)
        #expect(before.visibleThreads == list, "the copy kept its own lists")
        #expect(before.filterText.isEmpty && before.openCount(.all) == list.count)
    }

    /// mail-2002 is snoozed until 2026-11-23 09:00. When the clock passes it, the thread
    /// moves back to the open lists, and no list is built again: the next keys stay cheap.
    @Test func aSnoozeThatEndsMovesItsThreadAndNoListIsRebuilt() throws {
        let model = SearchTests.CountingModel(try InboxModel(path: samplePath))
        var s = AppState(model: model, agent: "olga", now: shiftEnd, width: 120, height: 40)
        s.buildAllLists(model)
        let mail = try #require(model.thread(id: "mail-2002"))
        let openBefore = s.openCount(.all)
        // Minutes go by, and the snooze is still on.
        _ = reduce(&s, .tick(Timestamp.parse("2026-11-22T12:00:00Z")!), model)
        #expect(s.openCount(.all) == openBefore)
        model.listBuilds = 0
        _ = reduce(&s, .tick(Timestamp.parse("2026-11-23T09:00:30Z")!), model)
        #expect(s.openCount(.all) == openBefore + 1)
        #expect(s.queue.list(QueueIndex.Key(view: .private, status: .open, order: .deadline))?.contains(mail) == true)
        #expect(s.queue.list(QueueIndex.Key(view: .all, status: .snoozed, order: .deadline))?.contains(mail) == false)
        // Every status of every view, visited: none is built again.
        for view in ["1", "2", "3"] as [Character] {
            _ = reduce(&s, .key(.char(view)), model)
            for _ in 0..<5 { _ = reduce(&s, .key(.char("s")), model) }
        }
        #expect(model.listBuilds == 0, "the lists were moved, not rebuilt")
    }
}
