import Foundation

/// A tmpfs of a few kilobytes, mounted in a fresh temporary folder for one test so that
/// it can fill up on purpose; unmounted and removed when the test ends. Shared by the
/// store's tests and the end-to-end tests (which link no module of the app).
public final class SmallDisk {
    public let dir: String

    /// Whether this machine lets the tests mount one: it takes root (CAP_SYS_ADMIN).
    public static let canMount: Bool = (try? SmallDisk(kilobytes: 16)) != nil

    public static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    public init(kilobytes: Int) throws {
        dir = NSTemporaryDirectory() + "shiftdesk-disk-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
        guard Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", dir]) else {
            try? FileManager.default.removeItem(atPath: dir)
            throw CocoaError(.fileWriteNoPermission)
        }
    }

    deinit {
        // Lazily: a file still open on it must not leave the mount behind.
        _ = Self.run("/bin/umount", ["-l", dir])
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// Bytes still free for new pages.
    public var freeBytes: Int {
        var info = statvfs()
        guard statvfs(dir, &info) == 0 else { return 0 }
        return Int(info.f_bavail) * Int(info.f_frsize)
    }

    /// Takes every free page with a file of its own. What files already hold in their
    /// last page stays theirs: a write can still go into that room, and no further.
    public func fill() {
        let fd = open(dir + "/ballast", O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let page = [UInt8](repeating: 0x2E, count: Self.pageSize)
        while page.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == page.count {}
    }

    private static func run(_ tool: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
