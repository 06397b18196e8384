import InboxFormat
import Foundation

/// How the first read of an inbox is split across cores.
///
/// The defaults suit real files; tests make chunks tiny so that a small file crosses many
/// chunk boundaries and wraps the ring of results many times.
package struct LoadPlan: Sendable {
    /// Bytes per chunk before it is cut at the next line end. At least 1.
    package var chunkSize: Int
    /// Threads scanning chunks. At least 1.
    package var workers: Int

    package static let standardChunkSize = 2 << 20

    package init(chunkSize: Int = LoadPlan.standardChunkSize,
                 workers: Int = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))) {
        precondition(chunkSize >= 1 && workers >= 1, "a load needs chunks of at least a byte and a worker")
        self.chunkSize = chunkSize
        self.workers = workers
    }
}

/// Reads a mapped inbox with every core: worker threads scan chunks of lines while the
/// calling thread applies the finished chunks in file order.
///
/// Scanning (JSON syntax, UTF-8, field types) is most of the work and needs no shared
/// state; the fold must see records in file order, so it stays on one thread. A bounded
/// ring of chunk results keeps memory flat whatever the file's size.
///
/// Ownership, which is what makes this free of data races: each ring slot is plain
/// memory allocated here, never a Swift collection that two threads could mutate. A slot
/// belongs to one worker from `free[slot].wait()` to `ready[slot].signal()`, and to the
/// calling thread from `ready[slot].wait()` to `free[slot].signal()`; the semaphores hand
/// it over and order the memory. Everything else the threads share is read only.
final class ParallelLoad: @unchecked Sendable {
    /// What a worker hands over for one chunk.
    private struct Slot {
        var lines: [ScannedLine] = []
        /// The bytes the chunk's complete lines cover.
        var consumed = 0
    }

    private let bytes: UnsafeRawBufferPointer
    private let bounds: [Int]           // chunk i is bytes[bounds[i] ..< bounds[i + 1]]
    private let plan: LoadPlan
    private let ringSize: Int
    private let slots: UnsafeMutablePointer<Slot>
    private let ready: [DispatchSemaphore]
    private let free: [DispatchSemaphore]
    private let classifiers: ClassifierSet

    /// Splits `bytes` into chunks that end at line ends. The last chunk holds the
    /// bytes after the last `\n` too; scanning leaves them for `follow()`.
    init(bytes: UnsafeRawBufferPointer, plan: LoadPlan, classifiers: ClassifierSet = .none) {
        self.bytes = bytes
        self.plan = plan
        self.classifiers = classifiers
        var bounds = [0]
        var next = min(plan.chunkSize, bytes.count)
        while next < bytes.count {
            guard let nl = memchr(bytes.baseAddress! + next, 0x0A, bytes.count - next) else { break }
            let end = bytes.baseAddress!.distance(to: UnsafeRawPointer(nl)) + 1
            bounds.append(end)
            next = end + min(plan.chunkSize, bytes.count)
        }
        if bounds.last! < bytes.count { bounds.append(bytes.count) }
        self.bounds = bounds
        ringSize = plan.workers * 3
        slots = .allocate(capacity: ringSize)
        slots.initialize(repeating: Slot(), count: ringSize)
        ready = (0..<ringSize).map { _ in DispatchSemaphore(value: 0) }
        free = (0..<ringSize).map { _ in DispatchSemaphore(value: 1) }
    }

    deinit {
        slots.deinitialize(count: ringSize)
        slots.deallocate()
    }

    var chunkCount: Int { bounds.count - 1 }

    /// Runs the load; `apply` gets each chunk's lines in file order, with the chunk's bytes
    /// and its file offset. Returns the bytes consumed (through the last `\n`).
    func run(apply: ([ScannedLine], UnsafeRawBufferPointer, Int64) -> Void) -> Int {
        let count = chunkCount
        guard count > 0 else { return 0 }
        var consumedEnd = 0
        for w in 0..<plan.workers {
            let thread = Thread { [self] in
                var scanner = JSONLineScanner()
                var i = w
                while i < count {
                    let slot = i % ringSize
                    free[slot].wait()
                    // The slot is this worker's until it signals `ready`.
                    var lines: [ScannedLine] = []
                    lines.reserveCapacity(8192)
                    let chunk = UnsafeRawBufferPointer(rebasing: bytes[bounds[i]..<bounds[i + 1]])
                    let consumed = LineScanning.scanLines(chunk, base: Int64(bounds[i]), scanner: &scanner,
                                                          classifiers: classifiers, into: &lines)
                    slots[slot] = Slot(lines: lines, consumed: consumed)
                    ready[slot].signal()
                    i += plan.workers
                }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        for i in 0..<count {
            let slot = i % ringSize
            ready[slot].wait()
            // The slot is the calling thread's until it signals `free`: take the result
            // out and leave an empty one, so no array is shared with the next worker.
            let taken = (slots + slot).move()
            (slots + slot).initialize(to: Slot())
            free[slot].signal()
            apply(taken.lines, UnsafeRawBufferPointer(rebasing: bytes[bounds[i]..<bounds[i + 1]]), Int64(bounds[i]))
            consumedEnd = bounds[i] + taken.consumed
        }
        return consumedEnd
    }
}
