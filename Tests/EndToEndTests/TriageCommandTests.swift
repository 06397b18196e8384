import Foundation
import Testing

/// Priorities, clocks and snoozes from the command line, on a copy of the sample inbox at
/// the pinned clock (2026-11-20T18:00:00Z).
@Suite struct TriageCommandTests {
    func rows(_ arguments: [String]) throws -> [[String: Any]] {
        let r = try CLI.run(arguments)
        #expect(r.status == 0, "\(arguments): \(r.stderr)")
        return try r.lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    @Test func theQueueIsByDeadlineWithItsClocksInJSON() throws {
        let open = try rows(["queue", CLI.sample, "--json"])
        #expect(open.count == 19)
        let due = open.compactMap { $0["due"] as? String }
        #expect(due.count == 19, "every open thread of the sample has a customer waiting")
        #expect(due == due.sorted(), "nearest deadline first")
        #expect(open.first?["thread"] as? String == "tw-6001" && open.first?["overdue"] as? Bool == true)
        #expect(open.allSatisfy { $0["priority"] as? String != nil && $0["priority_set_by"] as? String == "rules" })
        // Greta's e-mail came at 17:41: she cannot log in, so the rules make it urgent, and
        // an urgent private thread has an hour.
        let greta = try #require(open.first { $0["thread"] as? String == "mail-2003" })
        #expect(greta["priority"] as? String == "urgent")
        #expect(greta["due"] as? String == "2026-11-20T18:41:00.000Z" && greta["overdue"] as? Bool == false)
        let levels = Dictionary(open.map { ($0["thread"] as! String, $0["priority"] as! String) }, uniquingKeysWith: { a, _ in a })
        #expect(levels["tw-6003"] == "urgent", "can't pay for anything")
        #expect(levels["in-6008"] == "urgent", "не могу оплатить заказ")
        #expect(levels["ch-8002"] == "normal", "hello? is anyone there")
        let waiting = try rows(["queue", CLI.sample, "--json", "--sort", "waiting"])
        #expect(waiting.first?["thread"] as? String == "tg-5001", "longest waiting first")
        let answered = try rows(["queue", CLI.sample, "--status", "waiting", "--json"])
        #expect(!answered.isEmpty && answered.allSatisfy { $0["due"] is NSNull && $0["overdue"] is NSNull },
                "no clock runs while the company waits for the customer")
        let text = try CLI.run(["queue", CLI.sample])
        #expect(text.lines.first?.contains("PRIORITY DUE") == true)
        #expect(text.lines.dropFirst().first?.hasPrefix("tw-6001      public  twitter   open     urgent    -7h Jake Brown") == true)
    }

