import Foundation
import InboxFormat

/// The ids of an inbox's records and nothing else: what a connector needs to tell a
/// re-delivered record from a new one, without loading the inbox.
///
/// An id counts when its line is a valid record, as the reader counts it: the id on a
/// malformed line belongs to no record. The first read uses every core, as a load does;
/// ``catchUp(from:size:)`` then reads what others appended since.
public struct RecordIDSet {
    private var ids = ByteInterner(capacity: 1024)
    /// The bytes read so far: through the last complete line.
    public private(set) var offset: Int64 = 0

    /// How many ids it holds.
    public var count: Int { ids.count }

    /// Reads the ids of the inbox at `path`; a file that does not exist yet has none.
    public init(path: String) throws(InboxError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let code = errno
            if code == ENOENT { return }
            throw InboxError.system("open the inbox", path, code)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw InboxError.system("read the inbox", path) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw InboxError("\(path): is a directory, not an inbox file") }
        let size = Int(info.st_size)
        guard size > 0 else { return }
        guard let map = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), map != MAP_FAILED else {
            throw InboxError.system("map the inbox into memory", path)
        }
        defer { munmap(map, size) }
        madvise(map, size, MADV_SEQUENTIAL)
        ids = ByteInterner(capacity: size / 400)
        let load = ParallelLoad(bytes: UnsafeRawBufferPointer(start: map, count: size), plan: LoadPlan())
        // The pages of the chunks taken are let go as the read goes on (they stay in the
        // page cache): the process holds the ids, not the inbox. Chunks are taken in file
        // order and the workers only scan ahead, so nothing behind is read again.
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        var released = 0
        offset = Int64(load.run { lines, chunk, base in
            take(lines, chunk: chunk, base: base)
            let done = (Int(base) + chunk.count) / page * page
            if done > released {
                madvise(map + released, done - released, MADV_DONTNEED)
                released = done
            }
        })
    }

    /// Whether a record with `id` is in the inbox (as far as it was read) or was inserted.
    public func contains(_ id: String) -> Bool { ids.lookup(id) != nil }

    /// Adds `id`; false when it was there already.
    @discardableResult
    public mutating func insert(_ id: String) -> Bool {
        var id = id
        return id.withUTF8 { ids.intern(UnsafeRawBufferPointer($0)).inserted }
    }

    /// Reads the ids of the lines appended after ``offset``, up to `size`, from the open
    /// inbox `fd`: called under the writers' lock, when nobody can add to it meanwhile.
    /// Bytes after the last `\n` (a write in progress) are left for the next call.
    public mutating func catchUp(from fd: Int32, size: Int64, path: String) throws(InboxError) {
        guard size > offset else { return }
        let count = Int(size - offset)
        var buffer = [UInt8](repeating: 0, count: count)
        let got = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(offset)) }
        guard got >= 0 else { throw InboxError.system("read the inbox", path) }
        let base = offset
        let used = buffer.withUnsafeBytes { raw in
            let chunk = UnsafeRawBufferPointer(rebasing: raw[0..<got])
            var scanner = JSONLineScanner()
            var lines: [ScannedLine] = []
            let used = LineScanning.scanLines(chunk, base: base, scanner: &scanner, classifiers: .none, into: &lines)
            take(lines, chunk: chunk, base: base)
            return used
        }
        offset += Int64(used)
    }

    private mutating func take(_ lines: [ScannedLine], chunk: UnsafeRawBufferPointer, base: Int64) {
        for line in lines where line.problem == nil {
            let from = Int(line.offset - base)
            let bytes = UnsafeRawBufferPointer(rebasing: chunk[from..<(from + Int(line.length))])
            _ = InboxState.withContent(line.record.fields.id, bytes) { ids.intern($0) }
        }
    }
}
