import Foundation
import Testing
@testable import Desk
import InboxFormat
import InboxStore

/// A reply goes out from the account that answers its thread, never another thread's.
@Suite struct ReplyBuilderTests {
    static func line(_ id: String, thread: String, direction: String, author: String, handle: String) -> String {
        #"{"type":"message","id":"\#(id)","at":"2026-11-20T09:00:00Z","thread":"\#(thread)","channel":"twitter","visibility":"public","direction":"\#(direction)","author":{"id":"\#(author)","handle":"\#(handle)"},"text":"x"}"#
    }

    @Test func aBrandWithAMainAndASupportAccountAnswersEachThreadFromItsOwn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shiftdesk-test-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/inbox.jsonl"
        let lines = [
            Self.line("m1", thread: "main", direction: "in", author: "u1", handle: "@anna"),
            Self.line("r1", thread: "main", direction: "out", author: "brand", handle: "@Brand"),
            Self.line("m2", thread: "main", direction: "in", author: "u1", handle: "@anna"),
            Self.line("m3", thread: "help", direction: "in", author: "u2", handle: "@boris"),
            // The support account wrote last on the channel, in another thread.
            Self.line("r2", thread: "help", direction: "out", author: "brand-help", handle: "@BrandSupport"),
            Self.line("m4", thread: "new", direction: "in", author: "u3", handle: "@vera"),
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let inbox = try Inbox(path: path)
        let writer = RecordWriter(agent: "olga", now: { Timestamp.parse("2026-11-20T10:00:00Z")! })
        func author(_ thread: String, _ builder: ReplyBuilder) throws -> String {
            let target = inbox.replyTarget(of: try #require(inbox.thread(id: thread)))
            let record = builder.reply(to: target, text: "hi", writer: writer).line
            let object = try JSONSerialization.jsonObject(with: Data(record.utf8)) as? [String: Any]
            #expect(object?["in_reply_to"] as? String == target.inReplyTo)
            return (object?["author"] as? [String: Any])?["id"] as? String ?? "?"
        }
        #expect(try author("main", ReplyBuilder()) == "brand")
        #expect(try author("help", ReplyBuilder()) == "brand-help")
        #expect(try author("new", ReplyBuilder()) == "agent:olga", "no company account in the thread and none configured")
        let configured = ReplyBuilder(accounts: ["twitter": Person(id: "@Brand", handle: "@Brand")])
        #expect(try author("new", configured) == "@Brand")
        #expect(try author("help", configured) == "brand-help", "the thread's own account wins over the configured one")
    }

    @Test func accountsComeFromTheConfigFile() throws {
        let config = try Config.parse("""
            [accounts]
            twitter = "@ShopHelp"
            Email = { id = "support@shop.example", name = "Shop support" }
            """, file: "config.toml")
        #expect(config.accounts["twitter"] == Person(id: "@ShopHelp", handle: "@ShopHelp"))
        #expect(config.accounts["email"] == Person(id: "support@shop.example", name: "Shop support"))
        #expect(throws: LineProblemError.self) { try Config.parse("[accounts]\nvk = 42\n", file: "config.toml") }
    }
}
