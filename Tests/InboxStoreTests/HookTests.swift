import Foundation
import Testing
@testable import InboxStore
import InboxFormat

/// Writes down every record it is fed, as a later feature's projection would see them.
final class RecordingProjection: InboxProjection {
    var seen: [String] = []
    func apply(_ record: RecordContext) {
        let thread = record.thread.map { "t\($0.index)" } ?? "-"
        let message = record.message.map { "m\($0.index)" } ?? "-"
        let referenced = record.referencedMessage.map { "m\($0.index)" } ?? "-"
        seen.append("\(record.location.number) \(record.type) \(record.string(.id) ?? "?") \(thread) \(message) -> \(referenced) tags=\(record.tags)")
    }
}

/// Marks messages that mention an error code, the way a surge or urgency classifier would.
struct MentionsErrorCode: MessageClassifier {
    var bitWidth: Int { 1 }
    func classify(_ message: ClassifiedMessage) -> UInt32 {
        message.withBytes(.text) { text in
            text.withMemoryRebound(to: UInt8.self) { bytes in
                bytes.count >= 3 && (0...(bytes.count - 3)).contains { i in bytes[i] == 0x35 && bytes[i + 1] == 0x30 && bytes[i + 2] == 0x32 }
            }
        } == true ? 1 : 0
    }
}

/// Keeps the text's length in bytes, capped: a classifier of more than one bit.
struct TextLength: MessageClassifier {
    var bitWidth: Int { 8 }
    func classify(_ message: ClassifiedMessage) -> UInt32 { UInt32(min(255, message.withBytes(.text) { $0.count } ?? 0)) }
}

@Suite struct HookTests {
    static let lines: [String] = [
        Line.message("m1", text: "checkout says 502"),
        "not json at all",
        Line.message("m2", thread: "t2", author: "u2", text: "all good, thanks"),
        Line.message("m1", text: "a re-delivery: ignored"),
        Line.message("r1", direction: "out", author: "brand", text: "on it"),
        #"{"type":"delivery","id":"d1","at":"2026-11-20T10:00:00Z","message":"r1","state":"sent","by":"twitter-out","remote_id":"9001"}"#,
        Line.event("note", "n1", extra: #","text":"called the courier""#),
        #"{"type":"pin","id":"p1","at":"2026-11-20T10:00:00Z","agent":"olga","text":"Checkout is down"}"#,
        Line.event("resolve", "e1", thread: "t2"),
        #"{"type":"surprise","id":"x1","at":"2026-11-20T10:00:00Z"}"#,
        Line.message("m3", thread: "t2", author: "u2", text: "502 again"),
        #"{"type":"unpin","id":"u1","at":"2026-11-20T11:00:00Z","agent":"olga","pin":"p1"}"#,
    ]

    @Test func aProjectionSeesTheSameRecordsAtLoadAndWhileFollowing() throws {
        let whole = TestInbox(Self.lines)
        let atLoad = RecordingProjection()
        _ = try Inbox(path: whole.path, classifiers: [MentionsErrorCode()], projections: [atLoad])

        let grown = TestInbox(raw: [])
        let following = RecordingProjection()
        let inbox = try Inbox(path: grown.path, classifiers: [MentionsErrorCode()], projections: [following])
        for line in Self.lines {
            // Half a line first: a write in progress must not reach the projection.
            let bytes = Array((line + "\n").utf8)
            grown.appendRaw(Array(bytes[..<(bytes.count / 2)]))
            try inbox.follow()
            grown.appendRaw(Array(bytes[(bytes.count / 2)...]))
            try inbox.follow()
        }
        #expect(atLoad.seen.count == 10, "every valid new record, duplicates and bad lines left out: \(atLoad.seen)")
        #expect(following.seen == atLoad.seen)
        #expect(atLoad.seen.first == "1 message m1 t0 m0 -> - tags=1")
        #expect(atLoad.seen.contains("6 delivery d1 - - -> m2 tags=0"), "a delivery names the reply it reports on")
    }

    @Test func classifierBitsAreKeptPerMessage() throws {
        let file = TestInbox(Self.lines)
        let inbox = try Inbox(path: file.path, classifiers: [MentionsErrorCode(), TextLength()])
        let values = (0..<Int32(inbox.messageCount)).map { i in
            (inbox.classification(0, of: MessageRef(index: i)), inbox.classification(1, of: MessageRef(index: i)))
        }
        #expect(values.map(\.0) == [1, 0, 0, 1])
        #expect(values.map(\.1) == [17, 16, 5, 9])
        #expect(throws: InboxError.self) {
            try Inbox(path: file.path, classifiers: [TextLength(), TextLength(), TextLength(), TextLength(), MentionsErrorCode()])
        }
    }

    @Test func theStoresOwnProjectionsKeepDeliveriesNotesAndPins() throws {
        let file = TestInbox(Self.lines)
        let inbox = try file.load()
        let ref = try #require(inbox.thread(id: "t1"))
        let report = try #require(inbox.deliveries.report(on: MessageRef(index: 2)))
        #expect(report.state == .sent && report.by == "twitter-out" && report.remoteID == "9001")
        #expect(inbox.notes(of: ref).map(\.text) == ["called the courier"])
        #expect(inbox.pinBoard.pins.map(\.active) == [false])
        #expect(inbox.activePins.isEmpty)
    }
}