    @Test func priorityOverridesTheRulesAndGivesThemBack() throws {
        let s = try Scratch()
        let set = try CLI.run(["priority", s.inbox, "mail-2003", "high", "--agent", "olga"])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout == "Priority of mail-2003: high (was urgent, by the rules).\n")
        #expect(s.lastRecord["type"] as? String == "priority" && s.lastRecord["level"] as? String == "high")
        // The pinned clock runs on from its start: the record is stamped within the second.
        #expect((s.lastRecord["at"] as? String)?.hasPrefix("2026-11-20T18:00:00.") == true, "the pinned clock")
        var greta = try #require(try rows(["queue", s.inbox, "--json"]).first { $0["thread"] as? String == "mail-2003" })
        #expect(greta["priority"] as? String == "high" && greta["priority_set_by"] as? String == "olga")
        #expect(greta["due"] as? String == "2026-11-20T19:41:00.000Z", "a high private thread has two hours")
        let again = try CLI.run(["priority", s.inbox, "mail-2003", "high"])
        #expect(again.stdout == "mail-2003 is already high; nothing written.\n")
        let back = try CLI.run(["priority", s.inbox, "mail-2003", "--rules", "--agent", "olga"])
        #expect(back.status == 0)
        #expect(s.lastRecord["level"] is NSNull)
        greta = try #require(try rows(["queue", s.inbox, "--json"]).first { $0["thread"] as? String == "mail-2003" })
        #expect(greta["priority_set_by"] as? String == "rules" && greta["priority"] as? String == "urgent")
        let both = try CLI.run(["priority", s.inbox, "mail-2003", "high", "--rules"])
        #expect(both.status != 0 && both.stderr.contains("give a LEVEL") && both.stderr.contains("not both"))
        let neither = try CLI.run(["priority", s.inbox, "mail-2003"])
        #expect(neither.status != 0 && neither.stderr.contains("or --rules for the rules' verdict") && !neither.stderr.contains("not both"))
        let unknown = try CLI.run(["priority", s.inbox, "mail-2003", "asap"])
        #expect(unknown.status != 0 && unknown.stderr.contains("asap"))
    }

    @Test func snoozeTakesTheTimesAnAgentSaysAndReopenEndsIt() throws {
        let s = try Scratch()
        let r = try CLI.run(["snooze", s.inbox, "tw-6001", "4h", "--agent", "olga"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "Snoozed tw-6001 until Fri 20 Nov 22:00 (2026-11-20T22:00:00.000Z).\n")
        #expect(s.lastRecord["type"] as? String == "snooze" && s.lastRecord["agent"] as? String == "olga")
        #expect(!(try rows(["queue", s.inbox, "--json"])).contains { $0["thread"] as? String == "tw-6001" })
        #expect(try rows(["queue", s.inbox, "--json", "--now", "2026-11-20T22:00:00Z"]).contains { $0["thread"] as? String == "tw-6001" },
                "back when the snooze ends")
        let earlier = try CLI.run(["snooze", s.inbox, "tw-6003", "today 09:00"])
        #expect(earlier.status != 0 && earlier.stderr.contains("has passed"), "a time already past says so: \(earlier.stderr)")
        let tomorrow = try CLI.run(["snooze", s.inbox, "tw-6003", "tomorrow"])
        #expect(tomorrow.stdout == "Snoozed tw-6003 until Sat 21 Nov 09:00 (2026-11-21T09:00:00.000Z).\n", "at opening time (09:00 with no hours set)")
        #expect(try CLI.run(["reopen", s.inbox, "tw-6003"]).status == 0)
        #expect(try rows(["queue", s.inbox, "--json"]).contains { $0["thread"] as? String == "tw-6003" })
        let bad = try CLI.run(["snooze", s.inbox, "tw-6007", "later"])
        #expect(bad.status == 1 && bad.stderr.contains("\"later\" is not a time"))
        let past = try CLI.run(["snooze", s.inbox, "tw-6007", "2026-11-20T09:00:00Z"])
        #expect(past.status == 1 && past.stderr.contains("has passed"))
    }

    /// Every command that writes says, as the readers do, that it skipped malformed lines.
    @Test func writingCommandsSayTheySkippedMalformedLines() throws {
        let s = try Scratch(copySample: false)
        try (TriageAppTests.lines[0] + "\nnot json\n").write(toFile: s.inbox, atomically: true, encoding: .utf8)
        for arguments in [["priority", s.inbox, "tw-question", "high"], ["snooze", s.inbox, "tw-question", "2h"],
                          ["assign", s.inbox, "tw-question", "ivan"], ["resolve", s.inbox, "tw-question"]] {
            let r = try CLI.run(arguments + ["--agent", "olga"])
            #expect(r.status == 0, "\(arguments[0]): \(r.stderr)")
            #expect(r.stderr.contains("1 malformed line skipped (see: shiftdesk check"), "\(arguments[0]): \(r.stderr)")
        }
    }

    /// Times said to people are on the team's clock, as in the app: Berlin, after closing on
    /// a Friday, a public question's half hour runs from Monday 09:00.
    @Test func theCommandsSayTimesOnTheTeamsClock() throws {
        let s = try Scratch(copySample: false)
        try (TriageAppTests.lines[0] + "\n").write(toFile: s.inbox, atomically: true, encoding: .utf8)
        let config = try s.writeConfig("[hours]\ntimezone = \"Europe/Berlin\"\nopens = \"09:00\"\ncloses = \"18:00\"\ndays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]\n")
        let env = ["XDG_CONFIG_HOME": config]
        let thread = try CLI.run(["thread", s.inbox, "tw-question"], environment: env)
        #expect(thread.stdout.contains("answer by Mon 23 Nov 09:30 Europe/Berlin (in 2d)"), "\(thread.stdout)")
        let utc = try CLI.run(["thread", s.inbox, "tw-question"])
        #expect(utc.stdout.contains("answer by 2026-11-20 18:20Z (in 20m)"), "no hours set: UTC, as the rest: \(utc.stdout)")
        let snooze = try CLI.run(["snooze", s.inbox, "tw-question", "tomorrow 14:00"], environment: env)
        #expect(snooze.stdout == "Snoozed tw-question until Sat 21 Nov 14:00 (2026-11-21T13:00:00.000Z).\n", "\(snooze.stdout)\(snooze.stderr)")
    }
}
