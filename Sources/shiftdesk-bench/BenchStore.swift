import Foundation
import InboxFormat
import InboxStore
import InboxStorePostgres

/// The store a benchmark process works on: a file path, or a PostgreSQL URL.
enum BenchStore {
    static func open(_ location: String, durable: Bool = true) -> any RecordStore {
        guard PostgresURL.names(location) else { return FileRecordStore(path: location, durable: durable) }
        do {
            return try PostgresStore(url: try PostgresURL(location), password: PasswordLookup.password(for: try PostgresURL(location)))
        } catch {
            fail(error.message)
        }
    }

    /// Waits until the store says others wrote (its notifications, or inotify on the
    /// file) or `nanos` pass; true when something may have come.
    final class Waiter {
        let store: any RecordStore
        private var watch: Int32 = -1

        init(_ store: any RecordStore) {
            self.store = store
            do { try store.listen() } catch { fail(error.message) }
            if store.changeDescriptor == nil {
                watch = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
                guard watch >= 0, inotify_add_watch(watch, store.readablePath, UInt32(IN_MODIFY)) >= 0 else { fail("no inotify") }
            }
        }

        deinit { if watch >= 0 { close(watch) } }

        func wait(upTo nanos: UInt64) -> Bool {
            var fd = pollfd(fd: store.changeDescriptor ?? watch, events: Int16(POLLIN), revents: 0)
            guard poll(&fd, 1, Int32(clamping: nanos / 1_000_000)) > 0 else { return false }
            if watch >= 0 {
                var buffer = [UInt8](repeating: 0, count: 4096)
                while read(watch, &buffer, buffer.count) > 0 {}
            } else {
                store.drainChanges()
            }
            return true
        }
    }
}
