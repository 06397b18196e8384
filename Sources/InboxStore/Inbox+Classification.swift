import Dispatch
import Foundation
import CSupport
import InboxFormat

/// Where one classifier given at opening lives: in the scan's set or in the waiting set.
struct ClassifierSlot {
    var waiting: Bool
    var index: Int
}

/// The mark in a waiting tag word that says its classifiers ran on the message.
enum WaitingTags {
    static let known: UInt32 = 1 << 31
}

extension Inbox {
    /// The value classifier number `index` (in the order given at opening) keeps for
    /// `message`. A classifier of ``ClassifierScope/waitingCustomerMessages`` that has not
    /// read the message yet reads it now, from the file, once.
    public func classification(_ index: Int, of message: MessageRef) -> UInt32 {
        let slot = classifierSlots[index]
        let m = Int(message.index)
        guard slot.waiting else {
            return classifiers.value(slot.index, in: m < state.messageTags.count ? state.messageTags[m] : 0)
        }
        var tags = state.waitingTags[m]
        if tags & WaitingTags.known == 0 {
            let row = state.messages[m]
            let visibility = state.threads[Int(row.thread)].visibility
            tags = rescan(row.line) { fields, line in
                waitingClassifiers.tags(direction: row.direction, visibility: visibility, fields: fields, line: line)
            } ?? 0
            tags |= WaitingTags.known
            state.waitingTags[m] = tags
        }
        return waitingClassifiers.value(slot.index, in: tags)
    }

    /// Calls `body` with each message that classifier `index` (of
    /// ``ClassifierScope/waitingCustomerMessages``) has read so far, in file order: its
    /// thread and the value. Right after the load, these are the open customer messages of
    /// every thread where a customer waits, so a projection can take in their values at once.
    /// For a classifier of every message, it calls nothing: ask ``classification(_:of:)``.
    public func forEachWaitingClassification(_ index: Int, _ body: (ThreadRef, MessageRef, UInt32) -> Void) {
        let slot = classifierSlots[index]
        guard slot.waiting else { return }
        // Local copies (no bytes copied): the loop reads plain arrays, with no access check
        // on the inbox's state at each message, and `body` may classify meanwhile.
        let tags = state.waitingTags, messages = state.messages, set = waitingClassifiers
        tags.withUnsafeBufferPointer { tags in
            messages.withUnsafeBufferPointer { rows in
                for m in tags.indices where tags[m] & WaitingTags.known != 0 {
                    body(ThreadRef(index: rows[m].thread), MessageRef(index: Int32(m)), set.value(slot.index, in: tags[m]))
                }
            }
        }
    }

    /// Runs the waiting classifiers over the open customer messages of every thread where
    /// a customer waits, on `workers` cores, reading the texts from the mapped file.
    ///
    /// A message qualifies when it is the customer's, its thread has a customer waiting,
    /// and it came after the company last spoke there. Messages are numbered in file order,
    /// so that is one comparison with the thread's last company message. The workers take
    /// interleaved runs of messages, reading rows nobody writes meanwhile and each writing
    /// only its own messages' tag words.
    func classifyWaitingMessages(in bytes: UnsafeRawBufferPointer, workers: Int) {
        let messages = state.messages
        let threadCount = state.threads.count
        // Per thread, the last company message before the open ones (Int32.max where no
        // customer waits): four bytes a thread stay in the cache as the messages go by,
        // where the thread rows would miss it at every message.
        let openAfter = state.threads.map { $0.pendingSince != ThreadRow.none ? $0.lastOutbound : Int32.max }
        let visibility = state.threads.map(\.visibility)
        let set = waitingClassifiers
        let run = 8192
        let runs = (messages.count + run - 1) / run
        let workers = max(1, min(workers, runs))
        // Each worker gathers its threads' value sets apart, so that no two write one word.
        let summarised = set.summarisable
        let region = threadCount * summarised.count
        let gathered = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: max(1, region * workers))
        gathered.initialize(repeating: 0)
        defer { gathered.deallocate() }
        state.waitingTags.withUnsafeMutableBufferPointer { tags in
            let job = WaitingJob(bytes: bytes, tags: tags, sets: gathered, summarised: summarised, threadCount: threadCount)
            let body: @Sendable (Int) -> Void = { worker in
                let sets = worker * region
                var r = worker
                while r < runs {
                    // One message behind the walk: the next one's text is asked for from
                    // memory before this one is read, so its cache misses overlap the work.
                    var pending = -1
                    for m in (r * run)..<min(messages.count, (r + 1) * run) {
                        let row = messages[m]
                        guard row.direction == .inbound, Int32(m) > openAfter[Int(row.thread)] else { continue }
                        job.prefetchText(of: row)
                        if pending >= 0 { job.classify(pending, messages[pending], visibility: visibility, with: set, sets: sets) }
                        pending = m
                    }
                    if pending >= 0 { job.classify(pending, messages[pending], visibility: visibility, with: set, sets: sets) }
                    r += workers
                }
            }
            if workers > 1 {
                DispatchQueue.concurrentPerform(iterations: workers, execute: body)
            } else {
                body(0)
            }
        }
        loadedValueSets = [:]
        for (k, classifier) in summarised.enumerated() {
            var merged = [UInt32](repeating: 0, count: threadCount)
            for worker in 0..<workers {
                let from = worker * region + k * threadCount
                for t in 0..<threadCount { merged[t] |= gathered[from + t] }
            }
            loadedValueSets[classifier] = merged
        }
    }

    /// What the pass after the load found for classifier number `index` (in the order given
    /// at opening; of ``ClassifierScope/waitingCustomerMessages``, at most five bits wide),
    /// handed over once: per thread ordinal, the values it gave the open customer messages
    /// of the thread, a bit each (bit v set: some message has value v; 0 where it read
    /// none). So a projection takes in the load's verdicts thread by thread, without a
    /// walk over the messages. Empty when asked again, and for any other classifier.
    public func takeLoadedValueSets(_ index: Int) -> [UInt32] {
        let slot = classifierSlots[index]
        guard slot.waiting else { return [] }
        return loadedValueSets.removeValue(forKey: slot.index) ?? []
    }
}

