import Foundation
import InboxFormat

/// A local copy of a database store's records, one JSON line each in store order, for an
/// ``Inbox`` to read as it reads a file: it maps the copy to load it, follows it as it
/// grows and reads message bodies back from it by offset, so a database inbox costs the
/// app no more memory than a file does.
///
/// The copy lives in a private folder of its own (0700) under `$TMPDIR` and goes with the
/// process, however it ends short of a kill: when the replica goes, and at exit (a command
/// ends through `exit`, which runs no deinitialiser). It is a cache of the store, never a
/// second inbox, and it holds customers' messages. Records are only added at its end,
/// whole lines at a time, so a follower never sees a torn one.
public final class LocalReplica {
    /// The copy's path: what ``Inbox`` opens.
    public let path: String
    private let folder: String
    private let fd: Int32
    /// The store's position of the last record copied (0 before the first).
    public private(set) var position: Int64 = 0
    /// Records copied.
    public private(set) var count = 0
    /// Rows that could not be one line of the copy (a raw newline, which only a writer
    /// that went round the store's checks could have put there), by position.
    public private(set) var problems: [String] = []
    private var buffer: [UInt8] = []
    private static let flushAt = 1 << 20

    /// Makes the folder and the empty copy.
    public init() throws(InboxError) {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/shiftdesk-replica-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw InboxError.system("make a folder for the local copy of the inbox", base)
        }
        folder = String(cString: made)
        path = folder + "/records.jsonl"
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let error = InboxError.system("make the local copy of the inbox", path)
            rmdir(folder)
            throw error
        }
        buffer.reserveCapacity(Self.flushAt + 65536)
        ReplicaFolders.shared.add(folder)
    }

    deinit {
        close(fd)
        unlink(path)
        rmdir(folder)
        ReplicaFolders.shared.remove(folder)
    }

    /// Adds the record at `position`, whose bytes are `line` (no `\n`). Kept in a buffer
    /// until ``flush()``, or until the buffer is large.
    public func add(_ line: UnsafeRawBufferPointer, position: Int64) throws(InboxError) {
        if line.contains(0x0A) {
            problems.append("position \(position): the record holds a raw newline; left out")
        } else {
            buffer.append(contentsOf: line)
            buffer.append(0x0A)
            count += 1
        }
        self.position = position
        if buffer.count >= Self.flushAt { try flush() }
    }

    /// Writes what is buffered to the copy, so a follower reads it.
    public func flush() throws(InboxError) {
        var done = 0
        while done < buffer.count {
            let n = buffer.withUnsafeBytes { write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw InboxError.system("write the local copy of the inbox", path)
            }
            done += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// The replicas' folders of this process, removed at exit.
final class ReplicaFolders: @unchecked Sendable {
    static let shared = ReplicaFolders()
    private let lock = NSLock()
    private var folders: Set<String> = []
    private var registered = false

    func add(_ folder: String) {
        lock.lock()
        defer { lock.unlock() }
        folders.insert(folder)
        if !registered {
            registered = true
            atexit { ReplicaFolders.shared.removeAll() }
        }
    }

    func remove(_ folder: String) {
        lock.lock()
        folders.remove(folder)
        lock.unlock()
    }

    private func removeAll() {
        lock.lock()
        defer { lock.unlock() }
        for folder in folders {
            unlink(folder + "/records.jsonl")
            rmdir(folder)
        }
        folders.removeAll()
    }
}
