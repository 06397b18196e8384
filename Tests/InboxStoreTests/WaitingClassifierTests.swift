import Foundation
import Testing
@testable import InboxStore
import InboxFormat

/// A checksum of the text's unescaped bytes and of the visibility it was shown, in 16 bits:
/// any byte read wrong, or the wrong visibility, changes it (almost always).
struct TextChecksum: MessageClassifier {
    var scope: ClassifierScope
    var bitWidth: Int { 16 }
    func classify(_ message: ClassifiedMessage) -> UInt32 {
        message.withBytes(.text) { Self.sum(Array($0), visibility: message.visibility) } ?? 0
    }

    static func sum(_ text: [UInt8], visibility: Visibility) -> UInt32 {
        var sum: UInt32 = visibility == .private ? 7 : 3
        for byte in text { sum = (sum &* 31 &+ UInt32(byte)) & 0xFFFF }
        return sum
    }
}

/// The digit a text starts with (0 to 7), 0 when it starts otherwise: three bits.
struct LeadingDigit: MessageClassifier {
    var scope: ClassifierScope { .waitingCustomerMessages }
    var bitWidth: Int { 3 }
    func classify(_ message: ClassifiedMessage) -> UInt32 {
        message.withBytes(.text) { text in text.first.map { (0x30...0x37).contains($0) ? UInt32($0 - 0x30) : 0 } ?? 0 } ?? 0
    }
}

@Suite struct WaitingClassifierTests {
    /// The messages a waiting classifier read, by id, in file order.
    func read(_ inbox: Inbox) -> [String] {
        var ids: [String] = []
        inbox.forEachWaitingClassification(0) { _, m, _ in ids.append(inbox.message(m).id) }
        return ids
    }

