/// The tables of a PostgreSQL inbox, made by `shiftdesk store init`, and their version.
///
/// - `shiftdesk_records`: one row per record, append-only. `position` is the order (as a
///   file's line order is); `id` is unique, so a re-delivery inserts nothing; `line` is the
///   exact JSON line, so a record round-trips byte for byte; `type`, `thread` and `at` are
///   the columns a query by thread needs. Every insert takes one advisory lock first, so
///   positions commit in the order they were taken and a follower that reads after its
///   last position never skips a row.
/// - A statement trigger notifies `shiftdesk` with the last position inserted.
/// - `shiftdesk_presence`: one row per running app, its heartbeat in `at_ms`, with a
///   notification `presence` on the same channel when it changes.
/// - `shiftdesk_schema`: the version, checked by every process before it reads.
enum Schema {
    static let version = 1
    /// The advisory lock every append takes: the writers' mutual exclusion.
    static let appendLock: Int64 = 0x7368_6966_7464_6B31  // "shiftdk1"
    /// One channel for both: a position when records came, `presence` when an app moved.
    static let channel = "shiftdesk"

    /// The statements that make version 1, one by one (a prepared statement holds one).
    static let create = [
        "CREATE TABLE IF NOT EXISTS shiftdesk_schema (version integer NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS shiftdesk_records (
            position bigserial PRIMARY KEY,
            id text NOT NULL UNIQUE,
            type text NOT NULL,
            thread text,
            at text NOT NULL,
            line text NOT NULL CHECK (position(E'\\n' in line) = 0)
        )
        """,
        "CREATE INDEX IF NOT EXISTS shiftdesk_records_thread ON shiftdesk_records (thread, position)",
        """
        CREATE TABLE IF NOT EXISTS shiftdesk_presence (
            session text PRIMARY KEY,
            agent text NOT NULL,
            thread text,
            typing boolean NOT NULL,
            at_ms bigint NOT NULL
        )
        """,
        """
        CREATE OR REPLACE FUNCTION shiftdesk_records_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE last bigint;
        BEGIN
            SELECT max(position) INTO last FROM inserted;
            IF last IS NOT NULL THEN
                PERFORM pg_notify('shiftdesk', last::text);
            END IF;
            RETURN NULL;
        END $$
        """,
        """
        CREATE TRIGGER shiftdesk_records_notify AFTER INSERT ON shiftdesk_records
            REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION shiftdesk_records_notify()
        """,
        "INSERT INTO shiftdesk_schema (version) VALUES (1)",
    ]
}
