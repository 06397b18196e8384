import Foundation
import Testing
@testable import DeskUI
import Desk
import InboxFormat
import InboxStore

/// The triage keys on the sample inbox at the end of the shift: `p`, `z`, `J`, `o`, `u`.
@Suite struct TriageKeysTests {
    func copy() throws -> (ScratchInbox, TestApp) {
        let file = try ScratchInbox(copying: samplePath)
        var s = try state(file.path, width: 120, height: 40)
        s.scratch = file
        return (file, s)
    }

    func id(_ s: TestApp) -> String? { s.selectedThread.map { s.summary(of: $0).id } }

    func lastRecord(_ file: ScratchInbox) throws -> [String: Any] {
        let text = try String(contentsOfFile: file.path, encoding: .utf8)
        let last = try #require(text.split(separator: "\n").last)
        return try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
    }

    @Test func pCyclesThroughTheLevelsAndBackToTheRules() throws {
        var (file, s) = try copy()
        let thread = try #require(id(s))
        var seen: [String] = []
        for _ in 0..<5 {
            try s.apply(reduce(&s, .key(.char("p"))))
            let record = try lastRecord(file)
            #expect(record["type"] as? String == "priority" && record["thread"] as? String == thread && record["agent"] as? String == "olga")
            seen.append(record["level"] as? String ?? "null")
            if seen.count == 1 {
                let screen = render(s).text
                #expect(screen.contains("\(thread) · public · twitter · open · !! urgent (set by olga)"), "the header says who set it")
                #expect(screen.contains("●p!! twitter   Jake Brown"), "the row's flag")
            }
        }
        #expect(seen == ["urgent", "high", "normal", "low", "null"])
        #expect(s.model.priority(of: try #require(s.selectedThread)).setBy == nil, "back to the rules")
        #expect(!render(s).text.contains("set by olga"))
    }

    @Test func uLeavesAnotherAgentsLaterPriorityAlone() throws {
        var (file, s) = try copy()
        let ref = try #require(s.selectedThread)
        let thread = try #require(id(s))
        try s.apply(reduce(&s, .key(.char("p"))))
        let now = s.now
        try s.apply([.append(RecordWriter(agent: "ivan", now: { now }).priority(thread: thread, level: "low"))])
        try s.apply(reduce(&s, .key(.char("u"))))
        #expect(s.model.priority(of: ref).level == .low && s.model.priority(of: ref).setBy == "ivan", "ivan's level stands")
        #expect(s.message?.text == "The priority of \(thread) has changed since (ivan: low); nothing undone.")
        #expect(try lastRecord(file)["agent"] as? String == "ivan", "nothing written")
    }

    @Test func keysForAThreadOnAnEmptyListSaySo() throws {
        let file = try ScratchInbox(lines: [
            #"{"type":"message","id":"m1","at":"2026-11-20T17:50:00Z","thread":"t1","channel":"chat","visibility":"private","direction":"in","author":{"id":"u1","name":"Pat"},"text":"hi"}"#,
        ])
        var s = try TestApp(path: file.path, width: 120, height: 40)
        s.scratch = file
        try s.apply(reduce(&s, .key(.char("x"))))
        #expect(s.selectedThread == nil, "the only open thread is resolved")
        for key: Character in ["p", "z", "a", "r", "n"] {
            s.message = nil
            let effects = reduce(&s, .key(.char(key)))
            #expect(effects.isEmpty && s.mode == .queue, "\(key)")
            #expect(s.message?.text == "No thread here to act on: this list is empty.", "\(key)")
        }
    }

    @Test func anUrgentThreadMovesUpTheQueue() throws {
        var (_, s) = try copy()
        // Greta's e-mail: private and normal, four hours to answer, three of them left.
        let greta = try #require(s.model.thread(id: "mail-2003"))
        let before = try #require(s.visibleThreads.firstIndex(of: greta))
        while id(s) != "mail-2003" { _ = reduce(&s, .key(.down)) }
        try s.apply(reduce(&s, .key(.char("p"))))
        let after = try #require(s.visibleThreads.firstIndex(of: greta))
        #expect(after < before, "urgent: an hour to answer, not four")
        #expect(id(s) == "mail-2003", "the selection follows the thread")
    }

