import Foundation
import Testing

/// Every subcommand, run as a separate process the way a user runs it.
@Suite struct CommandLineTests {
    @Test func checkCountsTheSampleAndExitsZero() throws {
        let r = try CLI.run(["check", CLI.sample])
        #expect(r.status == 0)
        #expect(r.stdout.contains("189 records"))
        #expect(r.stdout.contains("threads: 52 (public 37, private 15)"))
        #expect(r.stdout.contains("duplicates ignored: 1"))
    }

    @Test func checkListsBadLinesAndExitsOne() throws {
        let s = try Scratch(copySample: false)
        let good = try String(contentsOfFile: CLI.sample, encoding: .utf8).split(separator: "\n").prefix(3).joined(separator: "\n")
        try (good + "\n{\"type\":\"message\",\"id\":NaN}\n\u{0}\u{0}\nnot json\n").write(toFile: s.inbox, atomically: true, encoding: .utf8)
        let r = try CLI.run(["check", s.inbox])
        #expect(r.status == 1)
        #expect(r.lines.filter { $0.hasPrefix("\(s.inbox):") && $0.split(separator: ":")[1].allSatisfy(\.isNumber) }
            .map { $0.split(separator: ":")[1] } == ["4", "5", "6"])
        #expect(r.stdout.contains("\(s.inbox):4: not JSON: NaN is not a JSON number at column 24"))
        #expect(r.stdout.contains("\(s.inbox):5: NUL byte at column 1"))
        #expect(r.stdout.contains("malformed lines: 3"))
    }

    @Test func checkSaysTheLastLineIsUnfinishedOnALineOfItsOwn() throws {
        let s = try Scratch(copySample: false)
        let good = try String(contentsOfFile: CLI.sample, encoding: .utf8).split(separator: "\n").prefix(3).joined(separator: "\n")
        // A connector in the middle of writing its next record.
        try (good + "\n{\"type\":\"message\",\"id\":\"m-").write(toFile: s.inbox, atomically: true, encoding: .utf8)
        let r = try CLI.run(["check", s.inbox])
        #expect(r.status == 0, "a write in progress is not a malformed line")
        #expect(r.stdout.hasPrefix("\(s.inbox): 3 lines, 3 records"))
        #expect(r.stdout.hasSuffix("\nlast line has no newline yet: a write in progress, not counted\n"))
    }

    @Test func missingFileAndMissingThreadSayWhat() throws {
        let missing = try CLI.run(["queue", "/nonexistent/shift.jsonl"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "shiftdesk: /nonexistent/shift.jsonl: no such inbox file\n")
        let noThread = try CLI.run(["thread", CLI.sample, "t-does-not-exist"])
        #expect(noThread.status == 1)
        #expect(noThread.stderr.contains("no thread \"t-does-not-exist\" in \(CLI.sample)"))
    }

    @Test func queueIsLongestWaitingFirstAndFilters() throws {
        let all = try CLI.run(["queue", CLI.sample, "--json", "--sort", "waiting"])
        #expect(all.status == 0)
        let rows = all.lines.map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        // At the sample's evening (CLI pins the clock), mail-2002 is still snoozed.
        #expect(rows.count == 19)
        #expect(rows.allSatisfy { $0["status"] as? String == "open" })
        let since = rows.map { $0["since"] as! String }
        #expect(since == since.sorted(), "longest-waiting first")
        let privateRows = try CLI.run(["queue", CLI.sample, "--view", "private", "--json"]).lines
        #expect(privateRows.count == 4)
        #expect(privateRows.allSatisfy { $0.contains("\"visibility\":\"private\"") })
        let resolved = try CLI.run(["queue", CLI.sample, "--status", "resolved"])
        #expect(resolved.lines.first?.hasPrefix("THREAD") == true)
        #expect(resolved.lines.count == 23)
    }

    @Test func queueShowsCompactAgesEvenForYearsOldThreads() throws {
        let s = try Scratch(copySample: false)
        try (#"{"type":"message","id":"m1","at":"2001-01-01T09:00:00Z","thread":"ancient","channel":"email","visibility":"private","direction":"in","author":{"id":"c1","name":"Old Customer"},"text":"still there?"}"# + "\n")
            .write(toFile: s.inbox, atomically: true, encoding: .utf8)
        let r = try CLI.run(["queue", s.inbox])
        #expect(r.status == 0)
        let row = try #require(r.lines.first { $0.hasPrefix("ancient") })
        // The same compact age as the app's queue: years, never a count of thousands of days.
        #expect(row.range(of: #"2001-01-01 09:00Z \(\d{1,2}y\) +still there\?"#, options: .regularExpression) != nil, "\(row)")
    }

    @Test func untrustedTextNeverReachesTheTerminalRaw() throws {
        for args in [["thread", CLI.sample, "tw-1003"], ["queue", CLI.sample], ["thread", CLI.sample, "tw-1003", "--json"]] {
            let r = try CLI.run(args)
            #expect(r.status == 0)
            #expect(!r.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" || $0 == "\u{202E}" }, "\(args)")
        }
        let text = try CLI.run(["thread", CLI.sample, "tw-1003"]).stdout
        #expect(text.contains("␛]52;c;aGk=␇"))
        #expect(text.contains("⟦U+202E⟧evil"))
    }

    @Test func threadShowsMessagesNotesDeliveryAndTheSameCustomer() throws {
        let r = try CLI.run(["thread", CLI.sample, "tw-dm-7001"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Thread tw-dm-7001 · private · twitter · resolved · Анна Кузнецова (@anna_k) · assigned to olga"))
        #expect(r.stdout.contains("Same customer: tw-6002 (public, twitter, resolved)"))
        #expect(r.stdout.contains("✎ note"))
        #expect(r.stdout.contains("agent olga · sent"))
        let failed = try CLI.run(["thread", CLI.sample, "tw-6014"]).stdout
        #expect(failed.contains("FAILED: rate limited by twitter (429)"))
    }

    @Test func resolveReopenNoteAndReplyAppendRecords() throws {
        let s = try Scratch()
        let before = s.contents
        let resolve = try CLI.run(["resolve", s.inbox, "tw-1004", "--agent", "olga"])
        #expect(resolve.status == 0)
        #expect(s.lastRecord["type"] as? String == "resolve")
        #expect(s.lastRecord["agent"] as? String == "olga")
        #expect(s.contents.hasPrefix(before), "earlier lines are never rewritten")
        #expect(try CLI.run(["resolve", s.inbox, "tw-1004"]).stdout.contains("already resolved"))
        #expect(try !CLI.run(["queue", s.inbox]).stdout.contains("tw-1004"))

        #expect(try CLI.run(["reopen", s.inbox, "tw-1004"], environment: ["SHIFTDESK_AGENT": "max"]).status == 0)
        #expect(s.lastRecord["type"] as? String == "reopen")
        #expect(s.lastRecord["agent"] as? String == "max")
        #expect(try CLI.run(["queue", s.inbox]).stdout.contains("tw-1004"))

        #expect(try CLI.run(["note", s.inbox, "tw-1004", "asked iOS team about the logout bug"]).status == 0)
        #expect(s.lastRecord["text"] as? String == "asked iOS team about the logout bug")

        let shown = try CLI.run(["thread", s.inbox, "tw-1004", "--json"]).stdout
        let thread0 = try #require(try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any])
        let lastInbound = (thread0["messages"] as! [[String: Any]]).last { $0["direction"] as? String == "in" }!["id"] as! String
        // No company reply in tw-1004 yet: the channel's account from the config answers.
        let config = try s.writeConfig("[accounts]\ntwitter = \"@shopwave\"\n")
        let reply = try CLI.run(["reply", s.inbox, "tw-1004", "@zoe_l Zoë, sorry! A fix ships tonight.", "--agent", "dana"],
                                environment: ["XDG_CONFIG_HOME": config])
        #expect(reply.status == 0)
        let record = s.lastRecord
        #expect(reply.stdout == "\(record["id"] as! String)\n", "reply prints the id of the message on disk")
        #expect(record["direction"] as? String == "out")
        #expect(record["in_reply_to"] as? String == lastInbound)
        #expect((record["author"] as? [String: Any])?["handle"] as? String == "@shopwave")
        let thread = try CLI.run(["thread", s.inbox, "tw-1004"]).stdout
        #expect(thread.contains("agent dana · queued"))
        #expect(try CLI.run(["check", s.inbox]).status == 0)
    }

    @Test func statsAsTextAndJSON() throws {
        let text = try CLI.run(["stats", CLI.sample])
        #expect(text.status == 0)
        #expect(text.stdout.contains("threads      52: public 37, private 15"))
        let json = try CLI.run(["stats", CLI.sample, "--json"])
        let o = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(o["records"] as? Int == 189)
        #expect((o["deliveries"] as? [String: Any])?["failed"] as? Int == 1)
    }

    @Test func noArgumentsOpensAWorkingCopyOfTheSample() throws {
        let s = try Scratch(copySample: false)
        let packaged = try String(contentsOfFile: CLI.sample, encoding: .utf8)
        let r = try CLI.run([], environment: ["XDG_STATE_HOME": s.dir])
        #expect(r.status == 0)
        #expect(r.stderr.contains("sample inbox: \(s.dir)/shiftdesk/sample-inbox.jsonl"))
        #expect(r.stdout.contains("tg-5001"))
        let copy = s.dir + "/shiftdesk/sample-inbox.jsonl"
        #expect(try CLI.run(["resolve", copy, "tg-5001"]).status == 0)
        #expect(try String(contentsOfFile: CLI.sample, encoding: .utf8) == packaged, "the packaged sample is never written")
        #expect(try !CLI.run([], environment: ["XDG_STATE_HOME": s.dir]).stdout.contains("tg-5001"), "the working copy is kept")
    }

    @Test func everySubcommandHasHelpWithExamples() throws {
        for command in ["check", "queue", "thread", "resolve", "reopen", "note", "reply", "stats", "open", "check-config"] {
            let r = try CLI.run([command, "--help"])
            #expect(r.status == 0)
            #expect(r.stdout.contains("Example"), "\(command) --help shows examples")
        }
    }
}
