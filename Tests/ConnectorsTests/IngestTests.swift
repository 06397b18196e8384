import Foundation
import Testing
import Connectors
import InboxFormat
import InboxStore
import InboxSynth

/// `Ingest` against the reader: what it appends, every reader takes; what it leaves out is
/// exactly what the reader would count as a re-delivery.
@Suite struct IngestTests {
    /// A folder of its own, removed afterwards.
    final class Folder {
        let path = NSTemporaryDirectory() + "shiftdesk-ingest-" + UUID().uuidString
        init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        var inbox: String { path + "/inbox.jsonl" }
    }

    static func message(_ id: String, text: String = "hello") -> String {
        #"{"type":"message","id":"\#(id)","at":"2026-11-20T17:00:00Z","thread":"t-\#(id)","channel":"email","visibility":"private","direction":"in","author":{"id":"a@example.com"},"text":"\#(text)"}"#
    }

    /// Runs an ingest of `input` into `inbox`; the problems it reported, and its summary.
    static func ingest(_ input: String, into inbox: String, prepare: (() throws -> Void)? = nil) throws -> ([LineProblem], IngestSummary) {
        var ingest = try Ingest(inbox: inbox, durable: false)
        // Whatever happens between the ids' read and the appends (another connector writing).
        try prepare?()
        var ends: [Int32] = [0, 0]
        #expect(Foundation.pipe(&ends) == 0)
        let pipe = ends
        let writer = Thread {
            let bytes = Array(input.utf8)
            var done = 0
            while done < bytes.count {
                let n = bytes[done...].withUnsafeBytes { write(pipe[1], $0.baseAddress, min($0.count, 4096)) }
                if n <= 0 { break }
                done += n
            }
            close(pipe[1])
        }
        writer.start()
        var problems: [LineProblem] = []
        let summary = try ingest.run(input: pipe[0]) { problems.append($0) }
        close(pipe[0])
        return (problems, summary)
    }

    @Test func anIdOnAMalformedLineBelongsToNoRecord() throws {
        let folder = try Folder()
        // The first line is cut short: the reader skips it, and its id with it.
        let torn = String(Self.message("m1").dropLast(3))
        try (torn + "\n" + Self.message("m2") + "\n").write(toFile: folder.inbox, atomically: true, encoding: .utf8)
        let (_, summary) = try Self.ingest(Self.message("m1") + "\n" + Self.message("m2") + "\n", into: folder.inbox)
        #expect(summary == IngestSummary(appended: 1, alreadyPresent: 1, rejected: 0))
        let inbox = try Inbox(path: folder.inbox)
        #expect(inbox.thread(id: "t-m1") != nil && inbox.statistics(at: Timestamp(milliseconds: 0)).duplicates == 0)
    }

