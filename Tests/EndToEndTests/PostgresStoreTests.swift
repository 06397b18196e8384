import Foundation
import Testing
import TestSupport

/// The PostgreSQL store as a team meets it: the commands with --store, two apps on one
/// database, and a server that goes away in the middle of a shift.
@Suite(.serialized) struct PostgresStoreTests {
    /// A new database holding the sample inbox; its URL.
    static func sampleDatabase(_ label: String) throws -> String {
        let url = try TestPostgres.freshDatabase(label)
        let made = try CLI.run(["store", "init", url])
        #expect(made.status == 0 && made.stdout.contains("Made a shiftdesk inbox"), "\(made.stderr)")
        let copied = try CLI.run(["store", "copy", CLI.sample, url])
        // The sample holds one re-delivery: the copy leaves it out, by its id.
        #expect(copied.status == 0 && copied.stderr.contains("copied 188, already there 1"), "\(copied.stderr)")
        return url
    }

    @Test func theCommandsWorkOnADatabaseAsOnTheFile() throws {
        let url = try Self.sampleDatabase("commands")
        let s = try Scratch()
        // The same queue from either store; the local copy it reads goes with the command.
        let temporary = s.dir + "/tmp"
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let fromFile = try CLI.run(["queue", s.inbox, "--status", "all"])
        let fromDatabase = try CLI.run(["queue", "--store", url, "--status", "all"], environment: ["TMPDIR": temporary])
        #expect(fromDatabase.status == 0 && fromDatabase.stdout == fromFile.stdout, "\(fromDatabase.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty, "a copy of the inbox stayed behind")
        // Not on a terminal, the app prints the queue: of the store too.
        let piped = try CLI.run(["--store", url])
        #expect(piped.status == 0 && piped.stdout.contains("tw-6001"), "\(piped.stderr)")
        // FILE left out: the thread's id keeps its place.
        let thread = try CLI.run(["thread", "--store", url, "tw-6001"])
        #expect(thread.status == 0 && thread.stdout.contains("Jake Brown"), "\(thread.stderr)")
        // $SHIFTDESK_STORE when neither is given; a FILE given wins over it.
        let resolved = try CLI.run(["resolve", "tw-6001", "--agent", "olga"], environment: ["SHIFTDESK_STORE": url])
        #expect(resolved.status == 0 && resolved.stdout.contains("Resolved tw-6001"), "\(resolved.stderr)")
        let fromEnvironment = try CLI.run(["queue", "--status", "resolved"], environment: ["SHIFTDESK_STORE": url])
        #expect(fromEnvironment.stdout.contains("tw-6001"))
        let fileWins = try CLI.run(["queue", s.inbox, "--status", "resolved"], environment: ["SHIFTDESK_STORE": url])
        #expect(!fileWins.stdout.contains("tw-6001"))
        // Both at once: an error, and nothing written.
        let both = try CLI.run(["resolve", s.inbox, "tw-6002", "--store", url])
        #expect(both.status != 0 && both.stderr.contains("give FILE or --store, not both"))
        // A reply goes in once; a hint names the store, never a file that is not there.
        let missing = try CLI.run(["thread", "--store", url, "nope"])
        #expect(missing.stderr.contains("shiftdesk queue --store postgres://"))
        // Back into a file: the same records, in the same order.
        let back = s.dir + "/back.jsonl"
        let copied = try CLI.run(["store", "copy", url, back])
        #expect(copied.status == 0 && copied.stderr.contains("copied 189"), "\(copied.stderr)")
        let sample = try String(contentsOfFile: CLI.sample, encoding: .utf8).split(separator: "\n")
        let backLines = try String(contentsOfFile: back, encoding: .utf8).split(separator: "\n")
        var seen = Set<String>()
        let firstOfEachID = sample.filter { line in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return seen.insert(object?["id"] as? String ?? "").inserted
        }
        #expect(Array(backLines.prefix(firstOfEachID.count)) == firstOfEachID)
        #expect(backLines.last?.contains("\"type\":\"resolve\"") == true)
    }

