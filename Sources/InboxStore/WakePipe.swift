import Foundation
import InboxFormat

/// A pipe a loop polls, written to when there is something for it (a search's batch, a
/// signal, a database's notification), so the loop sleeps in `poll` until then instead of
/// waking on a timer to look. Both ends are non-blocking: a full pipe means the loop is
/// woken already.
public final class WakePipe: Sendable {
    public let readEnd: Int32
    public let writeEnd: Int32

    /// `purpose` names the pipe in the error, should the system have none to give.
    public init(for purpose: String) throws(InboxError) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw InboxError.system("make a pipe", purpose) }
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

    /// Wakes the loop.
    public func signal() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Empties the pipe, once awake.
    public func drain() {
        var buffer = [UInt8](repeating: 0, count: 256)
        while buffer.withUnsafeMutableBytes({ read(readEnd, $0.baseAddress, $0.count) }) > 0 {}
    }
}
