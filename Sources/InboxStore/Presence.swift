import Foundation
import InboxFormat

/// Where an agent is: the thread they have open, and whether they are writing a reply in it.
public struct Presence: Sendable, Equatable {
    public var agent: String
    /// The thread's id; nil when they are in the queue.
    public var thread: String?
    public var typing: Bool
    /// When it was last published.
    public var at: Timestamp

    public init(agent: String, thread: String?, typing: Bool, at: Timestamp) {
        self.agent = agent
        self.thread = thread
        self.typing = typing
        self.at = at
    }
}

/// Presence beside a file inbox: a folder `<inbox>.presence/` with one small file per
/// running app, never the inbox itself.
///
/// Each app writes its own file atomically (a temporary file renamed over it) when what it
/// says changes and every ``heartbeat`` as a sign of life, and removes it on quit; a file
/// older than ``stale`` is an app that died and is ignored. The folder is made with the
/// inbox's permissions (and search rights where it has read rights), so whoever may read
/// the inbox may see who is on it. Owned by the loop's thread.
public final class PresenceBoard {
    public let folder: String
    private let file: String
    private let me: String
    private var last: (thread: String?, typing: Bool, at: Int64)?

    /// How often an unchanged presence is written again.
    public static let heartbeat: Int64 = 5_000
    /// How old a presence may be before it counts as gone.
    public static let stale: Int64 = 15_000

    /// For the inbox at `inboxPath`; `session` names this app's file (unique per run).
    public init(inboxPath: String, session: String) {
        folder = inboxPath + ".presence"
        me = session
        file = folder + "/" + session + ".json"
    }

    /// Says where the agent is, if it changed or the heartbeat is due. Failures are silent:
    /// presence is a courtesy, and the inbox must work without it (a read-only folder).
    public func publish(_ presence: Presence) {
        let now = presence.at.milliseconds
        if let last, last.thread == presence.thread, last.typing == presence.typing, now - last.at < Self.heartbeat, now >= last.at { return }
        last = (presence.thread, presence.typing, now)
        makeFolder()
        var o = "{\"agent\":" + JSONEscapes.quoted(presence.agent)
        o += ",\"thread\":" + (presence.thread.map { JSONEscapes.quoted($0) } ?? "null")
        o += ",\"typing\":\(presence.typing),\"at\":\"\(presence.at.rfc3339)\"}\n"
        let temporary = file + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(o.utf8)) else { return }
        if rename(temporary, file) != 0 { unlink(temporary) }
    }

    /// The other apps' presence at `now`, stale ones left out, by agent and thread.
    public func others(at now: Timestamp) -> [Presence] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var out: [Presence] = []
        for name in names where name.hasSuffix(".json") && name != me + ".json" {
            // A few hundred bytes at most: anything bigger is not ours.
            guard let handle = FileHandle(forReadingAtPath: folder + "/" + name) else { continue }
            let data = handle.readData(ofLength: 4096)
            try? handle.close()
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let agent = object["agent"] as? String, let atText = object["at"] as? String, let at = Timestamp.parse(atText),
                  now.milliseconds - at.milliseconds <= Self.stale else { continue }
            out.append(Presence(agent: agent, thread: object["thread"] as? String, typing: object["typing"] as? Bool ?? false, at: at))
        }
        return out.sorted { ($0.agent, $0.thread ?? "") < ($1.agent, $1.thread ?? "") }
    }

    /// Removes this app's file, and the folder when it was the last: on quit.
    public func withdraw() {
        unlink(file)
        unlink(file + ".tmp")
        rmdir(folder)
    }

    private func makeFolder() {
        var info = stat()
        let inbox = String(folder.dropLast(".presence".count))
        var mode: mode_t = 0o755
        if stat(inbox, &info) == 0 {
            let m = info.st_mode & 0o666
            // Search rights where the inbox may be read.
            mode = m | (m & 0o444) >> 2
        }
        mkdir(folder, mode)
    }
}