    @Test func uUndoesPriorityThenSnoozeThenResolveInTurn() throws {
        var (file, s) = try copy()
        let first = try #require(id(s))
        try s.apply(reduce(&s, .key(.char("x"))))
        let second = try #require(id(s))
        try s.apply(reduce(&s, .key(.char("z"))))
        #expect(s.mode == .snooze)
        try s.apply(reduce(&s, .key(.char("1"))))
        #expect(try lastRecord(file)["type"] as? String == "snooze")
        let third = try #require(id(s))
        try s.apply(reduce(&s, .key(.char("p"))))
        try s.apply(reduce(&s, .key(.char("p"))))
        #expect(try lastRecord(file)["level"] as? String == "high")

        try s.apply(reduce(&s, .key(.char("u"))))
        var record = try lastRecord(file)
        #expect(record["type"] as? String == "priority" && record["level"] as? String == "urgent", "one p undone")
        try s.apply(reduce(&s, .key(.char("u"))))
        record = try lastRecord(file)
        #expect(record["level"] is NSNull && record["thread"] as? String == third, "back to the rules")
        try s.apply(reduce(&s, .key(.char("u"))))
        record = try lastRecord(file)
        #expect(record["type"] as? String == "reopen" && record["thread"] as? String == second, "the snooze undone")
        #expect(s.visibleThreads.contains(try #require(s.model.thread(id: second))))
        try s.apply(reduce(&s, .key(.char("u"))))
        record = try lastRecord(file)
        #expect(record["type"] as? String == "reopen" && record["thread"] as? String == first)
        #expect(s.resolvedThisSession == 0)
        _ = reduce(&s, .key(.char("u")))
        #expect(s.message?.text == "Nothing to undo.")
    }

