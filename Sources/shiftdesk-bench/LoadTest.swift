import Foundation
import InboxFormat
import InboxStore

/// `agents FILE [AGENTS] [SECONDS]`: the team's load test. On a copy of FILE, AGENTS scripted
/// agents (20; separate processes, see ``AgentSimulator``) work for SECONDS (60) while two
/// connectors append 50 messages a second each. Afterwards: every line of the file is a
/// whole record and every append is there once; every agent's state equals a fresh load
/// of the file; and the time from an append to its arrival in every other agent's state,
/// over all of them. With `database` (an empty PostgreSQL database's URL), the same on a
/// copy of FILE in that database.
enum LoadTest {
    static func run(path: String, agents: Int, seconds: Int, database: String? = nil) {
        let folder = NSTemporaryDirectory() + "shiftdesk-load-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let copy: String
        if let database {
            PostgresBenchmark.fill(database, from: path)
            copy = database
        } else {
            copy = folder + "/inbox.jsonl"
            do { try FileManager.default.copyItem(atPath: path, toPath: copy) } catch { fail("\(error)") }
        }
        func load() -> Inbox {
            let store = BenchStore.open(copy)
            do {
                try store.catchUp()
                return try Inbox(path: store.readablePath)
            } catch { fail(error.message) }
        }
        let before = load()
        let exe = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])

        func spawn(_ arguments: [String], input: Bool) -> (Process, Pipe, Pipe?) {
            let p = Process()
            p.executableURL = exe
            p.arguments = arguments
            let out = Pipe()
            p.standardOutput = out
            let stdin = input ? Pipe() : nil
            if let stdin { p.standardInput = stdin }
            do { try p.run() } catch { fail("cannot start \(arguments): \(error)") }
            return (p, out, stdin)
        }
        let names = (0..<agents).map { "agent\($0 < 10 ? "0" : "")\($0)" }
        let team = names.enumerated().map { i, name in spawn(["agent", copy, name, String(i + 1), String(seconds)], input: true) }
        // Each says "ready" once loaded; then all start at once.
        for (_, out, _) in team {
            var seen = Data()
            while !String(decoding: seen, as: UTF8.self).contains("ready\n") {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { fail("an agent ended before it was ready") }
                seen += chunk
            }
        }
        for (_, _, stdin) in team { stdin?.fileHandleForWriting.write(Data("go\n".utf8)) }
        let perConnector = 50 * seconds
        let connectors = ["connA", "connB"].map {
            spawn(["append", copy, String(perConnector), $0, "--rate", "50", "--threads", "400", "--stamp"], input: false)
        }
        for (p, out, _) in connectors {
            _ = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
        }
        var reports: [(digest: String, appended: Int, micros: [Int])] = []
        for (p, out, _) in team {
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard let head = lines.first(where: { $0.hasPrefix("digest ") }) else { fail("an agent printed no digest") }
            let fields = head.split(separator: " ")
            let micros = (lines.drop { !$0.hasPrefix("digest ") }.dropFirst().first ?? "").split(separator: " ").compactMap { Int($0) }
            reports.append((String(fields[1]), Int(fields[3]) ?? 0, micros))
        }

        let after = load()
        let fresh = digest(after)
        let byAgents = reports.reduce(0) { $0 + $1.appended }
        let expected = before.lineCount + byAgents + 2 * perConnector
        let stats = after.statistics(at: Timestamp.now())
        let whole = after.problems.isEmpty && after.lineCount == expected && stats.duplicates == 0
        let same = reports.filter { $0.digest == fresh }.count
        let all = reports.flatMap(\.micros).sorted()
        func ms(_ p: Double) -> Double { Double(Benchmark.percentile(all.map(Double.init), p)) / 1000 }
        print("load test: \(agents) agents and 2 connectors (50 messages a second each) on one inbox\(database == nil ? "" : " in PostgreSQL") for \(seconds) s, started from \(before.lineCount) records")
        print("  appended \(byAgents + 2 * perConnector) records (\(byAgents) by agents, \(2 * perConnector) by connectors); the \(database == nil ? "file" : "store") has \(after.lineCount) records, expected \(expected); malformed \(after.problems.count), duplicates \(stats.duplicates): \(whole ? "none lost or torn" : "RECORDS LOST OR TORN")")
        print("  agents whose state equals a fresh load of the \(database == nil ? "file" : "store"): \(same) of \(agents)")
        print(String(format: "  append -> every other agent's state: %d arrivals, p50 %.1f ms, p99 %.1f ms, max %.1f ms (target: p99 at most 100 ms)",
                     all.count, ms(0.5), ms(0.99), Double(all.last ?? 0) / 1000))
    }

    /// What an agent's state says, in one number: every thread's id, status, owner, message
    /// and note counts, and the inbox's line and message counts.
    static func digest(_ inbox: Inbox) -> String {
        let at = Timestamp(milliseconds: 4_102_444_800_000)  // 2100: every snooze has ended
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
        }
        mix("\(inbox.lineCount) \(inbox.messageCount) \(inbox.problems.count)\n")
        for ref in inbox.threads(view: .all, status: nil, at: at) {
            let s = inbox.summary(of: ref, at: at)
            mix("\(s.id) \(s.status.name) \(s.assignee ?? "-") \(s.messageCount) \(inbox.notes(of: ref).count)\n")
        }
        return String(hash, radix: 16)
    }
}
