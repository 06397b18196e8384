import InboxFormat
import Foundation

/// Reads a mapped inbox with every core: worker threads scan chunks of lines while the
/// calling thread applies the finished chunks in file order.
///
/// Scanning (JSON syntax, UTF-8, field types) is most of the work and needs no shared
/// state; the fold must see records in file order, so it stays on one thread. A bounded
/// ring of chunk results keeps memory flat whatever the file's size.
final class ParallelLoad: @unchecked Sendable {
    private let bytes: UnsafeRawBufferPointer
    private let bounds: [Int]           // chunk i is bytes[bounds[i] ..< bounds[i + 1]]
    private let ringSize: Int
    private var results: [[ScannedLine]]
    private let ready: [DispatchSemaphore]
    private let free: [DispatchSemaphore]
    private let workers: Int
    private let classifiers: ClassifierSet
    /// Per chunk, the bytes its complete lines cover; written by the chunk's worker before `ready`.
    private let consumed: UnsafeMutablePointer<Int>

    /// Splits `bytes` into chunks that end at line ends. The last chunk holds the
    /// bytes after the last `\n` too; scanning leaves them for `follow()`.
    init(bytes: UnsafeRawBufferPointer, chunkSize: Int = 2 << 20, workers: Int, classifiers: ClassifierSet = .none) {
        self.bytes = bytes
        self.classifiers = classifiers
        var bounds = [0]
        var next = chunkSize
        while next < bytes.count {
            guard let nl = memchr(bytes.baseAddress! + next, 0x0A, bytes.count - next) else { break }
            let end = bytes.baseAddress!.distance(to: UnsafeRawPointer(nl)) + 1
            bounds.append(end)
            next = end + chunkSize
        }
        if bounds.last! < bytes.count { bounds.append(bytes.count) }
        self.bounds = bounds
        self.workers = workers
        ringSize = workers * 3
        results = Array(repeating: [], count: ringSize)
        ready = (0..<ringSize).map { _ in DispatchSemaphore(value: 0) }
        free = (0..<ringSize).map { _ in DispatchSemaphore(value: 1) }
        consumed = .allocate(capacity: max(1, bounds.count - 1))
    }

    deinit { consumed.deallocate() }

    var chunkCount: Int { bounds.count - 1 }

    /// Runs the load; `apply` gets each chunk's lines in file order, with the chunk's bytes
    /// and its file offset. Returns the bytes consumed (through the last `\n`).
    func run(apply: ([ScannedLine], UnsafeRawBufferPointer, Int64) -> Void) -> Int {
        let count = chunkCount
        guard count > 0 else { return 0 }
        var consumedEnd = 0
        for w in 0..<workers {
            let thread = Thread { [self] in
                var scanner = JSONLineScanner()
                var i = w
                while i < count {
                    let slot = i % ringSize
                    free[slot].wait()
                    var lines: [ScannedLine] = []
                    lines.reserveCapacity(8192)
                    let chunk = UnsafeRawBufferPointer(rebasing: bytes[bounds[i]..<bounds[i + 1]])
                    consumed[i] = LineScanning.scanLines(chunk, base: Int64(bounds[i]), scanner: &scanner,
                                                               classifiers: classifiers, into: &lines)
                    results[slot] = lines
                    ready[slot].signal()
                    i += workers
                }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        for i in 0..<count {
            let slot = i % ringSize
            ready[slot].wait()
            let lines = results[slot]
            results[slot] = []
            free[slot].signal()
            apply(lines, UnsafeRawBufferPointer(rebasing: bytes[bounds[i]..<bounds[i + 1]]), Int64(bounds[i]))
            consumedEnd = bounds[i] + consumed[i]
        }
        return consumedEnd
    }
}