    @Test func zOffersPresetsAndTakesATypedTime() throws {
        var (file, s) = try copy()
        let thread = try #require(id(s))
        _ = reduce(&s, .key(.char("z")))
        let menu = render(s).text
        #expect(menu.contains("1  1 hour") && menu.contains("4  4 hours"))
        #expect(menu.contains("t  tomorrow, Sat 09:00"), "2026-11-20 is a Friday; no hours set: 09:00")
        #expect(menu.contains("w  next week, Mon 23 Nov 09:00"))
        _ = reduce(&s, .key(.char("c")))
        for c in "soon" { _ = reduce(&s, .key(.char(c))) }
        _ = reduce(&s, .key(.enter))
        #expect(s.mode == .snooze && s.message?.text.hasPrefix("Not a time: try 2h, 1h30m") == true, "not a time: the menu stays")
        _ = reduce(&s, .key(.ctrl("u")))
        for c in "today 09:00" { _ = reduce(&s, .key(.char(c))) }
        _ = reduce(&s, .key(.enter))
        #expect(s.mode == .snooze && s.message?.text.hasSuffix("has passed: give a time ahead.") == true, "\(s.message?.text ?? "")")
        _ = reduce(&s, .key(.ctrl("u")))
        for c in "17:30" { _ = reduce(&s, .key(.char(c))) }
        try s.apply(reduce(&s, .key(.enter)))
        let record = try lastRecord(file)
        #expect(record["type"] as? String == "snooze" && record["thread"] as? String == thread)
        #expect((record["until"] as? String).flatMap(Timestamp.parse) == Timestamp.parse("2026-11-21T17:30:00Z"),
                "17:30 has passed today: tomorrow's")
        #expect(s.mode == .queue)
        #expect(!s.visibleThreads.contains(try #require(s.model.thread(id: thread))), "out of the open queue")
        _ = reduce(&s, .key(.char("z")))
        _ = reduce(&s, .key(.escape))
        #expect(s.mode == .queue && s.snooze == nil, "Esc cancels")
    }

    @Test func zSaysWhenTheAnswerIsDueAndWhichSnoozesRunPastIt() throws {
        var (file, s) = try copy()
        // The first thread in the queue whose deadline is still ahead.
        while let ref = s.selectedThread, (s.model.clock(of: ref, at: s.now)?.due).map({ $0 <= s.now }) ?? true {
            let before = ref
            _ = reduce(&s, .key(.down))
            if s.selectedThread == before { Issue.record("no thread with a deadline ahead"); return }
        }
        let ref = try #require(s.selectedThread)
        let due = try #require(s.model.clock(of: ref, at: s.now)?.due)
        _ = reduce(&s, .key(.char("z")))
        let menu = render(s).text
        #expect(menu.contains("The answer is due \(s.snoozeTime.label(due)), in \(ClockText.left(until: due, at: s.now))."), "\(menu)")
        let presets = try #require(s.snooze?.presets)
        #expect(presets.contains { $0.until > due }, "next week is past any deadline")
        for preset in presets {
            let row = try #require(menu.split(separator: "\n").first { $0.contains("\(preset.key)  \(preset.label)") })
            #expect(row.contains("past due") == (preset.until > due), "\(row)")
        }
        try s.apply(reduce(&s, .key(.char("w"))))
        #expect(s.message?.text.contains("past its deadline (\(s.snoozeTime.label(due)))") == true, "\(s.message?.text ?? "")")
        #expect(try lastRecord(file)["type"] as? String == "snooze")
    }

    @Test func nInTheSnoozeMenuWakesASnoozedThreadAndUPutsItBackToSleep() throws {
        var (file, s) = try copy()
        while s.status != .snoozed { _ = reduce(&s, .key(.char("s"))) }
        while id(s) != "mail-2002" { _ = reduce(&s, .key(.down)) }
        let ref = try #require(s.selectedThread)
        _ = reduce(&s, .key(.char("z")))
        #expect(render(s).text.contains("n  now: wake it (asleep until Mon 23 Nov 09:00)"))
        #expect(render(s).lines[s.height - 2].hasPrefix("1/4/t/w choose · n wake it now · c type a time"), "\(render(s).lines[s.height - 2])")
        try s.apply(reduce(&s, .key(.char("n"))))
        var record = try lastRecord(file)
        #expect(record["type"] as? String == "reopen" && record["thread"] as? String == "mail-2002")
        #expect(s.model.status(of: ref, at: s.now) == .open && s.message?.text == "mail-2002 is awake, under open. u to undo.")
        try s.apply(reduce(&s, .key(.char("u"))))
        record = try lastRecord(file)
        #expect(record["type"] as? String == "snooze" && (record["until"] as? String).flatMap(Timestamp.parse) == Timestamp.parse("2026-11-23T09:00:00Z"))
        #expect(s.model.status(of: ref, at: s.now) == .snoozed)
        // Woken again, then the customer writes: u does not hide that message.
        _ = reduce(&s, .key(.char("z")))
        try s.apply(reduce(&s, .key(.char("n"))))
        try s.apply([.append(#"{"type":"message","id":"late-1","at":"2026-11-20T18:31:00Z","thread":"mail-2002","channel":"email","visibility":"private","direction":"in","author":{"id":"william@example.com","name":"William T"},"text":"Any news?"}"#)])
        _ = reduce(&s, .key(.char("u")))
        #expect(try lastRecord(file)["id"] as? String == "late-1", "nothing written")
        #expect(s.model.status(of: ref, at: s.now) == .open && s.message?.text.contains("nothing undone") == true, "\(s.message?.text ?? "")")
        // A thread that is not asleep has nothing to wake: n does nothing there.
        while s.status != .open { _ = reduce(&s, .key(.char("s"))) }
        _ = reduce(&s, .key(.char("z")))
        #expect(!render(s).text.contains("n  now: wake it"))
        _ = reduce(&s, .key(.char("n")))
        #expect(s.mode == .snooze, "the menu stays")
    }

    @Test func undoingASnoozePutsTheThreadBackAsItWas() throws {
        var (file, s) = try copy()
        // mail-2002 is snoozed until Monday 09:00; snoozed again for an hour, u restores Monday.
        while s.status != .snoozed { _ = reduce(&s, .key(.char("s"))) }
        while id(s) != "mail-2002" { _ = reduce(&s, .key(.down)) }
        // Its row says when it comes back (Friday 18:30 to Monday 09:00: 2 days), not how
        // long ago it was snoozed.
        let row = render(s).lines.first { $0.contains("William T") && !$0.contains(" · ") } ?? ""
        #expect(row.contains(" z2d "), "\(row)")
        _ = reduce(&s, .key(.char("z")))
        let menu = render(s).lines.first { $0.contains("┌") } ?? ""
        let corners = (menu.firstIndex(of: "┌"), menu.firstIndex(of: "┐"))
        #expect(menu.contains("┌─ Snooze mail-2002 ─"), "the title on the rule: \(menu)")
        #expect(corners.0.flatMap { l in corners.1.map { menu.distance(from: l, to: $0) } } == 55, "the corner closes the 56-column box")
        try s.apply(reduce(&s, .key(.char("1"))))
        try s.apply(reduce(&s, .key(.char("u"))))
        let record = try lastRecord(file)
        #expect(record["type"] as? String == "snooze" && (record["until"] as? String).flatMap(Timestamp.parse) == Timestamp.parse("2026-11-23T09:00:00Z"),
                "not a reopen: the thread is snoozed until Monday again")
        // A thread that waits for the customer: no record but a reply makes it wait again,
        // so u brings it back open, in view, rather than leave it hidden. And u takes back
        // this snooze, not the agent's action before it.
        while s.status != .waiting { _ = reduce(&s, .key(.char("s"))) }
        let waiting = try #require(id(s))
        _ = reduce(&s, .key(.char("p")))
        _ = reduce(&s, .key(.char("z")))
        try s.apply(reduce(&s, .key(.char("4"))))
        #expect(try lastRecord(file)["thread"] as? String == waiting)
        #expect(s.message?.text.contains("u to undo") == true)
        try s.apply(reduce(&s, .key(.char("u"))))
        let undone = try lastRecord(file)
        #expect(undone["type"] as? String == "reopen" && undone["thread"] as? String == waiting)
        #expect(s.message?.text == "Snooze undone: \(waiting) is back, under open.")
        #expect(s.undoStack.last == .priority(thread: waiting, set: .urgent, previous: nil), "the priority change is next")
    }

    @Test func aSnoozeIsNotUndoneOnceTheThreadHasChanged() throws {
        var (file, s) = try copy()
        let thread = try #require(id(s))
        _ = reduce(&s, .key(.char("z")))
        try s.apply(reduce(&s, .key(.char("4"))))
        // The customer writes meanwhile: the thread is open, their clock running.
        let line = #"{"type":"message","id":"late-1","at":"2026-11-20T18:29:00Z","thread":"\#(thread)","channel":"twitter","visibility":"public","direction":"in","author":{"id":"u-late"},"text":"still there?"}"#
        try s.apply([.append(line, unsent: nil)])
        let before = try lastRecord(file)
        try s.apply(reduce(&s, .key(.char("u"))))
        #expect(try lastRecord(file)["id"] as? String == before["id"] as? String, "nothing written")
        #expect(s.message?.text == "\(thread) has changed since that snooze; nothing undone.")
        #expect(s.undoStack.isEmpty)
    }

    @Test func uTakesBackAPinAndPutsBackOneTakenDown() throws {
        var (file, s) = try copy()
        func isMine(_ pin: Pin, _ words: String) -> Bool { pin.text.hasSuffix(words) }
        _ = reduce(&s, .key(.char("P")))
        for c in " Payments are back." { _ = reduce(&s, .key(.char(c))) }
        try s.apply(reduce(&s, .key(.ctrl("s"))))
        let pin = try lastRecord(file)
        #expect(pin["type"] as? String == "pin" && (pin["text"] as? String)?.hasSuffix("Payments are back.") == true)
        #expect(s.model.activePins.contains { isMine($0, "Payments are back.") })
        try s.apply(reduce(&s, .key(.char("u"))))
        let unpin = try lastRecord(file)
        #expect(unpin["type"] as? String == "unpin" && unpin["pin"] as? String == pin["id"] as? String)
        #expect(!s.model.activePins.contains { isMine($0, "Payments are back.") }, "down again")
        // Taken down with U (from the menu when several are up), then u: up again.
        _ = reduce(&s, .key(.char("P")))
        for c in " Back at 9." { _ = reduce(&s, .key(.char(c))) }
        try s.apply(reduce(&s, .key(.ctrl("s"))))
        var effects = reduce(&s, .key(.char("U")))
        if s.mode == .unpin {
            let n = try #require(s.unpinMenu?.pins.firstIndex { isMine($0, "Back at 9.") }) + 1
            effects = reduce(&s, .key(.char(Character(String(n)))))
        }
        try s.apply(effects)
        #expect(!s.model.activePins.contains { isMine($0, "Back at 9.") })
        #expect(s.message?.text.hasSuffix("u to undo.") == true)
        try s.apply(reduce(&s, .key(.char("u"))))
        #expect(s.model.activePins.contains { isMine($0, "Back at 9.") }, "u puts it up again")
        #expect(s.message?.text == "Pin up again.")
        // And u once more takes back the pinning itself: the pin up now comes down.
        try s.apply(reduce(&s, .key(.char("u"))))
        #expect(!s.model.activePins.contains { isMine($0, "Back at 9.") }, "the new pin, not the old id")
        #expect(s.undoStack.isEmpty)
        // A pin someone else took down meanwhile: u writes nothing and says so.
        _ = reduce(&s, .key(.char("P")))
        for c in " Gone soon." { _ = reduce(&s, .key(.char(c))) }
        try s.apply(reduce(&s, .key(.ctrl("s"))))
        let gone = try #require(s.model.activePins.first { isMine($0, "Gone soon.") })
        try s.apply([.append(RecordWriter(agent: "ivan", now: { shiftEnd }).unpin(pin: gone.id))])
        let before = try lastRecord(file)
        try s.apply(reduce(&s, .key(.char("u"))))
        #expect(try lastRecord(file)["id"] as? String == before["id"] as? String)
        #expect(s.message?.text == "That pin is down already; nothing undone.")
    }

    @Test func anUndoThatCannotBeWrittenStaysOnTheList() throws {
        var (_, s) = try copy()
        try s.apply(reduce(&s, .key(.char("x"))))
        let effects = reduce(&s, .key(.char("u")))
        guard case .append(_, let unsent)? = effects.first else { Issue.record("no append"); return }
        #expect(s.undoStack.isEmpty && s.resolvedThisSession == 0)
        _ = reduce(&s, .appendFailed(reason: "the disk is full", unsent: unsent))
        #expect(s.undoStack.count == 1 && s.resolvedThisSession == 1, "the thread is still resolved: u can try again")
        #expect(s.message?.text == "Not undone: the disk is full. u to try again.")
    }

    @Test func jJumpsToTheNearestDeadlineFromAnyView() throws {
        var (_, s) = try copy()
        _ = reduce(&s, .key(.char("2")))
        _ = reduce(&s, .key(.char("s")))
        #expect(s.view == .private && s.status == .waiting)
        _ = reduce(&s, .key(.char("J")))
        #expect(s.view == .all && s.status == .open)
        #expect(id(s) == "tw-6001", "the most overdue open thread")
        _ = reduce(&s, .key(.char("J")))
        #expect(id(s) == "tw-6003", "again: the next deadline")
        _ = reduce(&s, .key(.char("1")))
        _ = reduce(&s, .key(.char("g")))
        #expect(id(s) == "tw-6001")
        _ = reduce(&s, .key(.char("J")))
        #expect(s.view == .public && id(s) == "tw-6003", "a view that holds the next stays")
        // Round the deadlines: from the last, back to the first.
        _ = reduce(&s, .key(.char("3")))
        _ = reduce(&s, .key(.char("G")))
        _ = reduce(&s, .key(.char("J")))
        #expect(id(s) == "tw-6001")
        // From a thread the agent chose, with a later deadline, J goes to the nearest, not
        // to the one after the selection.
        _ = reduce(&s, .key(.char("2")))
        _ = reduce(&s, .key(.char("g")))
        #expect(id(s) == "tg-5001")
        _ = reduce(&s, .key(.char("J")))
        #expect(id(s) == "tw-6001", "the most overdue, wherever the selection was")
    }

    @Test func oTogglesLongestWaitingFirst() throws {
        var (_, s) = try copy()
        #expect(id(s) == "tw-6001")
        _ = reduce(&s, .key(.char("o")))
        #expect(s.order == .waiting)
        _ = reduce(&s, .key(.char("g")))
        #expect(id(s) == "tg-5001", "Дмитрий has waited longest")
        #expect(render(s).text.contains("All · open · 19 · longest waiting"))
        _ = reduce(&s, .key(.char("o")))
        _ = reduce(&s, .key(.char("g")))
        #expect(id(s) == "tw-6001")
    }

    @Test func theTitleCountsOverdueAndSoonDue() throws {
        var (_, s) = try copy()
        #expect(render(s).text.contains("│ 15 overdue · 1 due in 15 min │"))
        // Ten minutes on, Вера's public thread (three minutes left) is overdue too.
        _ = reduce(&s, .tick(Timestamp(milliseconds: shiftEnd.milliseconds + 10 * 60_000)))
        #expect(render(s).text.contains("│ 16 overdue │"))
    }
}

/// The team's hours on screen: the title after hours, and the promise in the picker.
@Suite struct BusinessHoursOnScreenTests {
    /// Weekdays 09:00 to 18:00 in Berlin; the sample's evening (18:30 UTC) is 19:30 there.
    let berlin = BusinessCalendar(timeZone: TimeZone(identifier: "Europe/Berlin")!, window: OpeningWindow("09:00-18:00")!,
                                  on: [.monday, .tuesday, .wednesday, .thursday, .friday])

    @Test func afterHoursTheTitleSaysWhenTheTeamIsBack() throws {
        var s = try TestApp(path: samplePath, width: 160, height: 40, triage: Triage(classifier: nil, calendar: berlin))
        s.hours = berlin
        #expect(render(s).text.contains("│ after hours · back Mon 09:00 │"), "Friday evening: back on Monday")
        _ = reduce(&s, .tick(Timestamp.parse("2026-11-23T06:30:00Z")!))
        #expect(render(s).text.contains("│ after hours · back 09:00 │"), "Monday, 07:30 in Berlin")
        _ = reduce(&s, .tick(Timestamp.parse("2026-11-23T08:30:00Z")!))
        #expect(!render(s).text.contains("after hours"))
    }

    @Test func onANarrowTerminalTheTitleStillSaysWhenTheTeamIsBack() throws {
        let file = try ScratchInbox(copying: samplePath)
        // 100 columns: the sample's failed reply takes its room too (at 80 the tabs, that
        // and the clocks fill the bar).
        var s = try TestApp(path: file.path, width: 100, height: 24, triage: Triage(classifier: nil, calendar: berlin))
        s.scratch = file
        s.hours = berlin
        // Two threads of olga's: the Mine tab takes its room in the title too.
        for _ in 0..<2 {
            try s.apply(reduce(&s, .key(.char("a"))))
            _ = reduce(&s, .key(.down))
        }
        let title = render(s).lines[0]
        #expect(title.contains("Mine 2") && title.contains("Mon 09:00"), "\(title)")
        #expect(title.contains("off till Mon 09:00"), "the short form: \(title)")
    }

    @Test func thePickerPreviewShowsThisThreadsPromise() throws {
        // Greta wrote at 17:41 UTC, after Berlin's closing: her clock starts on Monday at
        // 09:00 (08:00 UTC) and runs four hours.
        var s = try TestApp(path: samplePath, width: 160, height: 50, triage: Triage(classifier: nil, calendar: berlin))
        s.hours = berlin
        s.templates = TemplateLibrary(folders: [templateFolder])
        while s.selectedThread.map({ s.summary(of: $0).id }) != "mail-2003" { _ = reduce(&s, .key(.down)) }
        #expect(s.model.clock(of: try #require(s.selectedThread), at: s.now)?.due == Timestamp.parse("2026-11-23T12:00:00Z"))
        _ = reduce(&s, .key(.char("t")))
        _ = reduce(&s, .key(.char("a")))
        _ = reduce(&s, .key(.char("c")))
        _ = reduce(&s, .key(.char("k")))
        // The preview wraps: its lines, read as one text.
        let preview = render(s).lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(preview.contains("I'll get back to you on Monday after 09:00."))
    }
}