    @Test func aPasswordIsNeverPrinted() throws {
        let result = try CLI.run(["queue", "--store", "postgres://olga:s3cret-pass@localhost/nothing?host=/nonexistent-folder"])
        #expect(result.status != 0)
        #expect(!result.stderr.contains("s3cret") && result.stderr.contains("postgres://olga@localhost"), "\(result.stderr)")
        let bad = try CLI.run(["queue", "--store", "postgres://olga:s3cret-pass@localhost:99999/db"])
        #expect(bad.status != 0 && !bad.stderr.contains("s3cret") && bad.stderr.contains("port"), "\(bad.stderr)")
        // A password with a slash left as it is, and a URL where FILE goes.
        let slash = try CLI.run(["queue", "--store", "postgres://olga:s3c/ret@localhost:99999/db"])
        #expect(slash.status != 0 && !slash.stderr.contains("s3c/ret") && !slash.stderr.contains("ret@"), "\(slash.stderr)")
        let asFile = try CLI.run(["queue", "postgres://olga:s3cret-pass@localhost/nothing?host=/nonexistent-folder"])
        #expect(asFile.status != 0 && !asFile.stderr.contains("s3cret") && !asFile.stderr.contains("no such inbox file"), "\(asFile.stderr)")
    }

    @Test func aBadStorePasswordInTheConfigSaysSoWhateverComesBeforeIt() throws {
        // The config's other mistakes come first by line; the password's must still be told,
        // not a login refused for want of one.
        let s = try Scratch(copySample: false)
        try FileManager.default.createDirectory(atPath: s.dir + "/shiftdesk", withIntermediateDirectories: true)
        try "[limits]\ntwitter = \"x\"\n\n[store]\npassword = 123\n".write(toFile: s.dir + "/shiftdesk/config.toml", atomically: true, encoding: .utf8)
        let result = try CLI.run(["queue", "--store", "postgres://olga@localhost/nothing?host=/nonexistent-folder"],
                                 environment: ["XDG_CONFIG_HOME": s.dir, "PGPASSFILE": s.dir + "/no-pgpass"], unset: ["PGPASSWORD"])
        #expect(result.status != 0 && result.stderr.contains("store.password must be a string"), "\(result.stderr)")
    }

    @Test func ingestAndDeliverThroughTheDatabase() throws {
        let url = try Self.sampleDatabase("connectors")
        let record = #"{"type":"message","id":"new-1","at":"2026-11-20T17:00:00Z","thread":"tw-new","channel":"twitter","visibility":"public","direction":"in","author":{"id":"u9","handle":"@zoe","name":"Zoe"},"text":"hello?"}"#
        let input = Data((record + "\n" + record + "\nnot json\n").utf8)
        let ingested = try CLI.run(["ingest", "--store", url], input: input)
        #expect(ingested.status == 1 && ingested.stderr.contains("appended 1, already present 1, rejected 1"), "\(ingested.stderr)")
        let reply = try CLI.run(["reply", "--store", url, "tw-new", "@zoe Zoe, here we are.", "--agent", "olga"])
        #expect(reply.status == 0, "\(reply.stderr)")
        let delivered = try CLI.run(["deliver", "--store", url, "--channel", "twitter", "--command", "echo remote-77", "--once"])
        #expect(delivered.status == 0 && delivered.stdout.contains("sent ") && delivered.stdout.contains("remote id remote-77"), "\(delivered.stderr)")
        // Only once: a second deliverer finds nothing to send in that thread.
        let again = try CLI.run(["deliver", "--store", url, "--channel", "twitter", "--command", "echo remote-78", "--once"])
        #expect(!again.stdout.contains("in tw-new"))
    }

    /// Two agents on one database: a resolve in one app shows in the other within a
    /// second, and the collision check stops the second answer to the same customer.
    @Test func twoAppsOnOneDatabase() throws {
        let url = try Self.sampleDatabase("twoapps")
        let s = try Scratch(copySample: false)
        let a = try Self.app(url, agent: "olga", keeping: s)
        let b = try Self.app(url, agent: "ivan", keeping: s)
        try b.waitFor("tw-6001")
        try a.type("x")
        try a.waitFor("Resolved tw-6001. u to undo.")
        let start = Date()
        try b.waitForGone("Jake Brown", timeout: 5)
        let took = Date().timeIntervalSince(start)
        #expect(took < 1.0, "the other app showed the resolve after \(took) s")
        try a.type("u")
        try a.waitFor("tw-6001")
        try b.waitFor("Jake Brown")
        // Both answer Jake; the second is asked, not sent.
        try CollisionAppTests.bothAnswerJake(first: a, second: b)
        try a.type("q")
        try b.type("q")
        let thread = try CLI.run(["thread", "--store", url, "tw-6001", "--json"])
        #expect(thread.stdout.components(separatedBy: "checking your order now").count == 2, "one answer went out, not two")
        #expect(!thread.stdout.contains("sorry for the wait"))
    }

