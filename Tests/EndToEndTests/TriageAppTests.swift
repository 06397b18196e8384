import Foundation
import Testing

/// Triage as an agent meets it in the app (the clock pinned at 2026-11-20T18:00:00Z).
@Suite(.serialized) struct TriageAppTests {
    /// A question that came first, and a payment complaint five minutes later.
    static let lines = [
        #"{"type":"message","id":"q1","at":"2026-11-20T17:50:00Z","thread":"tw-question","channel":"twitter","visibility":"public","direction":"in","author":{"id":"tw-ben","handle":"@ben","name":"Ben Carter"},"text":"@shopwave do you ship to Norway?"}"#,
        #"{"type":"message","id":"u1","at":"2026-11-20T17:55:00Z","thread":"tw-payment","channel":"twitter","visibility":"public","direction":"in","author":{"id":"tw-lena","handle":"@lena","name":"Lena Fischer"},"text":"@shopwave I was charged twice for order 58213 and now I can't pay for the new one"}"#,
    ]

    func start(_ s: Scratch) throws -> TerminalSession {
        try (Self.lines.joined(separator: "\n") + "\n").write(toFile: s.inbox, atomically: true, encoding: .utf8)
        let term = try TerminalSession(width: 120, height: 40, keeping: s)
        try term.run("\(CLI.binary.path) '\(s.inbox)' --agent olga")
        try term.waitFor("olga │")
        return term
    }

    @Test func theUrgentComplaintComesFirstWithItsClockAndJAndPWork() throws {
        let s = try Scratch(copySample: false)
        let term = try start(s)
        let screen = try term.waitFor("Lena Fischer")
        let rows = screen.filter { $0.hasPrefix("●") }
        #expect(rows.count == 2)
        // Urgent and public: 15 minutes from 17:55; the question has 30 from 17:50.
        #expect(rows.first?.hasPrefix("●p!! Lena Fischer") == true && rows.first?.contains(" 10m ") == true, "\(rows)")
        #expect(rows.last?.hasPrefix("●p   Ben Carter") == true && rows.last?.contains(" 20m ") == true, "\(rows)")
        #expect(screen.contains { $0.contains("tw-payment · public · twitter · open · !! urgent · due in 10m") })
        // On the question, J goes back to the nearest deadline.
        try term.type("j")
        try term.waitFor("tw-question · public")
        try term.type("J")
        try term.waitFor("tw-payment · public")
        // p sets the agent's own level over the rules': urgent, then high.
        try term.type("p")
        try term.waitFor("!! urgent (set by olga)")
        try term.type("p")
        try term.waitFor("! high (set by olga)")
        #expect(s.lastRecord["type"] as? String == "priority")
        #expect(s.lastRecord["thread"] as? String == "tw-payment" && s.lastRecord["level"] as? String == "high")
        try term.type("u")
        try term.waitFor("!! urgent (set by olga)")
        #expect(s.lastRecord["level"] as? String == "urgent", "u undoes the last p")
        try term.type("q")
    }

    @Test func zSnoozesUntilAPresetAndOTogglesTheOrder() throws {
        let s = try Scratch(copySample: false)
        let term = try start(s)
        try term.waitFor("by deadline")
        try term.type("o")
        let waiting = try term.waitFor("longest waiting")
        #expect(waiting.first { $0.hasPrefix("●") }?.contains("Ben Carter") == true, "the question waited longest")
        try term.type("z")
        // The menu says when the answer is due, and which snoozes would run past it.
        let menu = try term.waitFor("The answer is due Fri 20 Nov 18:20, in 20m.")
        #expect(menu.contains { $0.contains("4  4 hours  past due") }, "\(menu)")
        try term.type("4")
        try term.waitFor("Snoozed tw-question until Fri 20 Nov 22:00, past its deadline (Fri 20 Nov 18:20).")
        #expect(s.lastRecord["type"] as? String == "snooze")
        #expect(!term.screenText.contains("Ben Carter"), "out of the open queue")
        // Under snoozed, its row says when it comes back: in four hours.
        for status in ["waiting", "resolved", "snoozed"] {
            try term.type("s")
            try term.waitFor("Showing \(status) threads.")
        }
        let snoozed = try term.waitFor("Ben Carter")
        #expect(snoozed.first { $0.hasPrefix("●") }?.contains("Ben Carter    z4h ") == true, "\(snoozed)")
        // z on it offers to wake it now: a reopen, and it is back under open.
        try term.type("z")
        try term.waitFor("n  now: wake it (asleep until Fri 20 Nov 22:00)")
        try term.type("n")
        try term.waitFor("tw-question is awake, under open.")
        #expect(s.lastRecord["type"] as? String == "reopen" && s.lastRecord["thread"] as? String == "tw-question")
        try term.type("q")
    }
}
