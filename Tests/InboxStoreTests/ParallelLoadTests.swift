import Foundation
import Testing
@testable import InboxStore
import InboxFormat
import InboxSynth

/// The parallel load reads a file exactly as one thread reading it line by line would:
/// whatever the chunk size and the number of workers, with bad lines, duplicates, a BOM,
/// CRLF and a torn last line falling on chunk boundaries.
@Suite struct ParallelLoadTests {
    /// A realistic inbox with every awkward case the reader rules name, spread through it.
    /// Duplicates come right after their original (tiny chunks put the two in separate
    /// chunks) and carry another text, so a fold out of order would show the wrong one.
    static func awkwardInbox(records: Int, bom: Bool, tornLastLine: Bool) -> [UInt8] {
        var out: [UInt8] = bom ? [0xEF, 0xBB, 0xBF] : []
        var n = 0
        var firstID: String?
        let bad: [[UInt8]] = [
            Array("not json".utf8),
            Array(#"{"type":"message","id":"cut","at":"2026-11"#.utf8),
            [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D],
            Array(#"{"type":"resolve","id":"no-thread","at":"2026-11-20T10:00:00Z","agent":"olga"}"#.utf8),
            [],
        ]
        SyntheticInbox(seed: 7).forEachLine(records: records) { line in
            n += 1
            out += Array(line.utf8)
            out += n % 11 == 0 ? [0x0D, 0x0A] : [0x0A]
            if n % 13 == 0 { out += bad[(n / 13) % bad.count] + [0x0A] }
            if n % 7 == 0,
               let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
               let id = object["id"] as? String, let thread = object["thread"] as? String {
                firstID = firstID ?? id
                out += Array((Line.message(id, thread: thread, text: "a duplicate: never shown") + "\n").utf8)
            }
        }
        if let firstID { out += Array((Line.message(firstID, thread: "t0", text: "a late duplicate") + "\n").utf8) }
        out += Array(#"{"type":"pin","id":"p1","at":"2026-11-20T10:00:00Z","agent":"olga","text":"Checkout is down"}"#.utf8) + [0x0A]
        if tornLastLine { out += Array(#"{"type":"message","id":"torn","at":"2026-11-20T09:"#.utf8) }
        return out
    }

    /// Everything a reader of the inbox can see, in an order that does not depend on how it was read.
    struct Snapshot {
        /// Line number and reason: the file name differs between the copies compared.
        var problems: [String]
        var statistics: InboxStatistics
        var consumedBytes: Int64
        var pendingBytes: Int64
        var pins: [Pin]
        var threads: [(summary: ThreadSummary, messages: [MessageView], notes: [NoteView])]

        init(_ inbox: Inbox) {
            let now = Timestamp(milliseconds: 1_796_000_000_000)
            problems = inbox.problems.map { "\($0.line): \($0.reason)" }
            statistics = inbox.statistics(at: now)
            consumedBytes = inbox.consumedBytes
            pendingBytes = inbox.pendingBytes
            pins = inbox.pinBoard.pins
            threads = inbox.threads(view: .all, status: nil, at: now).map {
                (inbox.summary(of: $0, at: now), inbox.messages(of: $0), inbox.notes(of: $0))
            }
        }

        /// What differs from `reference`, part by part; the first differing record of each
        /// list is named rather than the whole list printed.
        func differences(from reference: Snapshot) -> [String] {
            var out: [String] = []
            func first<T: Equatable>(_ name: String, _ a: [T], _ b: [T], _ label: (T) -> String) {
                if let i = (0..<min(a.count, b.count)).first(where: { a[$0] != b[$0] }) {
                    out.append("\(name) \(label(b[i])) read as \(a[i])")
                } else if a.count != b.count {
                    out.append("\(a.count) \(name)s, not \(b.count)")
                }
            }
            first("problem", problems, reference.problems) { $0 }
            if statistics != reference.statistics { out.append("statistics differ") }
            if consumedBytes != reference.consumedBytes { out.append("consumed \(consumedBytes) bytes, not \(reference.consumedBytes)") }
            if pendingBytes != reference.pendingBytes { out.append("\(pendingBytes) pending bytes, not \(reference.pendingBytes)") }
            first("pin", pins, reference.pins) { $0.id }
            first("thread", threads.map(\.summary), reference.threads.map(\.summary)) { $0.id }
            first("message", threads.flatMap(\.messages), reference.threads.flatMap(\.messages)) { "\($0.id) (line \($0.line))" }
            first("note", threads.flatMap(\.notes), reference.threads.flatMap(\.notes)) { "of line \($0.line)" }
            return out
        }
    }

    /// The same bytes read three ways: in one chunk, through `follow()` (the sequential
    /// path), and with each chunk size and worker count asked for.
    func expectEveryLoadAgrees(_ raw: [UInt8], chunkSizes: [Int], workers: [Int]) throws {
        let file = TestInbox(raw: raw)
        let whole = try Inbox(path: file.path, plan: LoadPlan(chunkSize: raw.count + 1, workers: 1))
        let reference = Snapshot(whole)
        #expect(reference.problems.count > 0 && reference.statistics.duplicates > 0, "the file has the awkward cases")

        let followed = TestInbox(raw: [])
        let follower = try followed.load()
        followed.appendRaw(raw)
        try follower.follow()
        let viaFollow = Snapshot(follower).differences(from: reference)
        #expect(viaFollow.isEmpty, "read by follow(): \(viaFollow.joined(separator: "; "))")

        // The first configuration that differs says enough; a thousand more would bury it.
        for size in chunkSizes {
            for count in workers {
                let found = Snapshot(try Inbox(path: file.path, plan: LoadPlan(chunkSize: size, workers: count)))
                    .differences(from: reference)
                if !found.isEmpty {
                    Issue.record("chunks of \(size) bytes, \(count) workers: \(found.joined(separator: "; "))")
                    return
                }
            }
        }
    }

    @Test func tinyChunksReadLikeOneThread() throws {
        let raw = Self.awkwardInbox(records: 400, bom: true, tornLastLine: true)
        try expectEveryLoadAgrees(raw, chunkSizes: [1, 64, 100, 1000], workers: [1, 2, 4])
    }

    @Test func withoutABOMOrATornLine() throws {
        let raw = Self.awkwardInbox(records: 300, bom: false, tornLastLine: false)
        try expectEveryLoadAgrees(raw, chunkSizes: [1, 100, 1000], workers: [1, 3])
    }

    /// A bad line, a CRLF line and a duplicate each end a chunk for some chunk size: every
    /// line boundary of the first few hundred bytes becomes a chunk boundary once.
    @Test func everyLineEndAsAChunkBoundary() throws {
        var lines = [UInt8]([0xEF, 0xBB, 0xBF])
        lines += Array((Line.message("m1") + "\r\n").utf8)
        lines += Array("not json\n".utf8)
        lines += Array((Line.message("m1", text: "duplicate") + "\n").utf8)
        lines += Array((Line.message("m2", thread: "t2") + "\n").utf8)
        lines += Array((Line.event("resolve", "r1") + "\r\n").utf8)
        lines += Array("\n".utf8)
        lines += Array((Line.message("m2", thread: "t2", text: "duplicate") + "\n").utf8)
        lines += Array((Line.event("note", "n1", extra: #","text":"called back""#) + "\n").utf8)
        lines += Array(#"{"type":"message","id":"torn"#.utf8)
        try expectEveryLoadAgrees(lines, chunkSizes: Array(1...lines.count), workers: [2])
    }

    /// Many more chunks than ring slots: every slot is handed between threads many times.
    @Test func manyChunksWrapTheRing() throws {
        let raw = Self.awkwardInbox(records: 3000, bom: false, tornLastLine: true)
        let chunks = raw.withUnsafeBytes { ParallelLoad(bytes: $0, plan: LoadPlan(chunkSize: 200, workers: 2)).chunkCount }
        #expect(chunks > 100 * 2 * 3, "the ring of 6 slots wraps over a hundred times")
        try expectEveryLoadAgrees(raw, chunkSizes: [200, 4096], workers: [2, 4])
    }

    @Test func progressReachesTheEndOnce() throws {
        let file = TestInbox(raw: Self.awkwardInbox(records: 200, bom: false, tornLastLine: false))
        var seen: [Double] = []
        _ = try Inbox(path: file.path, plan: LoadPlan(chunkSize: 500, workers: 2)) { seen.append($0) }
        #expect(seen.count > 10)
        #expect(seen == seen.sorted())
        #expect(seen.last == 1.0)
    }
}
