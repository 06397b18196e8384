import Foundation
import InboxFormat

/// Copies an inbox from one store into another: a file into PostgreSQL, and back.
///
/// Every line is checked as the reader checks it; a malformed one is reported (`FILE:LINE:
/// reason`) and not copied. The target leaves out the ids it holds already, so a copy run
/// twice, or stopped and run again, writes nothing twice. Records keep their order, and
/// their bytes: a byte-order mark and a `\r` before the `\n` are the file's, not the
/// record's, so a round trip gives lines ended by `\n`.
public enum StoreCopy {
    /// What a copy did.
    public struct Summary: Sendable, Equatable, CustomStringConvertible {
        public var copied = 0
        public var alreadyPresent = 0
        public var malformed = 0

        public var description: String {
            "copied \(copied), already there \(alreadyPresent), malformed and left out \(malformed)"
        }
    }

    /// Copies every record of `source` into `target`, `batch` records per append;
    /// `progress` hears the fraction done now and then.
    public static func copy(from source: any RecordStore, to target: any RecordStore, batch: Int = 5000,
                            reject: (LineProblem) -> Void, progress: (Double) -> Void = { _ in }) throws(InboxError) -> Summary {
        try source.catchUp()
        let path = source.readablePath
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InboxError.system("open the inbox", source.name) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw InboxError.system("read the inbox", source.name) }
        let size = Int(info.st_size)
        var summary = Summary()
        guard size > 0 else { progress(1); return summary }
        guard let map = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), map != MAP_FAILED else {
            throw InboxError.system("map the inbox into memory", source.name)
        }
        defer { munmap(map, size) }
        madvise(map, size, MADV_SEQUENTIAL)
        let bytes = UnsafeRawBufferPointer(start: map, count: size)
        var check = RecordLineCheck()
        var pending: [(line: String, id: String)] = []
        pending.reserveCapacity(batch)
        func flush() throws(InboxError) {
            guard !pending.isEmpty else { return }
            let outcome = try target.appendNew(lines: pending)
            summary.copied += outcome.appended
            summary.alreadyPresent += outcome.alreadyPresent
            pending.removeAll(keepingCapacity: true)
        }
        var start = 0
        var number = 0
        var lastShown = -1
        while start < size {
            guard let newline = memchr(map + start, 0x0A, size - start) else {
                // No `\n` yet: a write in progress, which the reader does not take either.
                reject(LineProblem(file: source.name, line: number + 1, reason: "the last line has no newline yet (a write in progress): not copied"))
                summary.malformed += 1
                break
            }
            let end = map.distance(to: newline)
            number += 1
            var from = start, to = end
            if start == 0, to - from >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { from += 3 }
            if to > from, bytes[to - 1] == 0x0D { to -= 1 }
            let line = UnsafeRawBufferPointer(rebasing: bytes[from..<to])
            switch check.check(line) {
            case .success(let id): pending.append((String(decoding: line, as: UTF8.self), id))
            case .failure(let failure):
                summary.malformed += 1
                reject(LineProblem(file: source.name, line: number, reason: failure.reason))
            }
            if pending.count >= batch { try flush() }
            start = end + 1
            let percent = start * 100 / size
            if percent != lastShown { lastShown = percent; progress(Double(start) / Double(size)) }
        }
        try flush()
        progress(1)
        return summary
    }
}
