import Foundation
import Testing

/// `shiftdesk deliver`: replies handed to a command, each at most once, with what became of
/// them in the inbox, the commands and the app.
@Suite(.serialized) struct DeliverTests {
    /// The records of `type` in the scratch inbox.
    static func records(_ s: Scratch, type: String) -> [[String: Any]] {
        s.contents.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }.filter { $0["type"] as? String == type }
    }

    /// A reply written here (queued), in thread `thread`, as the app writes one.
    static func reply(_ id: String, thread: String, at: String = "2026-11-20T17:00:00Z") -> String {
        #"{"type":"message","id":"\#(id)","at":"\#(at)","thread":"\#(thread)","channel":"twitter","visibility":"public","direction":"out","author":{"id":"brand-tw","handle":"@shopwave"},"agent":"olga","text":"Reply \#(id)"}"#
    }

    static func append(_ s: Scratch, _ lines: [String]) throws {
        let handle = try #require(FileHandle(forWritingAtPath: s.inbox))
        handle.seekToEndOfFile()
        handle.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        try handle.close()
    }

    @Test func aReplyGoesOutWithItsRecordsItsCustomerAndItsOutcome() throws {
        let s = try Scratch()
        try Self.append(s, [Self.reply("r-1", thread: "tw-6002")])
        let input = s.dir + "/input.json"
        let command = #"cat > '\#(input)'; echo "$SHIFTDESK_CHANNEL $SHIFTDESK_THREAD $SHIFTDESK_TO" > '\#(s.dir)/env'; echo tweet-991"#
        let r = try CLI.run(["deliver", s.inbox, "--command", command, "--name", "twitter-out", "--once"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "sent r-1 in tw-6002 (remote id tweet-991)\n")
        let given = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: input))) as? [String: Any])
        #expect((given["reply"] as? [String: Any])?["id"] as? String == "r-1")
        #expect((given["to"] as? [String: Any])?["handle"] as? String == "@anna_k")
        #expect((given["customer_message"] as? [String: Any])?["id"] as? String == "m0080", "the customer's last message in the thread")
        #expect(try String(contentsOfFile: s.dir + "/env", encoding: .utf8) == "twitter tw-6002 tw-anna\n")
        let states = Self.records(s, type: "delivery").filter { $0["message"] as? String == "r-1" }
        #expect(states.map { $0["state"] as? String } == ["sending", "sent"])
        #expect(states.allSatisfy { $0["by"] as? String == "twitter-out" } && states[0]["timeout"] as? Int == 30)
        #expect(states[1]["remote_id"] as? String == "tweet-991")
        let thread = try CLI.run(["thread", s.inbox, "tw-6002"])
        #expect(thread.stdout.contains("· sent (by twitter-out)  [r-1]"), "\(thread.stdout)")
        // Nothing waits any more: a second run hands nothing over.
        let again = try CLI.run(["deliver", s.inbox, "--command", "echo again >> '\(s.dir)/again'", "--once"])
        #expect(again.stdout.isEmpty && !FileManager.default.fileExists(atPath: s.dir + "/again"))
    }

    @Test func aCommandThatFailsOrHangsIsRecordedAsFailedWithWhy() throws {
        let s = try Scratch()
        try Self.append(s, [Self.reply("r-fail", thread: "tw-6002")])
        let failed = try CLI.run(["deliver", s.inbox, "--command", "echo connecting >&2; echo 'HTTP 403: account suspended' >&2; exit 3", "--once"])
        #expect(failed.stdout == "failed r-fail in tw-6002: HTTP 403: account suspended\n")
        #expect(Self.records(s, type: "delivery").last?["error"] as? String == "HTTP 403: account suspended")
        let thread = try CLI.run(["thread", s.inbox, "tw-6002"])
        #expect(thread.stdout.contains("FAILED: HTTP 403: account suspended"))

        try Self.append(s, [Self.reply("r-slow", thread: "tw-6003")])
        let start = Date()
        let slow = try CLI.run(["deliver", s.inbox, "--command", "sleep 20", "--timeout", "1s", "--once"])
        #expect(slow.stdout == "failed r-slow in tw-6003: timed out (it may have gone out: check the channel before sending again)\n")
        #expect(Date().timeIntervalSince(start) < 10, "the command was ended at its timeout")
        #expect(try CLI.run(["deliver", s.inbox, "--command", "true", "--timeout", "soon"]).stderr.contains("--timeout"))
    }

    @Test func aDelivererTakesOnlyItsChannelsRepliesAndReadsCRLFOutput() throws {
        let s = try Scratch()
        try Self.append(s, [Self.reply("r-tweet", thread: "tw-6002"),
                            #"{"type":"message","id":"r-mail","at":"2026-11-20T17:00:00Z","thread":"mail-1","channel":"email","visibility":"private","direction":"out","author":{"id":"support@shop.example"},"agent":"olga","text":"Hello"}"#])
        let r = try CLI.run(["deliver", s.inbox, "--channel", "email", "--command", #"printf '<id-1@shop.example>\r\nQueued as 4XyZ\r\n'"#, "--once"])
        #expect(r.stdout == "sent r-mail in mail-1 (remote id <id-1@shop.example>)\n", "\(r.stdout)")
        let states = Self.records(s, type: "delivery")
        #expect(states.filter { $0["message"] as? String == "r-tweet" }.isEmpty, "the twitter reply still waits for its own deliverer")
        #expect(states.last?["remote_id"] as? String == "<id-1@shop.example>", "the first line, without its \\r")
    }

    /// Three deliverers at once over 500 replies: each reply goes out once, and has one
    /// claim and one outcome.
    @Test func threeDeliverersRacingDeliverEachReplyExactlyOnce() throws {
        let s = try Scratch()
        let count = 500
        try Self.append(s, (0..<count).map { Self.reply("race-\($0)", thread: "race-thread-\($0)") })
        let log = s.dir + "/delivered"
        let processes = try (0..<3).map { n -> Process in
            let p = Process()
            p.executableURL = CLI.binary
            p.arguments = ["deliver", s.inbox, "--command", #"printf '%s\n' "$SHIFTDESK_THREAD" >> '\#(log)'"#, "--name", "d\(n)", "--once"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            p.standardInput = FileHandle.nullDevice
            try p.run()
            return p
        }
        let deadline = Date().addingTimeInterval(120)
        while processes.contains(where: \.isRunning) && Date() < deadline { usleep(20_000) }
        processes.filter(\.isRunning).forEach { $0.terminate() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let delivered = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(delivered.count == count && Set(delivered).count == count, "each reply handed over once")
        let deliveries = Self.records(s, type: "delivery").filter { ($0["message"] as? String)?.hasPrefix("race-") == true }
        let byReply = Dictionary(grouping: deliveries) { $0["message"] as! String }
        #expect(byReply.count == count)
        #expect(byReply.values.allSatisfy { $0.map { $0["state"] as? String } == ["sending", "sent"] && Set($0.map { $0["by"] as? String }).count == 1 })
        #expect(Set(deliveries.compactMap { $0["by"] as? String }).count > 1, "the work was shared")
        #expect(try CLI.run(["check", s.inbox]).status == 0)
    }

    /// A deliverer killed between claim and outcome: nothing sends that reply again, and
    /// once the claim is older than its timeout and a minute, it shows as unknown.
    @Test func aClaimWhoseDelivererDiedIsNeverSentAgainAndShowsUnknown() throws {
        let s = try Scratch()
        try Self.append(s, [Self.reply("r-lost", thread: "tw-6002", at: "2026-11-20T17:55:00Z")])
        let pidFile = s.dir + "/command-pid"
        let deliverer = Process()
        deliverer.executableURL = CLI.binary
        deliverer.arguments = ["deliver", s.inbox, "--command", "echo $$ > '\(pidFile)'; exec sleep 60", "--timeout", "30", "--once"]
        deliverer.environment = ["SHIFTDESK_NOW": "2026-11-20T18:00:00Z", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        deliverer.standardOutput = FileHandle.nullDevice
        deliverer.standardError = FileHandle.nullDevice
        try deliverer.run()
        let deadline = Date().addingTimeInterval(20)
        while ((try? String(contentsOfFile: pidFile, encoding: .utf8)) ?? "").isEmpty && Date() < deadline { usleep(10_000) }
        kill(deliverer.processIdentifier, SIGKILL)
        // Its command too (a group of its own, so it lived on): Foundation waits for it.
        if let pid = Int32((try? String(contentsOfFile: pidFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") {
            kill(pid, SIGKILL)
        }
        deliverer.waitUntilExit()
        #expect(Self.records(s, type: "delivery").map { $0["state"] as? String } .last == "sending", "claimed, no outcome")
        let leftovers = ((try? FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())) ?? [])
            .filter { $0.hasPrefix("shiftdesk-deliver-\(deliverer.processIdentifier)-") }
        #expect(leftovers.isEmpty, "nothing of the reply stays on disk after the deliverer died")

        let second = try CLI.run(["deliver", s.inbox, "--command", "echo again >> '\(s.dir)/again'", "--once"])
        #expect(second.stdout.isEmpty && !FileManager.default.fileExists(atPath: s.dir + "/again"), "never sent again on its own")
        // Within its timeout and a minute it is still sending; after, unknown.
        let soon = try CLI.run(["thread", s.inbox, "tw-6002", "--json"], environment: ["SHIFTDESK_NOW": "2026-11-20T18:01:00Z"])
        #expect(soon.stdout.contains(#""delivery":"sending""#))
        let later = try CLI.run(["thread", s.inbox, "tw-6002"], environment: ["SHIFTDESK_NOW": "2026-11-20T18:02:00Z"])
        #expect(later.stdout.contains("unknown — check the channel"), "\(later.stdout)")

        // The app says so on the reply, and the queue row of a thread whose reply failed says so.
        try Self.append(s, [Self.reply("r-bad", thread: "tw-6003"),
                            #"{"type":"delivery","id":"dlv-bad","at":"2026-11-20T17:59:00Z","message":"r-bad","state":"failed","by":"d","error":"rate limited"}"#])
        let term = try TerminalSession.app(on: s, width: 140, now: "2026-11-20T18:05:00Z")
        // The title says so from the open list, where no clock counts for that customer.
        try term.waitFor("⚠ 2 replies failed")  // this one and the sample's own
        // Both threads were answered last: they wait on the customer, in the waiting list.
        try term.type("s")
        try term.waitFor("[reply failed]")
        try term.waitFor("[reply unknown]")
        // The thread whose claim went stale, found by its id.
        try term.type("/")
        try term.type("tw-6002")
        try term.press("Enter")
        try term.waitFor("unknown — check the channel")
        try term.type("q")
    }
}
