import Foundation
import Testing
import TestSupport
@testable import InboxStore
import InboxFormat

/// A write that fails (here: a full disk) leaves the inbox byte for byte as it was, and
/// says so; a reader never takes in a line before its newline, so nobody saw the part
/// that was cut back.
@Suite struct FailedAppendTests {
    static let page = SmallDisk.pageSize
    static let mountable = SmallDisk.canMount

    /// A note line of exactly `bytes` bytes, without its newline.
    static func note(_ id: String, bytes: Int) -> String {
        let empty = Line.event("note", id, extra: #","text":"""#)
        return Line.event("note", id, extra: #","text":""# + String(repeating: "x", count: bytes - empty.utf8.count) + "\"")
    }

    static func contents(_ path: String) -> [UInt8] { Array(FileManager.default.contents(atPath: path) ?? Data()) }

    /// An inbox on a 64 KB tmpfs with no free page left; `room` bytes still fit in the
    /// file's last page, so a larger record is written in part before the disk refuses.
    struct FullDisk {
        let disk: SmallDisk
        let path: String
        let appender: InboxAppender
        var room: Int { page - Self.size(path) % page }
        static func size(_ path: String) -> Int { contents(path).count }

        init() throws {
            disk = try SmallDisk(kilobytes: 64)
            path = disk.dir + "/inbox.jsonl"
            appender = InboxAppender(path: path)
            try appender.append(line: Line.message("m1"))
            var n = 0
            while disk.freeBytes > 2 * page {
                try appender.append(line: note("fill\(n)", bytes: 999))
                n += 1
            }
            disk.fill()
        }
    }

    @Test(.enabled(if: mountable, "mounting a small tmpfs needs root"))
    func aRecordThatDoesNotFitLeavesTheFileAsItWas() throws {
        let full = try FullDisk()
        let before = Self.contents(full.path)
        try #require(full.room > 200, "part of the record fits, so the write comes up short before it fails")
        let follower = try Inbox(path: full.path)

        #expect(throws: InboxError("\(full.path): the disk is full; nothing was appended")) {
            try full.appender.append(line: Self.note("big", bytes: 2 * Self.page))
        }
        #expect(Self.contents(full.path) == before, "byte for byte as it was")
        #expect(try follower.follow() == .appended(lines: 0))
        #expect(follower.pendingBytes == 0)

        // The room in the last page is still there: a record that fills it goes in whole.
        try full.appender.append(line: Self.note("fits", bytes: full.room - 1))
        #expect(Self.contents(full.path).count % Self.page == 0)
        // Now not a byte fits: the write fails outright.
        let exact = Self.contents(full.path)
        #expect(throws: InboxError("\(full.path): the disk is full; nothing was appended")) {
            try full.appender.append(line: Self.note("small", bytes: 100))
        }
        #expect(Self.contents(full.path) == exact)

        #expect(try follower.follow() == .appended(lines: 1))
        let inbox = try Inbox(path: full.path)
        #expect(inbox.problems.isEmpty)
        #expect(inbox.noteLog.count == follower.noteLog.count)
    }

    @Test(.enabled(if: mountable, "mounting a small tmpfs needs root"))
    func aBatchKeepsTheRecordsWrittenBeforeTheOneThatFailed() throws {
        let full = try FullDisk()
        try #require(full.room > 200)
        let first = Self.note("first", bytes: 100)
        let before = Self.contents(full.path)
        #expect(throws: InboxError("\(full.path): the disk is full; 1 of 2 records were appended, the rest not")) {
            try full.appender.append(lines: [first, Self.note("second", bytes: 2 * Self.page)])
        }
        #expect(Self.contents(full.path) == before + Array((first + "\n").utf8))
    }

    @Test(.enabled(if: mountable, "mounting a small tmpfs needs root"))
    func aCrashedWritersFragmentStaysAsItWas() throws {
        let full = try FullDisk()
        try #require(full.room > 200)
        // The new record would start with `\n` to close the fragment; none of it stays.
        let handle = try #require(FileHandle(forWritingAtPath: full.path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"type":"message","id":"half","#.utf8))
        try handle.close()
        let before = Self.contents(full.path)
        #expect(throws: InboxError.self) { try full.appender.append(line: Self.note("big", bytes: 2 * Self.page)) }
        #expect(Self.contents(full.path) == before)
    }

    @Test func aFollowerTakesInNoLineBeforeItsNewline() throws {
        let file = TestInbox([Line.message("m1")])
        let inbox = try file.load()
        let consumed = inbox.consumedBytes
        let line = Line.message("m2", thread: "t2")
        // A whole record but for its newline is still a write in progress.
        file.appendRaw(line)
        #expect(try inbox.follow() == .appended(lines: 0))
        #expect(inbox.consumedBytes == consumed)
        #expect(inbox.pendingBytes == Int64(line.utf8.count))
        #expect(inbox.thread(id: "t2") == nil)
        // Its writer cuts it back after a failed write: the follower lost nothing it had read.
        #expect(truncate(file.path, off_t(consumed)) == 0)
        #expect(try inbox.follow() == .appended(lines: 0))
        file.appendRaw(line + "\n")
        #expect(try inbox.follow() == .appended(lines: 1))
        #expect(inbox.problems.isEmpty)
        #expect(inbox.thread(id: "t2") != nil)
    }
}