    @Test func theLoadReadsOnlyWhatCustomersWaitOn() throws {
        let file = TestInbox([
            // Waiting after a reply: only what came after it.
            Line.message("w1", thread: "waiting", text: "first"),
            Line.message("w2", thread: "waiting", direction: "out", author: "brand", text: "on it"),
            Line.message("w3", thread: "waiting", text: "still broken"),
            Line.message("w4", thread: "waiting", text: "hello?"),
            // Answered: nobody waits.
            Line.message("a1", thread: "answered", author: "u2", text: "question"),
            Line.message("a2", thread: "answered", direction: "out", author: "brand", text: "answer"),
            // Resolved without a reply: nobody waits until it is reopened.
            Line.message("r1", thread: "resolved", author: "u3", text: "thanks, sorted"),
            Line.event("resolve", "e1", thread: "resolved"),
            // Snoozed: the customer still waits, and the snooze ends with time.
            Line.message("s1", thread: "snoozed", author: "u4", text: "call me back"),
            Line.event("snooze", "e2", thread: "snoozed", extra: #","until":"2026-11-22T09:00:00Z""#),
        ])
        let inbox = try Inbox(path: file.path, classifiers: [TextChecksum(scope: .waitingCustomerMessages)])
        #expect(read(inbox) == ["w3", "w4", "s1"])

        // Every other message is read the first time its value is asked for, and then kept.
        let every = try Inbox(path: file.path, classifiers: [TextChecksum(scope: .everyMessage)])
        for m in (0..<Int32(inbox.messageCount)).map(MessageRef.init(index:)) {
            #expect(inbox.classification(0, of: m) == every.classification(0, of: m), "\(inbox.message(m).id)")
        }
        #expect(read(inbox).count == inbox.messageCount)
    }

    @Test func aNewCustomerMessageIsReadAsItArrives() throws {
        let file = TestInbox([Line.message("a1", thread: "t", visibility: "private", direction: "out", author: "brand", text: "hi")])
        let inbox = try Inbox(path: file.path, classifiers: [TextChecksum(scope: .waitingCustomerMessages)])
        #expect(read(inbox).isEmpty)
        // A message claiming another visibility is rated as its thread is: where the reply goes.
        file.appendRaw(Line.message("c1", thread: "t", visibility: "public", text: "my card was charged twice") + "\n")
        file.appendRaw(Line.message("c2", thread: "t", visibility: "private", direction: "out", author: "brand", text: "sorry") + "\n")
        try inbox.follow()
        #expect(read(inbox) == ["c1"], "the customer's message, not the company's")
        #expect(inbox.classification(0, of: MessageRef(index: 1)) == TextChecksum.sum(Array("my card was charged twice".utf8), visibility: .private))
    }

    /// Where the text is in the line, and how it is written, must not change what a
    /// classifier after the load reads: the same value as in the scan, for every line.
    @Test func theTextIsReadAlikeWhereverItIsInTheLine() throws {
        let texts = [
            "plain", "", #"a \"quoted\" word"#, #"ends with a backslash \\"#, #"\\\"tricky\\"#,
            #"caf\u00e9 \ud83d\ude21 line\nbreak\ttab"#, "кириллица и emoji 😀", #"\/slash"#,
        ]
        var lines: [String] = []
        for (i, text) in texts.enumerated() {
            let head = #""type":"message","id":"m\#(i)","at":"2026-11-20T10:00:00Z","thread":"t\#(i)","channel":"twitter","visibility":"private","direction":"in","author":{"id":"u\#(i)"}"#
            lines.append("{\(head),\"text\":\"\(text)\"}")                                  // text last
            lines.append("{\"text\":\"\(text)\",\(head.replacingOccurrences(of: "\"m\(i)\"", with: "\"f\(i)\""))}")   // text first
            // Text in the middle, with more than a hundred bytes after it.
            lines.append("{\(head.replacingOccurrences(of: "\"m\(i)\"", with: "\"x\(i)\"")),\"text\":\"\(text)\",\"subject\":\"\(String(repeating: "s", count: 200))\"}")
        }
        // The text starting beyond what a row can note: the line is scanned again.
        lines.append(#"{"subject":"\#(String(repeating: "x", count: 70_000))","type":"message","id":"far","at":"2026-11-20T10:00:00Z","thread":"far","channel":"twitter","visibility":"public","direction":"in","author":{"id":"u"},"text":"far \"away\""}"#)
        let file = TestInbox(lines)
        let waiting = try Inbox(path: file.path, classifiers: [TextChecksum(scope: .waitingCustomerMessages)])
        let every = try Inbox(path: file.path, classifiers: [TextChecksum(scope: .everyMessage)])
        #expect(waiting.problems.isEmpty && waiting.messageCount == lines.count)
        #expect(read(waiting).count == lines.count, "every message waits: all were read at load")
        for m in (0..<Int32(every.messageCount)).map(MessageRef.init(index:)) {
            #expect(waiting.classification(0, of: m) == every.classification(0, of: m), "\(every.message(m).id)")
        }
    }

    @Test func manyMessagesAreReadOnEveryCoreAlike() throws {
        // More than one run of messages, so that the workers share the work.
        let lines = (0..<20_001).map { i in
            i % 3 == 2
                ? Line.message("m\(i)", thread: "t\(i / 3)", direction: "out", author: "brand", text: "reply \(i)")
                : Line.message("m\(i)", thread: "t\(i / 3)", author: "u\(i / 3)", text: "message \(i) \(String(repeating: "é", count: i % 50))")
        }
        let file = TestInbox(lines + [Line.message("last", thread: "t0", author: "u0", text: "again")])
        let waiting = try Inbox(path: file.path, plan: LoadPlan(chunkSize: 4096, workers: 2),
                                classifiers: [TextChecksum(scope: .waitingCustomerMessages)])
        let every = try Inbox(path: file.path, classifiers: [TextChecksum(scope: .everyMessage)])
        #expect(read(waiting) == ["last"], "every thread was answered but the one written to again")
        for m in (0..<Int32(every.messageCount)).map(MessageRef.init(index:)) where m.index % 97 == 0 || m.index == every.messageCount - 1 {
            #expect(waiting.classification(0, of: m) == every.classification(0, of: m))
        }
        // With every thread waiting, all the customers' messages are read at load, alike.
        let open = TestInbox(lines.enumerated().filter { $0.offset % 3 != 2 }.map(\.element))
        let all = try Inbox(path: open.path, plan: LoadPlan(chunkSize: 4096, workers: 2),
                            classifiers: [TextChecksum(scope: .waitingCustomerMessages)])
        let openEvery = try Inbox(path: open.path, classifiers: [TextChecksum(scope: .everyMessage)])
        var values: [UInt32] = []
        all.forEachWaitingClassification(0) { _, _, value in values.append(value) }
        #expect(values == (0..<Int32(openEvery.messageCount)).map { openEvery.classification(0, of: MessageRef(index: $0)) })
    }

    @Test func theLoadHandsOverEachThreadsValuesOnce() throws {
        // Threads of three open messages each, far more than one run of messages, so that
        // one thread's messages are read by both workers and their sets must be joined.
        let threads = 3_000
        var lines: [String] = []
        for round in 0..<3 {
            for t in 0..<threads {
                lines.append(Line.message("m\(round)-\(t)", thread: "t\(t)", author: "u\(t)", text: "\((t + round) % 5) of \(t)"))
            }
        }
        // Answered: its messages were read by nobody at load.
        lines.append(Line.message("reply", thread: "t7", direction: "out", author: "brand", text: "on it"))
        let file = TestInbox(lines)
        let inbox = try Inbox(path: file.path, plan: LoadPlan(chunkSize: 4096, workers: 2),
                              classifiers: [TextChecksum(scope: .everyMessage), LeadingDigit()])
        let sets = inbox.takeLoadedValueSets(1)
        #expect(sets.count == threads)
        for t in 0..<threads {
            let ref = try #require(inbox.thread(id: "t\(t)"))
            let expected: UInt32 = t == 7 ? 0 : (0..<3).reduce(0) { $0 | 1 << UInt32((t + $1) % 5) }
            #expect(sets[ref.ordinal] == expected, "t\(t)")
        }
        #expect(inbox.takeLoadedValueSets(1).isEmpty, "handed over once")
        #expect(inbox.takeLoadedValueSets(0).isEmpty, "a classifier of every message has none")
        // Sixteen bits: a set of its values would not fit a word.
        let wide = try Inbox(path: file.path, classifiers: [TextChecksum(scope: .waitingCustomerMessages)])
        #expect(wide.takeLoadedValueSets(0).isEmpty)
    }

    @Test func waitingClassifiersKeepTheTopBitFree() {
        let file = TestInbox([Line.message("m1")])
        #expect(throws: InboxError.self) {
            try Inbox(path: file.path, classifiers: [TextChecksum(scope: .waitingCustomerMessages), TextChecksum(scope: .waitingCustomerMessages)])
        }
        #expect(throws: Never.self) {
            try Inbox(path: file.path, classifiers: [TextChecksum(scope: .waitingCustomerMessages), TextChecksum(scope: .everyMessage),
                                                     TextChecksum(scope: .everyMessage)])
        }
    }
}
