import Foundation

/// Wakes the loop when the inbox grows or the presence folder changes (inotify), so that
/// another agent's record or presence reaches the screen at once rather than at the next
/// tick. Where inotify is not to be had, ``descriptor`` is -1 and the tick does the work.
final class FileWatch {
    let descriptor: Int32

    init(paths: [String]) {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        descriptor = fd
        guard fd >= 0 else { return }
        for path in paths {
            // A folder not made yet (presence, before anyone publishes) is watched once it is:
            // the parent's watch on the inbox covers nothing else, so its absence only costs a tick.
            _ = inotify_add_watch(fd, path, UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_ATTRIB))
        }
    }

    /// Watches `path` too (a folder made since).
    func add(_ path: String) {
        guard descriptor >= 0 else { return }
        _ = inotify_add_watch(descriptor, path, UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_ATTRIB))
    }

    /// Reads the events away: what changed is looked at by following the file.
    func drain() {
        guard descriptor >= 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while buffer.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress, $0.count) }) > 0 {}
    }

    deinit { if descriptor >= 0 { close(descriptor) } }
}
