import InboxFormat
import Foundation

/// Unsent replies, saved outside the inbox as they are typed, so a crash or `kill -9`
/// loses no text: one file per thread in `$XDG_STATE_HOME/shiftdesk/drafts/`.
public struct DraftStore: Sendable {
    public let folder: String

    public init(folder: String) { self.folder = folder }

    /// `$XDG_STATE_HOME/shiftdesk/drafts`, by default under `~/.local/state`.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> DraftStore {
        DraftStore(folder: DeskPaths(environment: environment).draftsFolder)
    }

    /// A file name for any thread id: its UTF-8 in hex, so no id can name a path.
    private func path(for thread: String) -> String {
        folder + "/" + thread.utf8.map { String(format: "%02x", $0) }.joined() + ".txt"
    }

    /// Saves `text` for `thread` (empty text deletes the draft). Written to a temporary
    /// file, synced and renamed over the old one, so a crash leaves the old or the new.
    public func save(_ text: String, for thread: String) throws {
        let target = path(for: thread)
        if text.isEmpty {
            unlink(target)
            return
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temp = target + ".tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw InboxError.system("save the draft", temp) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, bytes.count) }
        fsync(fd)
        close(fd)
        guard written == bytes.count, rename(temp, target) == 0 else { throw InboxError.system("save the draft", target) }
    }

    /// Every saved draft, by thread id.
    public func loadAll() -> [String: String] {
        var drafts: [String: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasSuffix(".txt") {
            let hex = Array(name.dropLast(4))
            guard hex.count % 2 == 0 else { continue }
            var bytes: [UInt8] = []
            var i = 0
            while i < hex.count, let b = UInt8(String(hex[i..<(i + 2)]), radix: 16) {
                bytes.append(b)
                i += 2
            }
            guard bytes.count * 2 == hex.count, let id = String(bytes: bytes, encoding: .utf8),
                  let text = try? String(contentsOfFile: folder + "/" + name, encoding: .utf8) else { continue }
            drafts[id] = text
        }
        return drafts
    }
}
