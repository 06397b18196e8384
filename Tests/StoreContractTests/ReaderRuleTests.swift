import Foundation
import Testing
import InboxFormat
import InboxStore
import InboxStorePostgres
import TestSupport

/// Nothing gets into PostgreSQL that the file's reader would refuse, and the refusal gives
/// the reader's own reason.
@Suite struct PostgresReaderRuleTests {
    static let badLines = [
        #"{"type":"message","id":"m1","at":"2026-11-20T09:15:00Z""#,                          // cut short
        #"{"type":"message","at":"2026-11-20T09:15:00Z","thread":"t1"}"#,                      // no id
        #"{"type":"message","id":"m1","at":"yesterday","thread":"t1"}"#,                       // a bad time
        #"{"type":"message","id":"m1","id":"m2","at":"2026-11-20T09:15:00Z","thread":"t1"}"#,  // an id twice
        "{\"type\":\"note\",\"id\":\"n1\",\"at\":\"2026-11-20T09:15:00Z\",\"thread\":\"t1\",\"agent\":\"a\",\"text\":\"tab\u{09}in\"}",
        #"[1,2,3]"#,
        #"{"type":"resolve","id":"r1","at":"2026-11-20T09:15:00Z"}"#,                          // no thread
        #"{"type":"message","id":7,"at":"2026-11-20T09:15:00Z","thread":"t1"}"#,
    ]

    @Test func everyLineTheReaderRejectsIsRefusedWithTheReadersReason() throws {
        let url = try TestPostgres.freshDatabase("rules")
        _ = try PostgresStore.initialize(url: try PostgresURL(url), password: nil)
        let store = try PostgresStore(url: try PostgresURL(url), password: nil)
        let folder = NSTemporaryDirectory() + "shiftdesk-rules-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (i, line) in Self.badLines.enumerated() {
            let file = folder + "/\(i).jsonl"
            try Data((line + "\n").utf8).write(to: URL(fileURLWithPath: file))
            let reason = try #require(try Inbox(path: file).problems.first?.reason, "the reader takes: \(line)")
            do {
                try store.append(line: line)
                Issue.record("PostgreSQL took what the reader rejects (\(reason)): \(line)")
            } catch {
                #expect(error.message.hasSuffix(": " + reason), "\(error.message) vs \(reason)")
            }
        }
        // A good record after them all is the only one in.
        try store.append(line: Line.message("good"))
        try store.catchUp()
        let inbox = try Inbox(path: store.readablePath)
        #expect(inbox.messageCount == 1 && inbox.problems.isEmpty)
    }

    /// What the reader takes, the database takes: a NUL in an id, which a text column
    /// cannot hold, is stored all the same, and comes back byte for byte.
    @Test func aRecordTheReaderTakesIsStoredEvenWithANulInItsID() throws {
        let url = try TestPostgres.freshDatabase("nul")
        _ = try PostgresStore.initialize(url: try PostgresURL(url), password: nil)
        let store = try PostgresStore(url: try PostgresURL(url), password: nil)
        let line = #"{"type":"message","id":"a\u0000b","at":"2026-11-20T09:15:00Z","thread":"t\u0000","channel":"twitter","visibility":"public","direction":"in","author":{"id":"u1"},"text":"hi"}"#
        try store.append(lines: [line, Line.message("after")])
        try store.catchUp()
        #expect(try String(contentsOfFile: store.readablePath, encoding: .utf8) == line + "\n" + Line.message("after") + "\n")
    }

    /// The one rule a writer going round shiftdesk could still break (psql): a raw newline
    /// would cut the record in two in every copy; the table refuses it.
    @Test func theTableRefusesARawNewlineWhoeverWrites() throws {
        let url = try TestPostgres.freshDatabase("newline")
        _ = try PostgresStore.initialize(url: try PostgresURL(url), password: nil)
        let database = String(url.split(separator: "/")[2].split(separator: "?")[0])
        #expect(throws: (any Error).self) {
            try TestPostgres.psql("INSERT INTO shiftdesk_records (id, type, at, line) VALUES ('x', 'note', 'now', E'{\\n}')", database: database)
        }
    }
}
