import InboxFormat
import InboxStore
import PostgresNIO

/// Presence in the database: a row per running app with its heartbeat, and a notification
/// on the store's channel when one changes, which wakes the others' loops.
final class PostgresPresence: PresenceChannel {
    private let store: PostgresStore
    private let session: String
    private var last: (thread: String?, typing: Bool, at: Int64)?

    init(store: PostgresStore, session: String) {
        self.store = store
        self.session = session
    }

    func publish(_ presence: Presence) {
        let now = presence.at.milliseconds
        if let last, last.thread == presence.thread, last.typing == presence.typing,
           now - last.at < PresenceBoard.heartbeat, now >= last.at { return }
        let session = self.session
        let changed = last == nil || last?.thread != presence.thread || last?.typing != presence.typing
        let done: Bool? = store.presenceQuery { connection in
            try await connection.query("""
                INSERT INTO shiftdesk_presence (session, agent, thread, typing, at_ms)
                VALUES (\(session), \(presence.agent), \(presence.thread), \(presence.typing), \(now))
                ON CONFLICT (session) DO UPDATE SET agent = EXCLUDED.agent, thread = EXCLUDED.thread,
                    typing = EXCLUDED.typing, at_ms = EXCLUDED.at_ms
                """, logger: PostgresEndpoint.logger)
            // Only a move is news; a heartbeat is read on the others' own heartbeat.
            if changed { try await connection.query("SELECT pg_notify('shiftdesk', 'presence')", logger: PostgresEndpoint.logger) }
            return true
        }
        if done == true { last = (presence.thread, presence.typing, now) }
    }

    func others(at now: Timestamp) -> [Presence] {
        let session = self.session
        let since = now.milliseconds - PresenceBoard.stale
        let rows: [Presence]? = store.presenceQuery { connection in
            var out: [Presence] = []
            let rows = try await connection.query("""
                SELECT agent, thread, typing, at_ms FROM shiftdesk_presence
                WHERE session <> \(session) AND at_ms >= \(since)
                """, logger: PostgresEndpoint.logger)
            for try await (agent, thread, typing, at) in rows.decode((String, String?, Bool, Int64).self) {
                out.append(Presence(agent: agent, thread: thread, typing: typing, at: Timestamp(milliseconds: at)))
            }
            return out
        }
        return (rows ?? []).sorted { ($0.agent, $0.thread ?? "") < ($1.agent, $1.thread ?? "") }
    }

    func withdraw() {
        let session = self.session
        _ = store.presenceQuery { connection in
            try await connection.query("DELETE FROM shiftdesk_presence WHERE session = \(session)", logger: PostgresEndpoint.logger)
            try await connection.query("SELECT pg_notify('shiftdesk', 'presence')", logger: PostgresEndpoint.logger)
            return true
        }
    }

    var changePath: String? { nil }
    var heartbeatMilliseconds: Int64 { PresenceBoard.heartbeat }
}
