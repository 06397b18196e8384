import Foundation
import Testing

/// What `--json` prints is read by other programs: every object must be valid JSON with
/// no key given twice, since most readers silently keep only the last value.
@Suite struct JSONOutputTests {
    @Test func theCheckerFindsRepeatedKeysAndRejectsBrokenJSON() throws {
        let repeated = try StrictJSON.repeatedKeys(in: #"{"a":1,"b":{"c":1,"c":2},"d":[{"e":1,"\u0065":2}],"a":[]}"#)
        #expect(repeated == ["$.b: c", "$.d[0]: e", "$: a"])
        #expect(try StrictJSON.repeatedKeys(in: #"{"a":{"a":1},"b":[{"a":1},{"a":2}],"é":1,"e\u0301":2}"#) == [],
                "the same key in different objects, and different code points, are fine")
        for broken in [#"{"a":1}{"#, #"{"a":1,}"#, #"{"a" 1}"#, "[1 2]", #""x"#, "01", #"{"a":tru}"#, "{\"a\":\"\u{1}\"}"] {
            #expect(throws: StrictJSON.Invalid.self, "\(broken)") { try StrictJSON.repeatedKeys(in: broken) }
        }
    }

    /// The objects a command prints, one per line; each checked for repeated keys.
    func objects(_ arguments: [String]) throws -> [[String: Any]] {
        let r = try CLI.run(arguments)
        #expect(r.status == 0, "\(arguments)")
        return try r.lines.map { line in
            let repeated = try StrictJSON.repeatedKeys(in: line)
            #expect(repeated.isEmpty, "shiftdesk \(arguments.joined(separator: " ")) repeats \(repeated)")
            return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test func queueJSONRepeatsNoKeyAndCountsMessages() throws {
        for status in ["open", "waiting", "resolved", "snoozed", "all"] {
            _ = try objects(["queue", CLI.sample, "--status", status, "--json"])
        }
        let rows = try objects(["queue", CLI.sample, "--status", "all", "--json"])
        #expect(rows.count == 52)
        #expect(rows.allSatisfy { ($0["message_count"] as? Int ?? 0) > 0 }, "every thread has its message count")
    }

    @Test func threadJSONRepeatsNoKeyAndItsCountMatchesItsMessages() throws {
        let threads = try objects(["queue", CLI.sample, "--status", "all", "--json"]).compactMap { $0["thread"] as? String }
        #expect(threads.count == 52)
        for thread in threads {
            let shown = try objects(["thread", CLI.sample, thread, "--json"])
            #expect(shown.count == 1)
            let messages = try #require(shown.first?["messages"] as? [[String: Any]], "\(thread): messages is the array")
            #expect(shown.first?["message_count"] as? Int == messages.count, "\(thread)")
        }
    }

    @Test func statsJSONRepeatsNoKey() throws {
        let stats = try objects(["stats", CLI.sample, "--json"])
        #expect(stats.count == 1)
        #expect(stats.first?["records"] as? Int == 189)
    }
}
