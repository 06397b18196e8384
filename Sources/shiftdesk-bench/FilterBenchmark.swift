import DeskUI
import Foundation
import InboxFormat
import InboxStore

/// `/` on a long list, as the app runs it: the key's reduce returns a search, a
/// `SearchRunner` runs it on its own thread, and its batches come back as actions.
/// Measures the time from the key to the first results on screen, and how long the next
/// key takes while the search is still running (it must not wait for it).
enum FilterBenchmark {
    /// Batches from the search thread, waited for here as the loop waits on its pipe.
    final class Batches: @unchecked Sendable {
        private let lock = NSLock()
        private let arrived = DispatchSemaphore(value: 0)
        private var actions: [Action] = []
        func post(_ action: Action) {
            lock.lock()
            actions.append(action)
            lock.unlock()
            arrived.signal()
        }
        func wait() -> [Action] {
            arrived.wait()
            lock.lock()
            defer { lock.unlock() }
            let taken = actions
            actions.removeAll()
            return taken
        }
        func drop() {
            lock.lock()
            actions.removeAll()
            lock.unlock()
            while arrived.wait(timeout: .now()) == .success {}
        }
    }

    static func run(model: InboxModel, now: Timestamp) {
        // The app's open queue, and every thread (status "all"): the list a bad day makes.
        for (name, status) in [("open", StatusFilter.open), ("all statuses", .all)] {
            var state = AppState(model: model, agent: "bench", now: now, width: 200, height: 60)
            while state.status != status { _ = reduce(&state, .key(.char("s")), model) }
            measure(name, state, model)
        }
    }

    private static func measure(_ name: String, _ start: AppState, _ model: InboxModel) {
        let mailbox = Batches()
        let runner = SearchRunner { mailbox.post($0) }
        defer { runner.stop() }
        /// Runs the effects; returns the generation of the search started, if any.
        @discardableResult
        func run(_ effects: [Effect]) -> Int? {
            var started: Int?
            for effect in effects {
                switch effect {
                case .search(let request):
                    runner.start(request, source: model.searchSource())
                    started = request.generation
                case .cancelSearch: runner.cancelAll()
                default: break
                }
            }
            return started
        }
        // Letters and pairs that are common in the synthetic texts, and some that are rare.
        let queries: [(Character, Character)] = [("a", "n"), ("e", "r"), ("o", "r"), ("и", "т"), ("q", "z"), ("t", "h"), ("s", "h"), ("п", "о")]
        var first: [Double] = []
        var next: [Double] = []
        var whole: [Double] = []
        let listSize = start.visibleThreads.count
        // One state through all trials, as in the app: its searches' generations only grow.
        var state = start
        for trial in 0..<40 {
            _ = reduce(&state, .key(.char("/")), model)
            let (a, b) = queries[trial % queries.count]
            let t0 = monotonicNanos()
            let generation = run(reduce(&state, .key(.char(a)), model))
            _ = render(state, model)
            // Until the first batch: what the agent waits for to see results.
            var shown = false
            while !shown {
                for action in mailbox.wait() {
                    _ = reduce(&state, action, model)
                    if case .searchResults(let batch) = action, batch.generation == generation { shown = true }
                }
                _ = render(state, model)
            }
            first.append(Double(monotonicNanos() - t0) / 1e6)
            // The next key, while the first letter's search may still run.
            let t1 = monotonicNanos()
            run(reduce(&state, .key(.char(b)), model))
            _ = render(state, model)
            next.append(Double(monotonicNanos() - t1) / 1e6)
            // And the rest, to the last batch of the second key's search.
            let t2 = monotonicNanos()
            var done = false
            while !done {
                for action in mailbox.wait() {
                    _ = reduce(&state, action, model)
                }
                done = state.isFilterSearched
                _ = render(state, model)
            }
            whole.append(Double(monotonicNanos() - t2) / 1e6)
            run(reduce(&state, .key(.escape), model))
            mailbox.drop()
        }
        first.sort()
        next.sort()
        whole.sort()
        print(String(format: "/ filter, %@ (%d threads): key to first results p50 %.1f ms, p99 %.1f ms; next key p50 %.2f ms, p99 %.2f ms; all results of the 2nd key p50 %.0f ms",
                     name, listSize, Benchmark.percentile(first, 0.5), Benchmark.percentile(first, 0.99),
                     Benchmark.percentile(next, 0.5), Benchmark.percentile(next, 0.99), Benchmark.percentile(whole, 0.5)))
    }
}