/// What the workers of ``Inbox/classifyWaitingMessages(in:workers:)`` share: the mapped
/// file, read only, and the tag words, each written by one worker only.
private struct WaitingJob: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    let tags: UnsafeMutableBufferPointer<UInt32>
    /// Each worker's value sets, a region each (see ``ClassifierSet/summarisable``).
    let sets: UnsafeMutableBufferPointer<UInt32>
    let summarised: [Int]
    let threadCount: Int

    /// Classifies message `m`, keeps its bits, marked as known, and adds its values to its
    /// thread's sets in the worker's region, which starts at `region`.
    @inline(__always)
    func classify(_ m: Int, _ row: MessageRow, visibility: [Visibility], with set: ClassifierSet, sets region: Int) {
        let bits = classify(row, visibility: visibility[Int(row.thread)], with: set)
        tags[m] = bits | WaitingTags.known
        for (k, classifier) in summarised.enumerated() {
            sets[region + k * threadCount + Int(row.thread)] |= 1 << set.value(classifier, in: bits)
        }
    }

    /// Asks for the first bytes of the message's text (up to four cache lines, where most
    /// texts end) to be loaded. The open messages lie far apart in the file, so each text
    /// is a cache miss that the hardware does not see coming: a fifth of the pass, before.
    @inline(__always)
    func prefetchText(of row: MessageRow) {
        guard let base = bytes.baseAddress else { return }
        let start = Int(row.line.offset) + Int(row.textStart)
        let end = min(Int(row.line.offset) + Int(row.line.length), start + 256)
        var line = start & ~63
        while line < end {
            csupport_prefetch_read(base + line)
            line += 64
        }
    }

    /// The set's bits for one message, its text found from the row's note of where it starts.
    func classify(_ row: MessageRow, visibility: Visibility, with set: ClassifierSet) -> UInt32 {
        let start = Int(row.line.offset)
        let line = UnsafeRawBufferPointer(rebasing: bytes[start..<(start + Int(row.line.length))])
        let tail = Int(row.textTail & ~TextPlace.escaped)
        let end = tail != Int(TextPlace.unknownTail) ? line.count - tail : Self.stringEnd(in: line, from: Int(row.textStart))
        guard row.textStart > 0, let end, end >= Int(row.textStart), end <= line.count else {
            // The text starts too far in for the row to say: the line is scanned again.
            var scanner = JSONLineScanner()
            guard let fields = try? scanner.scan(line) else { return 0 }
            return set.tags(direction: row.direction, visibility: visibility, fields: fields, line: line)
        }
        let text = FieldValue(kind: .string, start: Int(row.textStart), end: end, escaped: row.textTail & TextPlace.escaped != 0)
        return set.tags(ClassifiedMessage(direction: row.direction, visibility: visibility, text: text, line: line))
    }

    /// Where the JSON string whose content starts at `from` ends (its closing quote): the
    /// first quote that no backslash escapes. The line was checked at load, so it has one.
    static func stringEnd(in line: UnsafeRawBufferPointer, from: Int) -> Int? {
        guard let base = line.baseAddress else { return nil }
        var i = from
        while i < line.count, let quote = memchr(base + i, 0x22, line.count - i) {
            let q = base.distance(to: UnsafeRawPointer(quote))
            // Escaped when an odd number of backslashes stands before it.
            var backslashes = 0
            while q - backslashes - 1 >= from && line[q - backslashes - 1] == 0x5C { backslashes += 1 }
            if backslashes % 2 == 0 { return q }
            i = q + 1
        }
        return nil
    }
}
