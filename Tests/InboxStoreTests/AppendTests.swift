import Foundation
import Testing
@testable import InboxStore
import InboxFormat

/// The writer rules: whole lines under a lock, a new line after a fragment, 0600 files.
@Suite struct AppendTests {
    @Test func newInboxIsPrivateToItsOwner() throws {
        let file = TestInbox()
        try InboxAppender(path: file.path).append(line: Line.message("m1"))
        var info = stat()
        #expect(stat(file.path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(try file.load().messageCount == 1)
    }

    @Test func fragmentOfACrashedWriterStaysOneBadLine() throws {
        let file = TestInbox([Line.message("m1")])
        file.appendRaw(#"{"type":"message","id":"m2","at":"2026-11"#)
        try InboxAppender(path: file.path).append(line: Line.message("m3"))
        let inbox = try file.load()
        #expect(inbox.messageCount == 2)
        #expect(inbox.problems.map(\.line) == [2])
        #expect(file.bytes.last == 0x0A)
    }

    @Test func refusesALineWithARawNewline() {
        let file = TestInbox()
        #expect(throws: InboxError.self) { try InboxAppender(path: file.path).append(line: "{\"a\":\n1}") }
    }

    @Test func recordWriterLinesReadBack() throws {
        let file = TestInbox([Line.message("m1", text: "where is my order?")])
        let writer = RecordWriter(agent: "olga", now: { Timestamp.parse("2026-11-20T10:00:00Z")! })
        let hostile = "Anna \u{1B}]52;c;aGk=\u{07} \u{202E}evil\nline two \"quoted\""
        let reply = writer.reply(thread: "t1", channel: "twitter", visibility: .public,
                                 account: Person(id: "brand", handle: "@brand"), text: hostile, inReplyTo: "m1")
        let appender = InboxAppender(path: file.path)
        try appender.append(line: reply.line)
        try appender.append(line: writer.note(thread: "t1", text: "called"))
        try appender.append(line: writer.resolve(thread: "t1"))
        #expect(!String(decoding: file.bytes, as: UTF8.self).contains("\u{1B}"), "escapes are written as \\u001b, never raw")
        let inbox = try file.load()
        #expect(inbox.problems.isEmpty)
        let ref = try #require(inbox.thread(id: "t1"))
        #expect(inbox.status(of: ref, at: testNow) == .resolved)
        let out = try #require(inbox.messages(of: ref).last)
        #expect(out.id == reply.id)
        #expect(out.text == hostile)
        #expect(out.inReplyTo == "m1")
        #expect(out.agent == "olga")
        #expect(out.delivery == .queued)
    }

    @Test func twoProcessesAppendingAtOnceLoseNothing() throws {
        let file = TestInbox()
        let a = try Helper.start(["append", file.path, "5000", "alpha"])
        let b = try Helper.start(["append", file.path, "5000", "beta"])
        for (process, pipe) in [a, b] {
            #expect(Helper.finish(process, pipe)?.status == 0)
        }
        let inbox = try file.load()
        #expect(inbox.problems.isEmpty)
        #expect(inbox.messageCount == 10_000)
        #expect(inbox.statistics(at: Timestamp(milliseconds: 0)).duplicates == 0)
        let alpha = try #require(inbox.thread(id: "alpha-thread"))
        #expect(inbox.messages(of: alpha).map(\.id) == (0..<5000).map { "alpha-\($0)" }, "each writer's records stay in its order")
    }

    @Test func writerKilledMidLineThenAnotherAppend() throws {
        let file = TestInbox()
        // A writer that is killed while appending: it never gets to finish its line.
        let (victim, _) = try Helper.start(["append", file.path, "1000000", "victim", "--no-fsync"])
        let deadline = Date().addingTimeInterval(30)
        while file.bytes.count < 20_000 {
            if Date() >= deadline {
                kill(victim.processIdentifier, SIGKILL)
                Issue.record("the writer wrote less than 20 KB in 30 seconds")
                return
            }
            usleep(1000)
        }
        kill(victim.processIdentifier, SIGKILL)
        victim.waitUntilExit()
        // The kill itself may land inside a write (the kernel ends a write short at a page
        // when a fatal signal is pending) and leave the victim's own fragment; the fragment
        // below would then join it into another kind of bad line. Back to the last whole
        // line first, so the fragment is always the one this test makes.
        let written = file.bytes
        if let last = written.lastIndex(of: 0x0A), last != written.count - 1 {
            #expect(truncate(file.path, off_t(last + 1)) == 0)
        }
        // Simulate the worst moment: the kill landed mid-write, leaving half a record.
        file.appendRaw(#"{"type":"message","id":"half","at":"2026-11-20T09:"#)
        try InboxAppender(path: file.path).append(line: Line.message("after"))
        let inbox = try file.load()
        #expect(inbox.problems.count == 1)
        #expect(inbox.problems.first?.reason.contains("not closed") == true)
        let victimThread = try #require(inbox.thread(id: "victim-thread"))
        #expect(inbox.messages(of: victimThread).count == inbox.messageCount - 1)
        #expect(inbox.thread(id: "t1") != nil, "the record after the fragment is whole")
    }
}
