import InboxFormat
import Foundation

/// What scanning made of one line: a record to apply, or the reason it is not one.
struct ScannedLine {
    /// Offset of the line's first byte (after a byte-order mark) and its length, without `\n`.
    var offset: Int64
    var length: Int32
    /// Meaningful only when `problem` is nil.
    var record: DecodedRecord
    /// The classifiers' bits, for a message.
    var tags: UInt32 = 0
    var problem: String?
}

/// Cuts bytes of the inbox into lines and scans each complete one.
///
/// Only complete lines are taken: bytes after the last `\n` are a write in progress, and
/// the caller offers them again, with what follows, on the next read. Scanning needs no
/// state, so separate chunks of a file can be scanned on separate cores; applying the
/// results (`LineFeeder.apply`) must then happen in file order.
enum LineScanning {
    /// Scans every complete line of `chunk`, which starts at file offset `base`, appending
    /// to `out`. Returns the number of bytes consumed (up to and including the last `\n`).
    static func scanLines(_ chunk: UnsafeRawBufferPointer, base: Int64, scanner: inout JSONLineScanner,
                          classifiers: ClassifierSet, into out: inout [ScannedLine]) -> Int {
        guard let start = chunk.baseAddress, chunk.count > 0 else { return 0 }
        var pos = 0
        let end = chunk.count
        while pos < end {
            guard let nl = memchr(start + pos, 0x0A, end - pos) else { break }
            let lineEnd = start.distance(to: UnsafeRawPointer(nl))
            var lineStart = pos
            // A UTF-8 byte-order mark is allowed at the start of the file, and only there.
            if base + Int64(pos) == 0, lineEnd >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF {
                lineStart = 3
            }
            let line = UnsafeRawBufferPointer(rebasing: chunk[lineStart..<lineEnd])
            do throws(ScanFailure) {
                let fields = try scanner.scan(line)
                var record = try RecordDecoder.decode(fields, line: line)
                // Hashed here, on the scanning core, so the in-order fold only looks it up.
                record.idTag = InboxState.withContent(fields.id, line) { ByteInterner.hash($0) }
                let tags = record.type == .message && !classifiers.isEmpty
                    ? classifiers.tags(direction: record.direction, visibility: record.visibility, fields: fields, line: line) : 0
                out.append(ScannedLine(offset: base + Int64(lineStart), length: Int32(clamping: line.count), record: record, tags: tags))
            } catch {
                out.append(ScannedLine(offset: base + Int64(lineStart), length: Int32(clamping: line.count),
                                       record: .invalid, problem: error.reason))
            }
            pos = lineEnd + 1
        }
        return pos
    }
}

/// Applies scanned lines to the state in file order, numbering lines, collecting problems
/// and feeding each new record to the projections.
struct LineFeeder {
    /// Lines consumed so far: the number of the next line is `lineCount + 1`.
    var lineCount = 0
    /// Run on every message during the scan.
    var classifiers = ClassifierSet.none
    /// Run on each new customer message once the first read is done (before it, the
    /// inbox runs them on the waiting messages only).
    var waitingClassifiers = ClassifierSet.none
    /// Fed every new record after the fold, in file order (while the inbox first loads,
    /// only the kinds each asks for then).
    var projections: [any InboxProjection] = [] {
        didSet { typesWhileLoading = projections.map(\.typesWhileLoading) }
    }
    /// Each projection's kinds of record while the inbox first loads.
    private var typesWhileLoading: [RecordTypes] = []
    /// True until the first read is done.
    var loading = true
    /// Records whose `at` is after this are read and checked but not applied: the inbox as
    /// it stood then.
    var asOf: Timestamp?

    /// Applies `lines`, whose bytes are in `chunk` starting at file offset `base`.
    mutating func apply(_ lines: [ScannedLine], chunk: UnsafeRawBufferPointer, base: Int64, file: String,
                        state: inout InboxState, problems: inout [LineProblem]) {
        lines.withUnsafeBufferPointer { all in
            for i in all.indices {
                lineCount += 1
                state.counts.lines += 1
                // Touch the id slot of a record a few lines ahead, so its cache miss overlaps this work.
                if i + 8 < all.count { state.recordIDs.prefetch(tag: all[i + 8].record.idTag) }
                if let problem = all[i].problem {
                    problems.append(LineProblem(file: file, line: lineCount, reason: problem))
                    continue
                }
                if let asOf, all[i].record.at > asOf {
                    state.counts.afterAsOf += 1
                    continue
                }
                let from = Int(all[i].offset - base)
                let line = UnsafeRawBufferPointer(rebasing: chunk[from..<(from + Int(all[i].length))])
                let location = LineLocation(offset: all[i].offset, length: all[i].length, number: Int32(clamping: lineCount))
                guard let applied = state.apply(all[i].record, tags: all[i].tags, line: line, location: location) else { continue }
                let r = all[i].record
                if !waitingClassifiers.isEmpty, applied.message >= 0, r.direction == .inbound {
                    // A new customer message is one a customer waits on: read it now, once.
                    let visibility = state.threads[Int(applied.thread)].visibility
                    state.waitingTags[Int(applied.message)] = waitingClassifiers.tags(
                        direction: r.direction, visibility: visibility, fields: r.fields, line: line) | WaitingTags.known
                }
                guard !projections.isEmpty else { continue }
                let context = RecordContext(
                    type: r.type, at: r.at, location: location, record: RecordRef(index: applied.record),
                    thread: applied.thread >= 0 ? ThreadRef(index: applied.thread) : nil,
                    message: applied.message >= 0 ? MessageRef(index: applied.message) : nil,
                    referenced: applied.referenced >= 0 ? RecordRef(index: applied.referenced) : nil,
                    referencedMessage: applied.referencedMessage >= 0 ? MessageRef(index: applied.referencedMessage) : nil,
                    tags: all[i].tags, direction: r.direction, visibility: r.visibility, deliveryState: r.deliveryState,
                    until: r.until, fields: r.fields, line: line)
                for k in projections.indices where !loading || typesWhileLoading[k].includes(r.type) {
                    projections[k].apply(context)
                }
            }
        }
    }

    /// Scans and applies `chunk` on this thread; returns the bytes consumed.
    mutating func feed(_ chunk: UnsafeRawBufferPointer, base: Int64, file: String,
                       state: inout InboxState, problems: inout [LineProblem]) -> Int {
        var scanner = JSONLineScanner()
        var lines: [ScannedLine] = []
        let used = LineScanning.scanLines(chunk, base: base, scanner: &scanner, classifiers: classifiers, into: &lines)
        apply(lines, chunk: chunk, base: base, file: file, state: &state, problems: &problems)
        return used
    }
}
