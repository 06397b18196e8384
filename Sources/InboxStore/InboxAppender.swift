import InboxFormat
import Foundation

/// Appends records to an inbox as the format's writer rules say.
///
/// Each record is one `write` of one whole line, made under an exclusive `flock` so that
/// agents and connectors sharing the file never interleave, and `fsync`ed before the
/// call returns: when `append` returns, the record is on disk. The file is never
/// rewritten, truncated or reordered.
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
        for line in lines where line.utf8.contains(0x0A) {
            throw InboxError("refusing to append a record that holds a raw newline: \(line.prefix(40))")
        }
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
            try writeAll(fd, bytes)
        }
        if durable {
            guard fsync(fd) == 0 else { throw InboxError.system("sync the inbox to disk", path) }
        }
    }

    /// One `write` of the whole line; a short write (a full disk) goes on from where it stopped.
    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(InboxError) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw InboxError.system("append to the inbox", path)
            }
            done += n
        }
    }
}
