import Foundation
import Testing

/// Who owns a thread, from the command line and in the app.
@Suite(.serialized) struct AssignTests {
    @Test func assignAndTheQueueByOwner() throws {
        let s = try Scratch()
        let given = try CLI.run(["assign", s.inbox, "tw-6001", "olga", "--agent", "ivan"])
        #expect(given.stdout == "tw-6001 is olga's now.\n")
        #expect(s.lastRecord["type"] as? String == "assign" && s.lastRecord["to"] as? String == "olga" && s.lastRecord["agent"] as? String == "ivan")
        #expect(try CLI.run(["assign", s.inbox, "tw-6001", "olga"]).stdout == "tw-6001 is already olga's; nothing written.\n")
        let mine = try CLI.run(["queue", s.inbox, "--mine", "--agent", "olga", "--json"])
        let rows = try mine.lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(rows.map { $0["thread"] as? String } == ["tw-6001"] && rows.first?["assignee"] as? String == "olga")
        #expect(try CLI.run(["queue", s.inbox, "--assignee", "olga"]).lines.dropFirst().map { String($0.prefix(7)) } == ["tw-6001"])
        let open = try CLI.run(["queue", s.inbox]).lines.count
        #expect(try CLI.run(["queue", s.inbox, "--unassigned"]).lines.count == open - 1)
        let none = try CLI.run(["assign", s.inbox, "tw-6001", "--none", "--agent", "olga"])
        #expect(none.stdout == "tw-6001 is nobody's now (was olga's).\n" && s.lastRecord["to"] is NSNull)
        #expect(try CLI.run(["assign", s.inbox, "tw-6001"]).stderr.contains("give an AGENT, or --none for nobody"))
        #expect(try CLI.run(["queue", s.inbox, "--mine", "--unassigned"]).status != 0)
    }

    @Test func aInTheAppTakesTheThread() throws {
        let s = try Scratch()
        let term = try TerminalSession.app(on: s, width: 140)
        try term.waitFor("tw-6001 · public")
        try term.type("a")
        try term.waitFor("tw-6001 is yours now. u to undo.")
        try term.waitFor("⇢olga")
        #expect(s.lastRecord["type"] as? String == "assign" && s.lastRecord["to"] as? String == "olga")
        // 4: mine, the one thread; 5: nobody's, the others; 3: all again.
        try term.type("4")
        try term.waitFor("[Mine 1]")
        try term.waitFor("Mine · open · 1")
        try term.type("5")
        try term.waitFor("[Unassigned 18]")
        try term.type("3")
        try term.waitFor("[All 19]")
        try term.type("u")
        try term.waitFor("tw-6001 back to nobody.")
        #expect(s.lastRecord["to"] is NSNull)
        // A: to a colleague, picked by a filter.
        try term.type("A")
        try term.waitFor("Give tw-6001 to")
        try term.type("ivan")
        try term.press("Enter")
        try term.waitFor("tw-6001 is ivan's now. u to undo.")
        #expect(s.lastRecord["to"] as? String == "ivan")
        try term.waitFor("⇢ivan")
        try term.type("q")
    }
}
