import Foundation
import Testing

/// The full-screen app as a user meets it: the real binary in a real terminal (tmux).
@Suite(.serialized) struct AppTests {
    /// Starts the app on a scratch copy of the sample inbox.
    func start(_ s: Scratch, width: Int = 120, height: Int = 40, extra: String = "") throws -> TerminalSession {
        let term = try TerminalSession(width: width, height: height, keeping: s)
        try term.run("\(CLI.binary.path) '\(s.inbox)' --agent olga \(extra)")
        try term.waitFor("olga │")
        return term
    }

    @Test func withNoFileItOpensTheSampleInbox() throws {
        let s = try Scratch(copySample: false)
        let term = try TerminalSession(width: 100, height: 30, environment: ["XDG_STATE_HOME": s.dir, "SHIFTDESK_AGENT": "dana"], keeping: s)
        try term.run(CLI.binary.path)
        let screen = try term.waitFor("dana │")
        #expect(screen.joined().contains("[All 19]"))
        #expect(term.alternateScreen)
        try term.type("q")
        try term.waitUntil("the app to end") { _ in !term.alternateScreen }
        #expect(FileManager.default.fileExists(atPath: s.dir + "/shiftdesk/sample-inbox.jsonl"))
    }

    @Test func switchingViewsChangesCountsAndRows() throws {
        let s = try Scratch()
        let term = try start(s)
        try term.waitFor("[All 19]")
        #expect(term.screenText.contains("Public 15"))
        try term.type("2")
        let privateScreen = try term.waitFor("[Private 4]")
        #expect(privateScreen.contains { $0.contains("Private · open · 4") })
        #expect(!privateScreen.contains { $0.contains(" pub ") }, "only private threads in the private view")
        try term.type("1")
        let publicScreen = try term.waitFor("[Public 15]")
        #expect(!publicScreen.contains { $0.contains(" dm  ") })
        try term.type("q")
    }

    @Test func openingAThreadShowsTheConversationAndTheCustomersOtherThreads() throws {
        let s = try Scratch()
        let term = try start(s)
        try term.type("/")
        try term.type("anna")
        try term.press("Enter")
        try term.type("s")
        try term.type("s")  // resolved: Anna's threads were answered
        try term.waitFor("resolved · ")
        try term.press("Enter")
        let screen = try term.waitFor("Same customer: Анна Кузнецова")
        let text = screen.joined(separator: "\n")
        #expect(text.contains("← Анна Кузнецова"))
        #expect(text.contains("→ @shopwave"))
        #expect(text.contains("tw-dm-7001") && text.contains("tw-6002"))
        try term.type("q")
    }

    @Test func resolvingLeavesTheQueueAndAppendsARecord() throws {
        let s = try Scratch()
        let term = try start(s)
        let first = try term.waitFor("tw-6001")
        #expect(first.joined().contains("Jake Brown"), "the most overdue thread first")
        try term.type("x")
        try term.waitFor("Resolved tw-6001. u to undo.")
        try term.waitFor("[All 18]")
        #expect(s.lastRecord["type"] as? String == "resolve")
        #expect(s.lastRecord["thread"] as? String == "tw-6001")
        #expect(s.lastRecord["agent"] as? String == "olga")
        try term.type("u")
        try term.waitFor("[All 19]")
        #expect(s.lastRecord["type"] as? String == "reopen")
        try term.type("q")
    }

