import Foundation
import Testing
@testable import InboxStore
import InboxFormat

/// The format's "Thread status" table, record by record, and the joins the queue needs.
@Suite struct ThreadStateTests {
    func status(_ lines: [String], at now: String = "2026-11-21T00:00:00Z") throws -> ThreadStatus {
        let inbox = try TestInbox(lines).load()
        let ref = try #require(inbox.thread(id: "t1"))
        return inbox.status(of: ref, at: Timestamp.parse(now)!)
    }

    @Test func inboundOpensOutboundWaits() throws {
        #expect(try status([Line.message("m1")]) == .open)
        #expect(try status([Line.message("m1"), Line.message("m2", direction: "out", author: "brand")]) == .waiting)
        #expect(try status([Line.message("m1", direction: "out", author: "brand")]) == .waiting, "a thread the company starts waits")
    }

    /// The next customer clock is a next response's only once the company answered someone
    /// waiting: a thread the company started still owes its first response.
    @Test func answeredMeansACustomerWasAnswered() throws {
        func answered(_ lines: [String]) throws -> Bool {
            let inbox = try TestInbox(lines).load()
            return inbox.wasAnswered(try #require(inbox.thread(id: "t1")))
        }
        let started = [Line.message("m1", direction: "out", author: "brand"), Line.message("m2", at: "2026-11-20T11:00:00Z")]
        #expect(try !answered(started), "the company's opening message answered nobody")
        #expect(try answered(started + [Line.message("m3", at: "2026-11-20T11:10:00Z", direction: "out", author: "brand")]))
        #expect(try answered([Line.message("m1"), Line.message("m2", direction: "out", author: "brand")]))
    }

    @Test func resolveAndWhatUndoesIt() throws {
        let base = [Line.message("m1"), Line.event("resolve", "e1")]
        #expect(try status(base) == .resolved)
        #expect(try status(base + [Line.event("reopen", "e2")]) == .open)
        #expect(try status(base + [Line.message("m2", at: "2026-11-20T11:00:00Z")]) == .open)
        #expect(try status(base + [Line.message("m2", direction: "out", author: "brand")]) == .waiting)
        #expect(try status(base + [Line.event("note", "n1", extra: #","text":"fyi""#)]) == .resolved, "a note changes nothing")
    }

    @Test func snoozeEndsAtItsTimeOrWhenTheCustomerWrites() throws {
        let snoozed = [Line.message("m1"), Line.event("snooze", "s1", extra: #","until":"2026-11-22T09:00:00Z""#)]
        #expect(try status(snoozed, at: "2026-11-21T00:00:00Z") == .snoozed)
        #expect(try status(snoozed, at: "2026-11-22T09:00:00Z") == .open)
        #expect(try status(snoozed + [Line.message("m2", at: "2026-11-20T12:00:00Z")]) == .open)
    }

    @Test func fileOrderDecidesNotTimestamps() throws {
        // The resolve is later in the file but earlier in `at`: file order wins.
        let lines = [Line.message("m1", at: "2026-11-20T12:00:00Z"), Line.event("resolve", "e1", at: "2026-11-20T08:00:00Z")]
        #expect(try status(lines) == .resolved)
    }

    @Test func queueIsLongestWaitingFirstAndFiltersByView() throws {
        let inbox = try TestInbox([
            Line.message("m1", thread: "late", at: "2026-11-20T12:00:00Z", author: "a"),
            Line.message("m2", thread: "early", at: "2026-11-20T08:00:00Z", visibility: "private", author: "b"),
            Line.message("m3", thread: "middle", at: "2026-11-20T10:00:00Z", author: "c"),
            Line.message("m4", thread: "answered", at: "2026-11-20T07:00:00Z", author: "d"),
            Line.message("m5", thread: "answered", at: "2026-11-20T07:05:00Z", direction: "out", author: "brand"),
        ]).load()
        let ids = { (view: ViewFilter, status: ThreadStatus?) in
            inbox.threads(view: view, status: status, at: testNow).map { inbox.summary(of: $0, at: testNow).id }
        }
        #expect(ids(.all, .open) == ["early", "middle", "late"])
        #expect(ids(.public, .open) == ["middle", "late"])
        #expect(ids(.private, .open) == ["early"])
        #expect(ids(.all, .waiting) == ["answered"])
        #expect(ids(.all, nil).count == 4)
    }

    @Test func waitingSinceIsTheOldestUnansweredMessage() throws {
        let inbox = try TestInbox([
            Line.message("m1", at: "2026-11-20T08:00:00Z"),
            Line.message("m2", at: "2026-11-20T08:30:00Z"),
        ]).load()
        let ref = try #require(inbox.thread(id: "t1"))
        #expect(inbox.summary(of: ref, at: testNow).since == Timestamp.parse("2026-11-20T08:00:00Z"))
        #expect(inbox.summary(of: ref, at: testNow).lastInboundText == "hello")
    }

    @Test func customerIndexJoinsPublicAndPrivateThreads() throws {
        let inbox = try TestInbox([
            Line.message("m1", thread: "tweet", author: "anna"),
            Line.message("m2", thread: "other", author: "boris"),
            Line.message("m3", thread: "dm", visibility: "private", author: "anna"),
        ]).load()
        let tweet = try #require(inbox.thread(id: "tweet"))
        #expect(inbox.customerThreads(of: tweet).map { inbox.summary(of: $0, at: testNow).id } == ["tweet", "dm"])
        #expect(inbox.threads(ofCustomer: "anna").count == 2)
        #expect(inbox.customerThreads(of: tweet, limit: 1).map { inbox.summary(of: $0, at: testNow).id } == ["tweet"], "a view asks for only what it shows")
        #expect(inbox.summary(of: tweet, at: testNow).customer?.name == "Name anna")
    }

    @Test func threadVisibilityIsThatOfItsFirstMessage() throws {
        let inbox = try TestInbox([
            Line.message("m1", visibility: "public"),
            Line.message("m2", visibility: "private"),
        ]).load()
        #expect(inbox.summary(of: try #require(inbox.thread(id: "t1")), at: testNow).visibility == .public)
    }

    @Test func deliveryStateNotesAssigneeAndPins() throws {
        let inbox = try TestInbox([
            Line.message("m1"),
            Line.message("r1", direction: "out", author: "brand"),
            Line.message("r2", direction: "out", author: "brand"),
            #"{"type":"delivery","id":"d1","at":"2026-11-20T10:00:00Z","message":"r1","state":"sent"}"#,
            #"{"type":"delivery","id":"d2","at":"2026-11-20T10:00:00Z","message":"r2","state":"failed","error":"rate limited"}"#,
            #"{"type":"delivery","id":"d3","at":"2026-11-20T10:00:00Z","message":"nope","state":"sent"}"#,
            Line.event("note", "n1", extra: #","text":"called the courier""#),
            Line.event("assign", "a1", extra: #","to":"max""#),
            #"{"type":"pin","id":"p1","at":"2026-11-20T10:00:00Z","agent":"olga","text":"Checkout is down"}"#,
            #"{"type":"pin","id":"p2","at":"2026-11-20T10:00:00Z","agent":"olga","text":"Back at 9"}"#,
            #"{"type":"unpin","id":"u1","at":"2026-11-20T11:00:00Z","agent":"olga","pin":"p1"}"#,
        ]).load()
        #expect(inbox.problems.isEmpty)
        let ref = try #require(inbox.thread(id: "t1"))
        let replies = inbox.messages(of: ref).filter { $0.direction == .outbound }
        #expect(replies.map(\.delivery) == [.sent, .failed])
        #expect(replies.last?.deliveryError == "rate limited")
        #expect(inbox.statistics(at: Timestamp(milliseconds: 0)).unmatchedDeliveries == 1)
        #expect(inbox.notes(of: ref).map(\.text) == ["called the courier"])
        #expect(inbox.summary(of: ref, at: testNow).assignee == "max")
        #expect(inbox.activePins.map(\.text) == ["Back at 9"])
    }

    /// Format 1.1: company messages a connector wrote went out already; only replies
    /// written here (with `agent`) wait for a deliverer, who first claims them (`sending`).
    @Test func connectorHistoryCountsAsSentAndAClaimIsSending() throws {
        let reply = #"{"type":"message","id":"r2","at":"2026-11-20T09:20:00Z","thread":"t1","channel":"twitter","visibility":"public","direction":"out","author":{"id":"brand"},"agent":"olga","text":"on it"}"#
        let reply3 = reply.replacingOccurrences(of: "\"r2\"", with: "\"r3\"")
        let inbox = try TestInbox([
            Line.message("m1"),
            Line.message("r1", direction: "out", author: "brand", text: "history from the platform"),
            reply,
            reply3,
            #"{"type":"delivery","id":"d1","at":"2026-11-20T10:00:00Z","message":"r3","state":"sending","by":"deliver-1"}"#,
        ]).load()
        #expect(inbox.problems.isEmpty, "a sending claim is a valid record: \(inbox.problems)")
        let ref = try #require(inbox.thread(id: "t1"))
        #expect(inbox.messages(of: ref).filter { $0.direction == .outbound }.map(\.delivery) == [.sent, .queued, .sending])
        #expect(inbox.statistics(at: Timestamp(milliseconds: 0)).deliveries[.queued] == 1)
    }

    /// The thread command and the conversation pane both show this one merge.
    @Test func theTimelineMergesMessagesAndNotesInFileOrder() throws {
        let inbox = try TestInbox([
            Line.event("note", "n0", extra: #","text":"VIP, be quick""#),
            Line.message("m1"),
            Line.event("note", "n1", extra: #","text":"checked the order""#),
            Line.event("note", "n2", extra: #","text":"courier called""#),
            Line.message("m2", direction: "out", author: "brand"),
            Line.message("m3"),
            Line.event("note", "n3", extra: #","text":"done""#),
        ]).load()
        let ref = try #require(inbox.thread(id: "t1"))
        let order = inbox.timeline(of: ref).map { entry -> String in
            switch entry {
            case .message(let m): return m.id
            case .note(let n): return n.text
            }
        }
        #expect(order == ["VIP, be quick", "m1", "checked the order", "courier called", "m2", "m3", "done"])
    }
}
