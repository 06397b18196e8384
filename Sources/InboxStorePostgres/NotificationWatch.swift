import Foundation
import InboxFormat
import InboxStore
import PostgresNIO

/// A second connection that listens for the store's notifications and says, through a
/// pipe the app's loop polls, that records or presence changed; it also says whether the
/// server is reachable, and reconnects when it is not.
///
/// Its state is read from the loop's thread and written from a task: behind a lock.
final class NotificationWatch: @unchecked Sendable {
    private let endpoint: PostgresEndpoint
    /// Written a byte per notification; the loop polls its read end.
    private let pipe: WakePipe
    var readEnd: Int32 { pipe.readEnd }
    private let lock = NSLock()
    private var connected = false
    private var problem: String?
    private var task: Task<Void, Never>?

    init(endpoint: PostgresEndpoint) throws(InboxError) {
        self.endpoint = endpoint
        pipe = try WakePipe(for: "the store's notifications")
    }

    deinit { task?.cancel() }

    /// Connects in the background and keeps connecting while the watch lives.
    func start() {
        task = Task.detached { [weak self] in
            var delay: UInt64 = 200_000_000
            while !Task.isCancelled {
                guard let endpoint = self?.endpoint else { return }
                do {
                    let connection = try await endpoint.connect()
                    defer { Task { try? await connection.close() } }
                    try await connection.listen(on: Schema.channel) { notifications in
                        self?.set(connected: true, problem: nil)
                        delay = 200_000_000
                        for try await _ in notifications {
                            self?.wake()
                        }
                    }
                    self?.set(connected: false, problem: "the server closed the connection")
                } catch {
                    if Task.isCancelled { return }
                    self?.set(connected: false, problem: PostgresEndpoint.reason(error))
                }
                try? await Task.sleep(nanoseconds: delay)
                delay = min(delay * 2, 2_000_000_000)
            }
        }
    }

    func stop() {
        task?.cancel()
        task = nil
    }

    /// Whether the server is reachable now, and why not.
    var status: (connected: Bool, problem: String?) {
        lock.lock()
        defer { lock.unlock() }
        return (connected, problem)
    }

    private func set(connected: Bool, problem: String?) {
        lock.lock()
        let changed = self.connected != connected || self.problem != problem
        self.connected = connected
        self.problem = problem
        lock.unlock()
        if changed { wake() }
    }

    private func wake() { pipe.signal() }

    /// Empties the pipe: the loop is about to look.
    func drain() { pipe.drain() }
}
