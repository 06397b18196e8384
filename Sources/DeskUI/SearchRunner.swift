import Foundation
import InboxStore

/// Runs the `search` effects on a thread of its own, one request at a time in the order
/// given, and hands each batch back as an `Action` through `deliver` (which the loop
/// makes wake itself up).
///
/// A request of a newer generation cancels the older ones: those still waiting are
/// dropped, and the one running stops at its next batch. One thread, not one per key, so
/// a fast typist never has a pile of searches fighting for the cores; and a patch (a
/// second look at changed threads) runs after the search it belongs to, never beside it,
/// so its fresher answer is the one that stays.
public final class SearchRunner: @unchecked Sendable {
    // Everything below is guarded by `condition`.
    private let condition = NSCondition()
    private var waiting: [(request: SearchRequest, source: any SearchSource)] = []
    /// Requests of a lower generation are cancelled.
    private var floor = Int.min
    private var newest = Int.min
    private var started = false
    private var stopped = false
    private let deliver: @Sendable (Action) -> Void

    public init(deliver: @escaping @Sendable (Action) -> Void) {
        self.deliver = deliver
    }

    /// Queues `request`, to read from `source`; cancels every request of an older generation.
    public func start(_ request: SearchRequest, source: any SearchSource) {
        condition.lock()
        defer { condition.unlock() }
        guard !stopped else { return }
        floor = max(floor, request.generation)
        newest = max(newest, request.generation)
        waiting.removeAll { $0.request.generation < floor }
        waiting.append((request, source))
        if !started {
            started = true
            let thread = Thread { [self] in work() }
            thread.name = "shiftdesk search"
            thread.start()
        }
        condition.signal()
    }

    /// Cancels every request made so far.
    public func cancelAll() {
        condition.lock()
        defer { condition.unlock() }
        floor = max(floor, newest == .max ? newest : newest + 1)
        waiting.removeAll()
    }

    /// Ends the thread once the running request notices; nothing is delivered after this returns
    /// but what that request was delivering.
    public func stop() {
        condition.lock()
        stopped = true
        floor = .max
        waiting.removeAll()
        condition.signal()
        condition.unlock()
    }

    /// Threads in the first batch: few, so that the first rows show within a frame.
    static let firstBatch = 128

    private func isCancelled(_ generation: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return generation < floor
    }

    private func work() {
        // Terminal signals belong to the loop's thread, where they interrupt its wait.
        var signals = sigset_t()
        sigemptyset(&signals)
        for s in [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGCONT, SIGTSTP] { sigaddset(&signals, s) }
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        while true {
            condition.lock()
            while waiting.isEmpty && !stopped { condition.wait() }
            if stopped {
                condition.unlock()
                return
            }
            var job: (request: SearchRequest, source: any SearchSource)? = waiting.removeFirst()
            condition.unlock()
            let request = job!.request
            guard !isCancelled(request.generation) else { continue }
            let haystacks = HeadFirst(job!.source, request.threads, head: Self.firstBatch)
            job = nil
            ThreadSearch.run(request, over: haystacks, firstBatch: Self.firstBatch, isCancelled: { isCancelled(request.generation) },
                             deliver: { deliver(.searchResults($0)) })
        }
    }
}

/// The texts of a request's threads, copied out of the source in two steps: the first
/// batch's at once, so its answer comes quickly; the rest when the search gets there, all
/// together, after which the source (a snapshot of the inbox's tables) is let go. While it
/// lives, records arriving on the loop's thread would copy those tables, so it must not
/// live for the whole search.
private final class HeadFirst: Haystacks {
    private var source: (any SearchSource)?
    private let refs: [ThreadRef]
    private let head: any Haystacks
    private var rest: (any Haystacks)?

    init(_ source: any SearchSource, _ refs: [ThreadRef], head: Int) {
        self.refs = refs
        let split = min(head, refs.count)
        self.head = source.haystacks(of: Array(refs[..<split]))
        self.source = split < refs.count ? source : nil
    }

    var count: Int { refs.count }

    private func part(_ i: Int) -> (any Haystacks, Int) {
        if i < head.count { return (head, i) }
        if rest == nil, let source {
            rest = source.haystacks(of: Array(refs[head.count...]))
            self.source = nil
        }
        return (rest!, i - head.count)
    }

    func ref(at i: Int) -> ThreadRef {
        let (part, j) = part(i)
        return part.ref(at: j)
    }

    func texts(at i: Int) -> [String] {
        let (part, j) = part(i)
        return part.texts(at: j)
    }
}