    @Test func queueRowsAt80ColumnsKeepCompactAgesAndTheMessage() throws {
        let s = try Scratch(copySample: false)
        // The app reads the real clock, so the threads are dated from it.
        // Days before the clock the session pins (SHIFTDESK_NOW, 2026-11-20T18:00:00Z).
        let pinned = ISO8601DateFormatter().date(from: "2026-11-20T18:00:00Z")!
        func daysAgo(_ days: Double) -> String { ISO8601DateFormatter().string(from: pinned.addingTimeInterval(-days * 86_400)) }
        func line(_ id: String, _ days: Double, _ thread: String, _ channel: String, _ direction: String, _ author: String, _ text: String) -> String {
            #"{"type":"message","id":"\#(id)","at":"\#(daysAgo(days))","thread":"\#(thread)","channel":"\#(channel)","visibility":"public","direction":"\#(direction)","author":{\#(author)},"text":"\#(text)"}"#
        }
        let lines = [
            line("h1", 500, "tw-hist", "twitter", "in", #""id":"tw-kim","handle":"@kim""#, "@shopwave hi"),
            line("h2", 499, "tw-hist", "twitter", "out", #""id":"brand-tw","handle":"@shopwave""#, "@kim hello"),
            line("o1", 400, "tw-old", "twitter", "in", #""id":"tw-gary","handle":"@GaryW_1961","name":"Gary Whitfield""#,
                 "@shopwave my kettle order never arrived and nobody answers"),
            line("o2", 150, "fb-mid", "facebook", "in", #""id":"fb-olu","name":"Olu Adeyemi""#, "Still waiting for the refund you promised"),
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: s.inbox, atomically: true, encoding: .utf8)
        let term = try start(s, width: 80, height: 24)
        let screen = try term.waitFor("Gary Whi")
        let rows = screen.filter { $0.hasPrefix("●") }.map { String($0.prefix(36)) }
        #expect(rows == ["●p   tw Gary Whi…  -1y my kettle ord", "●p   fb Olu Adey… -21w Still waiting"],
                "overdue for a year, and 21 weeks, in four columns")
        try term.type("q")
    }

    @Test func shiftTabGoesToThePreviousView() throws {
        let s = try Scratch()
        let term = try start(s)
        try term.waitFor("[All 19]")
        try term.press("BTab")
        try term.waitFor("[Private 4]")
        try term.press("BTab")
        try term.waitFor("[Public 15]")
        try term.press("Tab")
        try term.waitFor("[Private 4]")
        try term.type("q")
    }

    @Test func helpScrollsOnASmallTerminal() throws {
        let s = try Scratch()
        let term = try start(s, width: 80, height: 12)
        try term.type("?")
        let first = try term.waitFor("more · j/k PgDn scroll")
        #expect(!first.joined().contains("Quit; asks if note unsent"))
        // Pages down until the last key shows, as many as the keymap takes.
        var pages = 0
        while (try? term.waitFor("Quit; asks if note unsent", timeout: 1)) == nil, pages < 10 {
            try term.press("PgDn")
            pages += 1
        }
        try term.waitFor("Quit; asks if note unsent")
        #expect(pages > 1, "more than one page of keys")
        try term.press("Home")
        try term.waitFor("Public view")
        try term.press("Escape")
        try term.waitForGone("Public view")
        try term.type("q")
    }

    @Test func messagesAppendedByAnotherProcessAppear() throws {
        let s = try Scratch()
        let term = try start(s)
        try term.type("/")
        try term.type("typed")
        let line = #"{"type":"message","id":"live-1","at":"2026-11-20T18:20:00Z","thread":"tw-live","channel":"twitter","visibility":"public","direction":"in","author":{"id":"tw-live","name":"Live Customer"},"text":"typed just now"}"#
        let handle = try #require(FileHandle(forWritingAtPath: s.inbox))
        handle.seekToEndOfFile()
        handle.write(Data((line + "\n").utf8))
        try handle.close()
        let screen = try term.waitFor("Live Customer", timeout: 5)
        #expect(screen.contains { $0.contains("/typed") }, "the filter being typed survives")
        #expect(screen.joined().contains("[All 20]"))
        try term.press("Escape")
        try term.type("q")
    }

    @Test func theFilterNarrowsTheQueueAsYouTypeAndEscShowsItAll() throws {
        let s = try Scratch()
        let term = try start(s)
        try term.waitFor("All · open · 19")
        try term.type("/")
        try term.type("vk")
        let screen = try term.waitFor("All · open · 4")
        #expect(screen.contains { $0.contains("/vk█") })
        // A queue row starts with the unread mark (or a space) and p or d for its side.
        let rows = screen.filter { ["●p ", "●d ", " p ", " d "].contains(String($0.prefix(3))) }
        #expect(!rows.isEmpty && rows.allSatisfy { $0.contains(" vk ") }, "only the vk threads are listed")
        try term.press("Escape")
        let all = try term.waitFor("All · open · 19")
        #expect(!all.contains { $0.contains("/vk") })
        #expect(all.contains { $0.contains(" twitter ") || $0.contains(" tw ") })
        try term.type("q")
    }

    @Test func hostileTextShowsInertAndNeverReachesTheTerminal() throws {
        let s = try Scratch()
        let raw = s.dir + "/raw.log"
        let term = try TerminalSession(width: 120, height: 40, keeping: s)
        try term.recordOutput(to: raw)
        try term.run("\(CLI.binary.path) '\(s.inbox)' --agent olga")
        try term.waitFor("olga │")
        try term.type("/")
        try term.type("glitch")
        try term.press("Enter")
        let screen = try term.waitFor("␛]52;c;aGk=␇")
        #expect(screen.joined().contains("␛[2J"))
        #expect(screen.joined().contains("⟦U+202E⟧evil"))
        try term.type("q")
        try term.waitUntil("the shell prompt") { _ in !self.alternate(term) }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: raw))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("\u{1B}]52"), "no OSC 52 clipboard write reached the terminal")
        #expect(!text.contains("aGk=\u{07}"))
        #expect(!text.unicodeScalars.contains("\u{202E}"))
        // ESC [2J is what the app sends itself when it clears the screen; the customer's
        // copy is the one followed by " — bug?".
        #expect(!text.contains("\u{1B}[2J — bug?"))
    }

    /// A message that is one word of 400 KB (a hostile file, or a paste gone wrong): the
    /// conversation shows, and SIGTERM still ends the app. Cutting such a word into
    /// lines once took time growing with the square of its length: minutes of a frozen screen.
    @Test func aMessageOfOneHugeWordShowsAndTheAppStillEnds() throws {
        let s = try Scratch(copySample: false)
        let word = String(repeating: "x", count: 400_000)
        try (#"{"type":"message","id":"m1","at":"2026-11-20T17:50:00Z","thread":"t1","channel":"chat","visibility":"private","direction":"in","author":{"id":"u1","name":"Pat"},"text":"hello "#
            + word + "\"}\n").write(toFile: s.inbox, atomically: true, encoding: .utf8)
        let term = try TerminalSession(width: 120, height: 40, keeping: s)
        try term.run("\(CLI.binary.path) '\(s.inbox)' --agent olga")
        try term.waitFor("│   " + String(repeating: "x", count: 40))
        let pid = try #require(try term.foregroundPID())
        kill(pid, SIGTERM)
        try expectTerminalRestored(term, after: "SIGTERM on a huge message")
    }

    /// A name with joined emoji (🐈‍⬛, a family): tmux draws a joined sequence in the columns
    /// of its first emoji, other terminals side by side. The joiner never reaches the
    /// terminal, so the row's border stands where the grid put it in every terminal.
    @Test func joinedEmojiInANameKeepTheRowAligned() throws {
        let s = try Scratch(copySample: false)
        let lines = [("t1", "Jennifer 🐈\u{200D}⬛"), ("t2", "Ann 👨\u{200D}👩\u{200D}👧"), ("t3", "Bob")].map { thread, name in
            #"{"type":"message","id":"m-\#(thread)","at":"2026-11-20T17:50:00Z","thread":"\#(thread)","channel":"chat","visibility":"private","direction":"in","author":{"id":"u-\#(thread)","name":"\#(name)"},"text":"hello"}"#
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: s.inbox, atomically: true, encoding: .utf8)
        let term = try TerminalSession(width: 120, height: 40, keeping: s)
        try term.run("\(CLI.binary.path) '\(s.inbox)' --agent olga")
        let screen = try term.waitFor("Bob")
        let rows = screen.filter { $0.hasPrefix("●") }
        #expect(rows.count == 3, "\(screen)")
        #expect(!screen.joined().unicodeScalars.contains("\u{200D}"), "no joiner reached the terminal")
        #expect(rows.contains { $0.contains("🐈⬛") } && rows.contains { $0.contains("👨👩") }, "\(rows)")
        // Where each row's border is, in columns as the terminal drew them: the same for all.
        let columns = rows.map { row in row.prefix { $0 != "│" }.unicodeScalars.reduce(0) { $0 + ($1.properties.isEmojiPresentation ? 2 : 1) } }
        #expect(Set(columns).count == 1, "every row's border in one column: \(columns)")
        try term.type("q")
    }

    /// Something else writes on the terminal (a wall message, a background job): Ctrl-L
    /// paints the whole screen again, as in most terminal programs.
    @Test func ctrlLRepaintsAScreenSomethingElseWroteOn() throws {
        let s = try Scratch()
        let term = try start(s)
        let tty = try term.command(["display", "-p", "-t", term.name, "#{pane_tty}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let handle = try #require(FileHandle(forWritingAtPath: tty))
        handle.write(Data("\u{1B}[5;5HSCRIBBLED-OVER".utf8))
        try handle.close()
        try term.waitFor("SCRIBBLED-OVER")
        try term.press("C-l")
        try term.waitForGone("SCRIBBLED-OVER")
        try term.waitFor("olga │")
        try term.type("q")
    }

    func alternate(_ term: TerminalSession) -> Bool { term.alternateScreen }

    /// Waits for the app to leave the alternate screen, then checks in the shell that the
    /// terminal is back in canonical mode with echo on.
    func expectTerminalRestored(_ term: TerminalSession, after what: String) throws {
        try term.waitUntil("the app to end after \(what)") { _ in !term.alternateScreen }
        try term.run("stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$'")
        let screen = try term.waitFor("icanon")
        #expect(screen.contains("icanon") && screen.contains("echo"), "after \(what)")
        #expect(!screen.contains("-icanon") && !screen.contains("-echo"), "after \(what)")
    }

    @Test func resizeRedraws() throws {
        let s = try Scratch()
        let term = try start(s, width: 120, height: 40)
        try term.resize(width: 80, height: 24)
        let small = try term.waitUntil("a redraw at 80 columns") { lines in
            lines.count == 24 && lines.last?.hasPrefix("1-5 view") == true
        }
        #expect(small.first?.hasPrefix(" olga │") == true)
        try term.resize(width: 150, height: 50)
        try term.waitUntil("a redraw at 150 columns") { lines in
            lines.count == 50 && lines.last?.contains("q quit") == true
        }
        try term.type("q")
    }

    @Test func quitRestoresTheTerminal() throws {
        let s = try Scratch()
        let term = try start(s)
        #expect(term.alternateScreen)
        try term.type("q")
        try expectTerminalRestored(term, after: "q")
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let s = try Scratch()
        let term = try start(s)
        let pid = try #require(try term.foregroundPID())
        kill(pid, SIGTERM)
        try expectTerminalRestored(term, after: "SIGTERM")
    }

    @Test func ctrlCRestoresTheTerminal() throws {
        let s = try Scratch()
        let term = try start(s)
        try term.press("C-c")
        try expectTerminalRestored(term, after: "Ctrl-C")
    }

    @Test func aCrashRestoresTheTerminal() throws {
        let s = try Scratch()
        let term = try start(s)
        let pid = try #require(try term.foregroundPID())
        kill(pid, SIGSEGV)
        try expectTerminalRestored(term, after: "a crash")
    }

    @Test func coloursFollowNoColor() throws {
        let s = try Scratch()
        // Whatever runs the tests may itself set NO_COLOR (swift test does, for its output).
        let coloured = try TerminalSession(width: 120, height: 40, keeping: s)
        try coloured.run("env -u NO_COLOR \(CLI.binary.path) '\(s.inbox)' --agent olga")
        try coloured.waitFor("olga │")
        let withColour = try coloured.command(["capture-pane", "-p", "-e", "-t", coloured.name])
        // A foreground colour 30-37 as tmux writes it; 39 is "default" and does not count.
        let colour = { (text: String) in (30...37).contains { text.contains("\u{1B}[\($0)m") } }
        #expect(colour(withColour), "colours are used by default")
        try coloured.type("q")
        let plain = try TerminalSession(width: 120, height: 40, environment: ["NO_COLOR": "1"], keeping: s)
        try plain.run("\(CLI.binary.path) '\(s.inbox)' --agent olga")
        try plain.waitFor("olga │")
        let withoutColour = try plain.command(["capture-pane", "-p", "-e", "-t", plain.name])
        #expect(!colour(withoutColour), "NO_COLOR: no foreground colours")
        #expect(withoutColour.contains("\u{1B}[7m") || withoutColour.contains(";7m"), "the selection still shows, in reverse video")
        try plain.type("q")
    }

    @Test func helpAndNotes() throws {
        let s = try Scratch()
        let term = try start(s)
        try term.type("?")
        try term.waitFor("Resolve the thread")
        try term.type(" ")
        try term.waitForGone("Resolve the thread")
        try term.type("n")
        try term.type("Курьер обещал до 19:00")
        try term.press("Enter")
        try term.waitFor("Note added to tw-6001.")
        #expect(s.lastRecord["type"] as? String == "note")
        #expect(s.lastRecord["text"] as? String == "Курьер обещал до 19:00")
        try term.type("q")
    }
}
