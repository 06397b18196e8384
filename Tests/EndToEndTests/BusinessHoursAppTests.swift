import Foundation
import Testing

/// The team's hours from config.toml, as the app shows them (Friday 2026-11-20, 18:00 UTC:
/// 19:00 in Berlin, after closing).
@Suite(.serialized) struct BusinessHoursAppTests {
    @Test func afterHoursTheTitleThePromiseAndTheSnoozePresetsFollowTheHours() throws {
        let s = try Scratch()
        let term = try TerminalSession(width: 160, height: 45, keeping: s)
        let config = try s.writeConfig("""
            [hours]
            timezone = "Europe/Berlin"
            opens = "09:00"
            closes = "18:00"
            days = ["mon", "tue", "wed", "thu", "fri"]
            """)
        try term.run("XDG_CONFIG_HOME='\(config)' \(CLI.binary.path) '\(s.inbox)' --agent olga")
        try term.waitFor("after hours · back Mon 09:00")
        // Greta cannot log in: urgent. Her clock starts on Monday at 09:00 and runs an hour.
        try term.type("/")
        try term.type("Greta")
        try term.press("Enter")
        try term.waitFor("mail-2003 · private · email · open · !! urgent · due in")
        try term.type("t")
        try term.type("ack")
        let picker = try term.waitFor("Preview for this thread:")
        #expect(picker.joined(separator: " ").contains("on Monday"), "the promise, in the team's hours")
        try term.press("Escape")
        try term.type("z")
        try term.waitFor("t  next opening, Mon 09:00")
        try term.type("t")
        try term.waitFor("Snoozed mail-2003 until Mon 23 Nov 09:00")  // the team's time, as the menu says it
        #expect(s.lastRecord["until"] as? String == "2026-11-23T08:00:00.000Z", "09:00 in Berlin")
        try term.type("q")
    }
}

/// A triage rule with a mistake, met at start by the app and by a command.
@Suite(.serialized) struct RuleProblemAtStartTests {
    static let config = """
        [[triage.rule]]
        name = "refunds"
        level = "high"
        words = ["refund*"]

        [[triage.rule]]
        name = "broken"
        level = "asap"
        words = ["x"]
        """

    @Test func theAppAndTheCommandsSayWhichRuleIsLeftOutAndKeepTheOthers() throws {
        let s = try Scratch()
        let config = try s.writeConfig(Self.config)
        let term = try TerminalSession(width: 160, height: 40, keeping: s)
        try term.run("XDG_CONFIG_HOME='\(config)' \(CLI.binary.path) '\(s.inbox)' --agent olga")
        let screen = try term.waitFor("Triage rule left out:")
        #expect(screen.contains { $0.contains("config.toml:8: rule \"broken\": level must be") }, "file, line and reason")
        try term.type("q")
        let queue = try CLI.run(["queue", s.inbox, "--json"], environment: ["XDG_CONFIG_HOME": config])
        #expect(queue.status == 0)
        #expect(queue.stderr.contains("triage rule left out: \(config)/shiftdesk/config.toml:8: rule \"broken\": level must be"))
        #expect(queue.lines.count == 19, "the rest of the config, and the queue, still work")
    }

    /// Several mistakes: how many comes first on the status line, where a long reason is cut.
    @Test func theAppSaysHowManyMistakesBeforeTheFirstOne() throws {
        let s = try Scratch()
        let config = try s.writeConfig(Self.config + "\n\n[[triage.rule]]\nname = \"empty\"\nlevel = \"high\"\n")
        let term = try TerminalSession(width: 120, height: 40, keeping: s)
        try term.run("XDG_CONFIG_HOME='\(config)' \(CLI.binary.path) '\(s.inbox)' --agent olga")
        try term.waitFor("2 problems in the triage rules (shiftdesk check-config lists them): ")
        try term.type("q")
        let broken = try s.writeConfig("[sla]\nlow = \"0m\"\n\n[hours]\ntimezone = \"Mars/Olympus\"\nmon = \"09:00-18:00\"\n")
        let again = try TerminalSession(width: 120, height: 40, keeping: s)
        try again.run("XDG_CONFIG_HOME='\(broken)' \(CLI.binary.path) '\(s.inbox)' --agent olga")
        try again.waitFor("Config not used (2 mistakes, shiftdesk check-config lists them): ")
        try again.type("q")
    }
}