    @Test func anIdWrittenWithEscapesIsTheSameId() throws {
        let folder = try Folder()
        try (Self.message(#"m\u0031"#) + "\n").write(toFile: folder.inbox, atomically: true, encoding: .utf8)
        let (_, summary) = try Self.ingest(Self.message("m1") + "\n", into: folder.inbox)
        #expect(summary.alreadyPresent == 1 && summary.appended == 0, "the reader reads both as m1")
    }

    @Test func whatOthersAppendedAfterTheIdsWereReadIsSeenUnderTheLock() throws {
        let folder = try Folder()
        try (Self.message("m0") + "\n").write(toFile: folder.inbox, atomically: true, encoding: .utf8)
        let (_, summary) = try Self.ingest(Self.message("m1") + "\n" + Self.message("m2") + "\n", into: folder.inbox) {
            // Another connector delivers m1 first; and a writer died mid-line.
            try InboxAppender(path: folder.inbox, durable: false).append(line: Self.message("m1"))
            let handle = try #require(FileHandle(forWritingAtPath: folder.inbox))
            handle.seekToEndOfFile()
            handle.write(Data(#"{"type":"mess"#.utf8))
            try handle.close()
        }
        #expect(summary == IngestSummary(appended: 1, alreadyPresent: 1, rejected: 0))
        let inbox = try Inbox(path: folder.inbox)
        #expect(inbox.statistics(at: Timestamp(milliseconds: 0)).duplicates == 0, "m1 is in the file once")
        #expect(inbox.problems.count == 1, "the fragment stays one bad line; m2 is whole after it")
        #expect(inbox.thread(id: "t-m2") != nil)
    }

    @Test func twoIngestsOfTheSameRecordsAppendEachOnce() throws {
        let folder = try Folder()
        let input = (0..<50).map { Self.message("twice-\($0)") }.joined(separator: "\n") + "\n"
        try Data(input.utf8).write(to: URL(fileURLWithPath: folder.path + "/in"))
        // Both read the ids before either appends: only the lock's look at the file keeps them apart.
        var first = try Ingest(inbox: folder.inbox, durable: false)
        var second = try Ingest(inbox: folder.inbox, durable: false)
        for ingest in [0, 1] {
            let fd = open(folder.path + "/in", O_RDONLY)
            defer { close(fd) }
            if ingest == 0 { try first.run(input: fd) { _ in } } else { try second.run(input: fd) { _ in } }
        }
        #expect(first.summary == IngestSummary(appended: 50))
        #expect(second.summary == IngestSummary(alreadyPresent: 50))
        let inbox = try Inbox(path: folder.inbox)
        #expect(inbox.statistics(at: Timestamp(milliseconds: 0)).records == 50)
    }

    /// Records mutated at random, fed in pieces of every size: every line the ingest
    /// appends is one the reader takes, and every line it rejects is one the reader would
    /// refuse, with the same reason.
    @Test func whatItAppendsTheReaderTakesAndWhatItRejectsTheReaderRefuses() throws {
        let folder = try Folder()
        var rng = SplitMix64(seed: 21)
        var seeds: [String] = []
        SyntheticInbox(seed: 9).forEachLine(records: 300) { seeds.append($0) }
        let alphabet = Array(#"{}[]",:\ 0123456789-tlnu"#.utf8) + [0x00, 0x7F, 0xC3, 0xA9, 0xFF, 0xE2, 0x80, 0x8F]
        var input: [UInt8] = []
        for (n, seed) in seeds.enumerated() {
            var bytes = Array(seed.utf8)
            if n % 3 == 0 {
                let at = rng.next(below: bytes.count)
                bytes[at] = alphabet[rng.next(below: alphabet.count)]
            }
            input += bytes.filter { $0 != 0x0A } + [0x0A]
        }
        // Through a file: invalid UTF-8 cannot travel in a String.
        try Data(input).write(to: URL(fileURLWithPath: folder.path + "/in"))
        let fd = open(folder.path + "/in", O_RDONLY)
        defer { close(fd) }
        var ingest = try Ingest(inbox: folder.inbox, durable: false)
        var problems: [LineProblem] = []
        let summary = try ingest.run(input: fd) { problems.append($0) }
        try compare(summary, problems, input: input, folder: folder)
    }

    private func compare(_ summary: IngestSummary, _ problems: [LineProblem], input: [UInt8], folder: Folder) throws {
        // The reader's own verdict on the same lines, as a file.
        let direct = folder.path + "/direct.jsonl"
        try Data(input).write(to: URL(fileURLWithPath: direct))
        let reference = try Inbox(path: direct)
        let ingested = try Inbox(path: folder.inbox)
        #expect(ingested.problems.isEmpty, "every appended line reads clean")
        #expect(problems.map { "\($0.line): \($0.reason)" } == reference.problems.map { "\($0.line): \($0.reason)" })
        #expect(summary.rejected == reference.problems.count && summary.rejected > 20)
        #expect(summary.appended + summary.alreadyPresent + summary.rejected == input.filter { $0 == 0x0A }.count)
        let zero = Timestamp(milliseconds: 0)
        #expect(ingested.statistics(at: zero).records == reference.statistics(at: zero).records)
        #expect(ingested.statistics(at: zero).duplicates == 0)
    }
}
