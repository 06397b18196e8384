import Foundation
import Testing

/// Two agents, one customer: the second answer is stopped and shown what came first.
@Suite(.serialized) struct CollisionAppTests {
    @Test func replyAfterRefusesWhenSomeoneAnsweredSince() throws {
        let s = try Scratch()
        // tw-6001's last message is the customer's: reply knowing it.
        let thread = try CLI.run(["thread", s.inbox, "tw-6001", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(thread.stdout.utf8)) as? [String: Any])
        let messages = try #require(object["messages"] as? [[String: Any]])
        let last = try #require(messages.last { $0["direction"] as? String == "in" }?["id"] as? String)
        let ivan = try CLI.run(["reply", s.inbox, "tw-6001", "@jakeb on it!", "--agent", "ivan", "--after", last])
        #expect(ivan.status == 0, "\(ivan.stderr)")
        let olga = try CLI.run(["reply", s.inbox, "tw-6001", "@jakeb we're looking", "--agent", "olga", "--after", last])
        #expect(olga.status != 0 && olga.stderr.contains("ivan replied in tw-6001 at 2026-11-20 18:00Z, after \(last): nothing written"))
        #expect(s.lastRecord["agent"] as? String == "ivan")
        #expect(try CLI.run(["reply", s.inbox, "tw-6001", "x", "--after", "nope"]).stderr.contains("no message \"nope\" in thread tw-6001"))
    }

    @Test func twoAppsOnOneInboxTheSecondReplyIsAsked() throws {
        let s = try Scratch()
        let a = try TerminalSession.app(on: s, width: 140)
        let b = try TerminalSession.app(on: s, agent: "ivan", width: 140)
        try Self.bothAnswerJake(first: a, second: b)
        #expect(s.lastRecord["agent"] as? String == "olga", "one answer went out, not two")
        try a.type("q")
        try b.type("q")
    }

    /// Both open the first thread (Jake's) and write; `first` (olga) sends, then `second`
    /// sends, is shown what came first, and discards.
    static func bothAnswerJake(first a: TerminalSession, second b: TerminalSession) throws {
        try a.type("r")
        try a.waitFor("To Jake Brown")
        try b.type("r")
        try b.waitFor("To Jake Brown")
        try a.type("@jakeb Jake, checking your order now.")
        try b.type("@jakeb Jake, sorry for the wait.")
        try a.press("C-s")
        try a.waitFor("saved and queued for delivery")
        try b.press("C-s")
        try b.waitFor("Since you started this reply:")
        try b.waitFor("olga replied: “@jakeb Jake, checking your order now.”")
        try b.type("d")
        try b.waitFor("discarded")
    }
}
