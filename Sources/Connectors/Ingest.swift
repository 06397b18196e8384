import Foundation
import InboxFormat
import InboxStore

/// What an ingest did with the lines it read.
public struct IngestSummary: Sendable, Equatable, CustomStringConvertible {
    /// Records appended to the inbox.
    public var appended = 0
    /// Valid records whose id was in the inbox already (or earlier in the same input):
    /// re-deliveries, which connectors make as a matter of course.
    public var alreadyPresent = 0
    /// Lines that are not valid records.
    public var rejected = 0

    public init(appended: Int = 0, alreadyPresent: Int = 0, rejected: Int = 0) {
        self.appended = appended
        self.alreadyPresent = alreadyPresent
        self.rejected = rejected
    }

    /// `appended N, already present M, rejected K`.
    public var description: String { "appended \(appended), already present \(alreadyPresent), rejected \(rejected)" }
}

/// Takes records from a stream of JSON lines (a connector's output, a webhook handler, an
/// export) into an inbox.
///
/// Each line is checked as the reader checks a line of the inbox (``RecordLineCheck``), so
/// nothing is appended that a reader would refuse. The valid ones are appended as they
/// come, a batch for each read of the input, under the writers' lock; just before, still
/// under the lock, the ids appended by others since are read, and a record whose id is
/// there already is left out. Only the ids of the inbox are held, never its records.
public struct Ingest: ~Copyable {
    private let store: any RecordStore
    private var check = RecordLineCheck()
    /// The name bad lines are reported under (`stdin:LINE: reason`).
    private let source: String
    /// What it did so far: after an error too, what was appended before it.
    public private(set) var summary = IngestSummary()

    /// Reads the ids of the inbox at `path` (created on the first append when missing).
    /// `durable: false` skips the `fsync` after each batch: for tests and benchmarks.
    public init(inbox path: String, source: String = "stdin", durable: Bool = true) throws(InboxError) {
        let store = FileRecordStore(path: path, durable: durable)
        // Read now: a file that cannot be read is said before any input is.
        try store.readIDs()
        self.init(store: store, source: source)
    }

    /// Into any store: a database store leaves out the ids it holds itself.
    public init(store: any RecordStore, source: String = "stdin") {
        self.store = store
        self.source = source
    }

    /// Reads `input` to its end, appending every valid record that is not in the inbox yet
    /// and reporting every invalid line to `reject`, with its line number in the input.
    @discardableResult
    public mutating func run(input: Int32, reject: (LineProblem) -> Void) throws(InboxError) -> IngestSummary {
        var pending: [UInt8] = []
        var lineNumber = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var atStart = true
        while true {
            let got = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw InboxError.system("read the records", source)
            }
            if got == 0 { break }
            pending.append(contentsOf: buffer[0..<got])
            if atStart {
                // A byte-order mark is allowed at the start of the input, as of a file.
                if pending.count < 3 && [0xEF, 0xBB, 0xBF].starts(with: pending) { continue }
                if pending.starts(with: [0xEF, 0xBB, 0xBF]) { pending.removeFirst(3) }
                atStart = false
            }
            // Only the bytes just read can hold a newline the last look did not see.
            guard let lastNewline = pending[max(0, pending.count - got)...].lastIndex(of: 0x0A) else { continue }
            let batch = take(pending[...lastNewline], lineNumber: &lineNumber, reject: reject)
            pending.removeFirst(lastNewline + 1)
            try append(batch)
        }
        // The last line needs no newline: the input has ended.
        if !pending.isEmpty {
            let batch = take(pending[...], lineNumber: &lineNumber, reject: reject)
            try append(batch)
        }
        return summary
    }

    /// Appends `records` (JSON lines a connector made) as one batch, checked and left out
    /// when present as ``run(input:reject:)`` does; `reject` hears of a line that is not a
    /// valid record, numbered within the batch.
    public mutating func ingest(_ records: [String], reject: (LineProblem) -> Void) throws(InboxError) {
        guard !records.isEmpty else { return }
        var number = 0
        let bytes = Array(records.joined(separator: "\n").utf8)[...]
        try append(take(bytes, lineNumber: &number, reject: reject))
    }

    /// The valid records among `bytes` (whole lines, the last `\n` optional), with their ids.
    private mutating func take(_ bytes: ArraySlice<UInt8>, lineNumber: inout Int,
                               reject: (LineProblem) -> Void) -> [(line: String, id: String)] {
        var records: [(line: String, id: String)] = []
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.endIndex
            lineNumber += 1
            var line = bytes[start..<end]
            // A line ended the Windows way: the `\r` is the line's end, not part of the record.
            if line.last == 0x0D { line = line.dropLast() }
            let verdict = line.withUnsafeBytes { check.check($0) }
            switch verdict {
            case .success(let id): records.append((String(decoding: line, as: UTF8.self), id))
            case .failure(let failure):
                summary.rejected += 1
                reject(LineProblem(file: source, line: lineNumber, reason: failure.reason))
            }
            start = end == bytes.endIndex ? end : end + 1
        }
        return records
    }

    /// Appends the records of `batch` that the inbox does not hold yet, deciding under the
    /// lock, after reading what others appended.
    private mutating func append(_ batch: [(line: String, id: String)]) throws(InboxError) {
        guard !batch.isEmpty else { return }
        let outcome = try store.appendNew(lines: batch)
        summary.appended += outcome.appended
        summary.alreadyPresent += outcome.alreadyPresent
    }
}
