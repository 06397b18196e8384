import Foundation
import Testing

/// Pins from the command line and in the app, on a copy of the sample inbox (the clock at
/// 2026-11-20T18:00:00Z, when `pin-fixed` and `pin-evening` are up).
@Suite(.serialized) struct PinTests {
    func json(_ r: CLI.Result) throws -> [[String: Any]] {
        try r.lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    @Test func pinPinsListsAndUnpinFromTheCommandLine() throws {
        let s = try Scratch()
        let pinned = try CLI.run(["pin", s.inbox, "Checkout is down; we're on it.", "--until", "2h", "--channel", "twitter", "--agent", "olga"])
        #expect(pinned.status == 0, "\(pinned.stderr)")
        let id = pinned.stdout.trimmingCharacters(in: .newlines)
        #expect(s.lastRecord["type"] as? String == "pin" && s.lastRecord["id"] as? String == id)
        // The clock starts at 18:00 and runs on: the record is stamped a few milliseconds later.
        #expect((s.lastRecord["until"] as? String)?.hasPrefix("2026-11-20T20:00:0") == true && s.lastRecord["channel"] as? String == "twitter")
        let up = try json(try CLI.run(["pins", s.inbox, "--json"]))
        #expect(up.map { $0["id"] as? String } == ["pin-fixed", "pin-evening", id])
        let mine = try #require(up.last)
        #expect(mine["text"] as? String == "Checkout is down; we're on it." && mine["agent"] as? String == "olga")
        #expect((mine["at"] as? String)?.hasPrefix("2026-11-20T18:00:0") == true && (mine["until"] as? String)?.hasPrefix("2026-11-20T20:00:0") == true)
        // Past its end it is no longer up, with no record written.
        let later = try json(try CLI.run(["pins", s.inbox, "--json"], environment: ["SHIFTDESK_NOW": "2026-11-20T20:01:00Z"]))
        #expect(!later.contains { $0["id"] as? String == id })
        let down = try CLI.run(["unpin", s.inbox, id, "--agent", "olga"])
        #expect(down.stdout == "Took \(id) down.\n" && s.lastRecord["type"] as? String == "unpin" && s.lastRecord["pin"] as? String == id)
        #expect(try CLI.run(["unpin", s.inbox, id]).stdout == "\(id) is already down; nothing written.\n")
        let all = try json(try CLI.run(["pins", s.inbox, "--json", "--all"]))
        #expect(all.first { $0["id"] as? String == id }?["active"] as? Bool == false)
        #expect(try CLI.run(["pins", s.inbox]).lines.allSatisfy { !$0.hasPrefix(id) })
        let bad = try CLI.run(["pin", s.inbox, "x", "--until", "yesterday"])
        #expect(bad.status != 0 && bad.stderr.contains("no time to come"))
        let unknown = try CLI.run(["unpin", s.inbox, "pin-nope"])
        #expect(unknown.status != 0 && unknown.stderr.contains("no pin \"pin-nope\""))
    }

    /// A connector may escape any character of a JSON string; a pin's end means the same.
    @Test func aPinsEndWrittenWithEscapesEndsItAllTheSame() throws {
        let s = try Scratch()
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: s.inbox))
        handle.seekToEndOfFile()
        handle.write(Data((#"{"type":"pin","id":"pin-escaped","at":"2026-11-20T17:00:00Z","agent":"ivan","text":"Back at 19:00","until":"2026-11-20T19:00:00\u005a"}"# + "\n").utf8))
        handle.closeFile()
        let before = try json(try CLI.run(["pins", s.inbox, "--json"], environment: ["SHIFTDESK_NOW": "2026-11-20T18:30:00Z"]))
        #expect(before.first { $0["id"] as? String == "pin-escaped" }?["until"] as? String == "2026-11-20T19:00:00.000Z")
        let after = try json(try CLI.run(["pins", s.inbox, "--json"], environment: ["SHIFTDESK_NOW": "2026-11-20T19:01:00Z"]))
        #expect(!after.contains { $0["id"] as? String == "pin-escaped" }, "down at its end")
    }

    @Test func aPinFromAnotherProcessShowsInTheAppAndPAndUWorkThroughTheFile() throws {
        let s = try Scratch()
        let term = try TerminalSession.app(on: s)
        try term.waitFor("📌 olga, 17:55 (+1 more): We're offline")
        // Another process pins: the app shows it within a second.
        let pinned = try CLI.run(["pin", s.inbox, "Checkout is down for some of you; we're fixing it.", "--agent", "ivan"])
        #expect(pinned.status == 0)
        try term.waitFor("📌 ivan, 18:00 (+2 more): Checkout is down for some of you", timeout: 1)
        // P: the composer, its outage template, Ctrl-S.
        try term.type("P")
        try term.waitFor("Pin an announcement")
        try term.press("C-s")
        try term.waitFor("Pinned for every agent. U takes it down, u undoes.")
        #expect(s.lastRecord["type"] as? String == "pin" && s.lastRecord["agent"] as? String == "olga")
        #expect((s.lastRecord["text"] as? String)?.hasPrefix("Some of you can't use our site") == true)
        try term.waitFor("📌 olga, 18:00 (+3 more): Some of you")
        // U with four up asks which; 4 is the newest.
        try term.type("U")
        try term.waitFor("Take which pin down?")
        try term.type("4")
        try term.waitFor("Pin 4 taken down. u to undo.")
        #expect(s.lastRecord["type"] as? String == "unpin")
        try term.waitFor("📌 ivan, 18:00 (+2 more)")
        // u puts it up again (a new pin with the same text); u once more takes that down.
        try term.type("u")
        try term.waitFor("Pin up again.")
        #expect(s.lastRecord["type"] as? String == "pin" && (s.lastRecord["text"] as? String)?.hasPrefix("Some of you can't use our site") == true)
        try term.waitFor("📌 olga, 18:00 (+3 more): Some of you")
        try term.type("u")
        try term.waitFor("Pin taken down.")
        try term.waitFor("📌 ivan, 18:00 (+2 more)")
        try term.type("q")
    }
}
