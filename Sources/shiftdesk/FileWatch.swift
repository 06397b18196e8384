import Foundation

/// Wakes the loop when the inbox grows or the presence folder changes (inotify), so that
/// another agent's record or presence reaches the screen at once rather than at the next
/// tick. Where inotify is not to be had, ``descriptor`` is -1 and the tick does the work.
final class FileWatch {
    let descriptor: Int32
    /// The watch of each path given, in order (-1 where there is none).
    private(set) var watches: [Int32] = []

    init(paths: [String]) {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        descriptor = fd
        guard fd >= 0 else { return }
        // A folder not made yet (presence, before anyone publishes) is watched once it is:
        // the parent's watch on the inbox covers nothing else, so its absence only costs a tick.
        watches = paths.map { inotify_add_watch(fd, $0, UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_ATTRIB)) }
    }

    /// Watches `path` too (a folder made since); returns its watch, -1 without one.
    @discardableResult
    func add(_ path: String) -> Int32 {
        guard descriptor >= 0 else { return -1 }
        return inotify_add_watch(descriptor, path, UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_ATTRIB))
    }

    /// Reads the events away and returns the watches they were for: what changed is looked
    /// at by following the file, or reading the presence folder.
    func drain() -> Set<Int32> {
        guard descriptor >= 0 else { return [] }
        var seen = Set<Int32>()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let got = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard got > 0 else { break }
            // Each event: wd, mask, cookie, len (four 32-bit words), then len bytes of name.
            var at = 0
            while at + 16 <= got {
                let wd = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: Int32.self) }
                let length = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at + 12, as: UInt32.self) }
                seen.insert(wd)
                at += 16 + Int(length)
            }
        }
        return seen
    }

    /// Sleeps until a watched path changes, `milliseconds` go by, or a signal comes, and
    /// reads the events away: the wait of a command that follows files (without inotify,
    /// the time alone).
    func waitForChange(milliseconds: Int32) {
        var fds = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
        _ = poll(&fds, 1, milliseconds)
        _ = drain()
    }

    deinit { if descriptor >= 0 { close(descriptor) } }
}