    /// The server is killed in the middle of a session: the app says so, keeps the reply
    /// sent meanwhile, stores it once when the server is back, and carries on.
    @Test func theServerGoesAwayAndComesBack() throws {
        // A cluster of its own: the other tests' server stays up.
        let folder = "/tmp/shiftdesk-kill-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let base = try Self.tool(TestPostgres.script, ["start", folder]).trimmingCharacters(in: .whitespacesAndNewlines)
        defer { _ = try? Self.tool(TestPostgres.script, ["stop", folder]) }
        let url = base
        #expect(try CLI.run(["store", "init", url]).status == 0)
        #expect(try CLI.run(["store", "copy", CLI.sample, url]).status == 0)
        let s = try Scratch(copySample: false)
        let a = try Self.app(url, agent: "olga", keeping: s)
        try a.type("r")
        try a.waitFor("To Jake Brown")
        try a.type("@jakeb Jake, a refund is on its way.")
        _ = try Self.tool(TestPostgres.script, ["kill", folder])
        try a.waitFor("offline — reconnecting", timeout: 10)
        try a.press("C-s")
        try a.waitFor("Offline: kept, and stored as soon as the server is back.")
        try a.waitFor("1 waiting to be")
        _ = try Self.tool(TestPostgres.script, ["restart", folder])
        try a.waitForGone("offline — reconnecting", timeout: 15)
        // Stored once, and the app goes on: a resolve after the return goes in too.
        let thread = try CLI.run(["thread", "--store", url, "tw-6001", "--json"])
        #expect(thread.stdout.components(separatedBy: "a refund is on its way").count == 2, "\(thread.stdout)")
        try a.type("x")
        let screen = try a.waitFor("u to undo.").joined(separator: "\n")
        let id = try #require(screen.range(of: #"Resolved (\S+)\. u to undo"#, options: .regularExpression).map {
            String(screen[$0].dropFirst("Resolved ".count).prefix { $0 != "." })
        })
        try a.type("q")
        let resolved = try CLI.run(["queue", "--store", url, "--status", "resolved"])
        #expect(resolved.stdout.contains(id), "\(id): \(resolved.stdout)\(resolved.stderr)")
    }

    /// The server stays away until the app quits: what the agent sent meanwhile is on disk,
    /// the app says where, and storing it once the server is back stores it once.
    @Test func quittingWhileTheServerIsAwayKeepsWhatWasSent() throws {
        let folder = "/tmp/shiftdesk-away-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let url = try Self.tool(TestPostgres.script, ["start", folder]).trimmingCharacters(in: .whitespacesAndNewlines)
        defer { _ = try? Self.tool(TestPostgres.script, ["stop", folder]) }
        #expect(try CLI.run(["store", "init", url]).status == 0)
        #expect(try CLI.run(["store", "copy", CLI.sample, url]).status == 0)
        let s = try Scratch(copySample: false)
        let a = try Self.app(url, agent: "olga", keeping: s)
        _ = try Self.tool(TestPostgres.script, ["kill", folder])
        try a.waitFor("offline — reconnecting", timeout: 10)
        try a.type("n")
        try a.type("called Jake back")
        try a.press("Enter")
        try a.waitFor("1 waiting to be")
        try a.type("q")
        // Joined without breaks: the long path wraps at the window's edge.
        let screen = try a.waitFor("not stored: the server stayed out of reach").joined()
        let path = try #require(screen.range(of: #"Kept in \S+?\.jsonl"#, options: .regularExpression).map { String(screen[$0].dropFirst("Kept in ".count)) })
        let kept = try String(contentsOfFile: path, encoding: .utf8)
        #expect(kept.contains("called Jake back") && kept.split(separator: "\n").count == 1)
        _ = try Self.tool(TestPostgres.script, ["restart", folder])
        for _ in 0..<2 {  // twice: stored once
            let stored = try CLI.run(["ingest", "--store", url], input: Data(kept.utf8))
            #expect(stored.status == 0, "\(stored.stderr)")
        }
        let thread = try CLI.run(["thread", "--store", url, "tw-6001", "--json"])
        #expect(thread.stdout.components(separatedBy: "called Jake back").count == 2, "\(thread.stdout)")
    }

    static func app(_ url: String, agent: String, keeping s: Scratch) throws -> TerminalSession {
        let term = try TerminalSession(width: 140, height: 40, keeping: s)
        try term.run("\(CLI.binary.path) --store '\(url)' --agent \(agent)")
        try term.waitFor("\(agent) │")
        return term
    }

    @discardableResult
    static func tool(_ path: String, _ arguments: [String]) throws -> String {
        try TestPostgres.tool(path, arguments)
    }
}
