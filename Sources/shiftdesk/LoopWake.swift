import CursesTerminal
import DeskUI
import Foundation

/// A pipe the loop polls, written to when there is something for it: a search's batch
/// (from its thread) or a signal (from the C handler), so the loop sleeps in `poll`
/// until then instead of waking up on a timer to look.
final class WakePipe: Sendable {
    let readEnd: Int32
    let writeEnd: Int32

    init() throws {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
            throw ValidationErrorText("cannot make a pipe for the main loop: \(String(cString: strerror(errno)))")
        }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// Wakes the loop; a full pipe means it is woken already.
    func signal() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Empties the pipe, once awake.
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 256)
        while buffer.withUnsafeMutableBytes({ read(readEnd, $0.baseAddress, $0.count) }) > 0 {}
    }
}

/// Actions that other threads hand to the loop: kept here until the loop takes them.
final class Mailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var actions: [Action] = []
    private let wake: WakePipe

    init(wake: WakePipe) { self.wake = wake }

    func post(_ action: Action) {
        lock.lock()
        actions.append(action)
        lock.unlock()
        wake.signal()
    }

    func takeAll() -> [Action] {
        lock.lock()
        defer { lock.unlock() }
        let taken = actions
        actions.removeAll()
        return taken
    }
}
