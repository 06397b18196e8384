import InboxFormat
import Foundation

/// Appends records to an inbox as the format's writer rules say.
///
/// Each record is one `write` of one whole line, made under an exclusive `flock` so that
/// agents and connectors sharing the file never interleave, and `fsync`ed before the
/// call returns: when `append` returns, the record is on disk. The file is never
/// rewritten, truncated or reordered, with one exception the format names: a `write`
/// that fails or comes up short (a full disk, a file-size limit, an I/O error) is cut
/// back to where it started, still under the lock, so no fragment of it stays behind.
public struct InboxAppender: Sendable {
    public let path: String
    /// False skips `fsync`: only for tests and benchmarks that measure everything else.
    public var durable: Bool

    public init(path: String, durable: Bool = true) {
        self.path = path
        self.durable = durable
    }

    /// Appends one encoded record (a JSON object without its `\n`).
    public func append(line: String) throws(InboxError) {
        try append(lines: [line])
    }

    /// Appends records in order under one lock, each as its own whole-line write.
    public func append(lines: [String]) throws(InboxError) {
        try append { _, _ throws(InboxError) in lines }
    }

    /// Appends the records `choose` picks once the lock is held: it gets the open file and
    /// its size, so it can read what others appended before it decides (a connector
    /// leaves out the records that are there already). Each is its own whole-line write.
    /// Returns how many were appended.
    @discardableResult
    public func append(choosing choose: (_ fd: Int32, _ size: Int64) throws(InboxError) -> [String]) throws(InboxError) -> Int {
        // 0600: an inbox holds customers' messages and is nobody else's business.
        let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let code = errno
            if code == EACCES { throw InboxError("\(path): permission denied (cannot append to the inbox)") }
            if code == ENOENT { throw InboxError("\(path): the folder does not exist") }
            throw InboxError.system("open the inbox for appending", path, code)
        }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { throw InboxError.system("lock the inbox", path) }
        }
        defer { flock(fd, LOCK_UN) }

        var info = stat()
        guard fstat(fd, &info) == 0 else { throw InboxError.system("read the inbox", path) }
        let lines = try choose(fd, Int64(info.st_size))
        for line in lines where line.utf8.contains(0x0A) {
            throw InboxError("refusing to append a record that holds a raw newline: \(line.prefix(40))")
        }
        guard !lines.isEmpty else { return 0 }
        // A writer that died mid-line left a fragment: start on a new line, so the
        // fragment stays one bad line and this record stays whole.
        var needsNewline = false
        if info.st_size > 0 {
            var last: UInt8 = 0
            guard pread(fd, &last, 1, off_t(info.st_size - 1)) == 1 else { throw InboxError.system("read the inbox", path) }
            needsNewline = last != 0x0A
        }
        for (i, line) in lines.enumerated() {
            var bytes = Array(line.utf8)
            if i == 0 && needsNewline { bytes.insert(0x0A, at: 0) }
            bytes.append(0x0A)
            // Where this write starts: the length to go back to if it fails.
            let start = lseek(fd, 0, SEEK_END)
            guard start >= 0 else { throw InboxError.system("read the inbox", path) }
            if let code = writeAll(fd, bytes) {
                throw failedWrite(fd, cutBackTo: start, code: code, appended: i, of: lines.count)
            }
        }
        if durable {
            guard fsync(fd) == 0 else { throw InboxError.system("sync the inbox to disk", path) }
        }
        return lines.count
    }

    /// Writes the whole line, going on after a short write: the next `write` either
    /// finishes it or says why it cannot. Returns the `errno` of a failure, nil when done.
    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            // A regular file does not return 0 for a non-empty write; if it ever did, stop
            // rather than loop for ever.
            if n == 0 { return EIO }
            done += n
        }
        return nil
    }

    /// Cuts the file back to `length`, where the failed write began, and says what happened.
    ///
    /// Readers take in a line only once its `\n` is there, and a failed write never got to
    /// its record's final `\n`, so nobody has read the record. (The one `\n` it may have
    /// written is the leading one that closes a crashed writer's fragment; a follower that
    /// polled in that instant sees the cut as a truncation. Two failures at once: rare.)
    /// Should the cut itself fail, the fragment stays: the next writer starts on a new
    /// line, and it stays one bad line.
    private func failedWrite(_ fd: Int32, cutBackTo length: off_t, code: Int32, appended: Int, of count: Int) -> InboxError {
        var cut: Int32 = 0
        while ftruncate(fd, length) != 0 {
            if errno != EINTR { cut = errno; break }
        }
        let reason = switch code {
        case ENOSPC: "the disk is full"
        case EDQUOT: "the disk quota is used up"
        case EFBIG: "the file has reached its size limit"
        case EIO: "the disk reported an input/output error"
        default: String(cString: strerror(code))
        }
        let outcome = appended == 0 ? "nothing was appended" : "\(appended) of \(count) records were appended, the rest not"
        if cut != 0 {
            return InboxError("\(path): \(reason); the record is only partly written and could not be cut back (\(String(cString: strerror(cut))))")
        }
        return InboxError("\(path): \(reason); \(outcome)")
    }
}
