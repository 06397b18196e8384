import Foundation
import InboxStore
import InboxFormat

/// The time the tests ask about: the day after the records of most of them.
let testNow = Timestamp.parse("2026-11-21T00:00:00Z")!

/// A temporary inbox file for one test, removed when the test ends.
final class TestInbox {
    let dir: String
    let path: String

    init(_ lines: [String] = [], raw: [UInt8]? = nil) {
        dir = NSTemporaryDirectory() + "shiftdesk-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        path = dir + "/inbox.jsonl"
        if let raw {
            _ = FileManager.default.createFile(atPath: path, contents: Data(raw))
        } else if !lines.isEmpty {
            _ = FileManager.default.createFile(atPath: path, contents: Data((lines.joined(separator: "\n") + "\n").utf8))
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    func appendRaw(_ bytes: [UInt8]) {
        let handle = FileHandle(forWritingAtPath: path)!
        handle.seekToEndOfFile()
        handle.write(Data(bytes))
        try? handle.close()
    }

    func appendRaw(_ text: String) { appendRaw(Array(text.utf8)) }

    func load() throws -> Inbox { try Inbox(path: path) }

    var bytes: [UInt8] { Array(FileManager.default.contents(atPath: path) ?? Data()) }
}

/// Record lines for tests, valid unless a test changes them.
enum Line {
    static func message(_ id: String, thread: String = "t1", at: String = "2026-11-20T09:15:00Z",
                        visibility: String = "public", direction: String = "in", author: String = "u1",
                        channel: String = "twitter", text: String = "hello") -> String {
        #"{"type":"message","id":"\#(id)","at":"\#(at)","thread":"\#(thread)","channel":"\#(channel)","visibility":"\#(visibility)","direction":"\#(direction)","author":{"id":"\#(author)","handle":"@\#(author)","name":"Name \#(author)"},"text":\#(JSONEscapes.quoted(text))}"#
    }

    static func event(_ type: String, _ id: String, thread: String = "t1", at: String = "2026-11-20T10:00:00Z",
                      extra: String = "") -> String {
        #"{"type":"\#(type)","id":"\#(id)","at":"\#(at)","thread":"\#(thread)","agent":"olga"\#(extra)}"#
    }
}
