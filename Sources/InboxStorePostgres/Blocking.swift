import Foundation
import InboxFormat

/// Runs async work from synchronous code and waits for it.
///
/// The store's callers are synchronous (a command's main thread, the app's loop), and
/// postgres-nio is async: each call starts a task and the calling thread waits on a
/// semaphore. The task runs on an executor of its own, never on the shared concurrency
/// pool: a caller that is itself on that pool (a test, most of all) would otherwise block
/// the very threads its task waits for, and with two cores, wait for ever.
enum Blocking {
    /// The result of `work`, or its error; `timeout` (seconds) gives up waiting, cancels
    /// the task and throws ``TimedOut``.
    static func run<T: Sendable>(timeout: Double? = nil, _ work: @Sendable @escaping () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let task = Task(executorPreference: StoreExecutor.shared) {
            do { box.set(.success(try await work())) } catch { box.set(.failure(error)) }
            done.signal()
        }
        if let timeout {
            if done.wait(timeout: .now() + timeout) == .timedOut {
                task.cancel()
                throw TimedOut(seconds: timeout)
            }
        } else {
            done.wait()
        }
        return try box.take().get()
    }

    struct TimedOut: Error {
        var seconds: Double
    }
}

/// One result handed from a task to the thread waiting for it.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<T, any Error>?

    func set(_ value: Result<T, any Error>) {
        lock.lock()
        result = value
        lock.unlock()
    }

    func take() -> Result<T, any Error> {
        lock.lock()
        defer { lock.unlock() }
        return result ?? .failure(CancellationError())
    }
}

/// Runs the store's tasks on threads of their own (a private dispatch queue, which makes
/// threads as they are needed), apart from the shared pool that blocked callers may hold.
final class StoreExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = StoreExecutor()
    private let queue = DispatchQueue(label: "shiftdesk.postgres", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
