import DeskUI
import Foundation
import Desk
import InboxFormat
import InboxStore

/// `ui FILE`: the app's per-key cost on a large inbox: a full 200x60 render and each
/// navigation action, in microseconds (median of many runs after a warm-up).
enum UIBenchmark {
    static func run(path: String) {
        let inbox: Inbox
        do { inbox = try Inbox(path: path) } catch { fail(error.message) }
        let model = InboxModel(inbox)
        let now = Timestamp.now()
        var state = AppState(model: model, agent: "bench", now: now, width: 200, height: 60)
        func measure(_ name: String, runs: Int = 200, _ body: (inout AppState) -> Void) -> String {
            var copy = state
            body(&copy)  // warm-up: builds the lists this action needs, once
            var times: [Double] = []
            for _ in 0..<runs {
                let start = monotonicNanos()
                body(&copy)
                times.append(Double(monotonicNanos() - start) / 1000)
            }
            times.sort()
            state = copy
            return name.padding(toLength: 28, withPad: " ", startingAt: 0) + String(format: " median %8.1f µs   p99 %8.1f µs", times[times.count / 2], times[times.count * 99 / 100])
        }
        var lines: [String] = []
        lines.append(measure("render 200x60") { s in _ = render(s, model) })
        lines.append(measure("j (next thread) + render") { s in _ = reduce(&s, .key(.down), model); _ = render(s, model) })
        lines.append(measure("k (previous) + render") { s in _ = reduce(&s, .key(.up), model); _ = render(s, model) })
        lines.append(measure("PgDn + render") { s in _ = reduce(&s, .key(.pageDown), model); _ = render(s, model) })
        lines.append(measure("Tab (next view) + render") { s in _ = reduce(&s, .key(.tab), model); _ = render(s, model) })
        lines.append(measure("Enter/Esc (open) + render") { s in _ = reduce(&s, .key(.enter), model); _ = render(s, model); _ = reduce(&s, .key(.escape), model) })
        lines.append(measure("s (status cycle) + render", runs: 50) { s in _ = reduce(&s, .key(.char("s")), model); _ = render(s, model) })
        // Resolving: the reduce, and re-placing the thread once its record is read back
        // (the append itself is measured by the append benchmark).
        let threads = state.visibleThreads
        var next = 0
        lines.append(measure("x (resolve) + re-place", runs: 100) { s in
            _ = reduce(&s, .key(.char("x")), model)
            _ = reduce(&s, .inboxChanged([threads[next % threads.count]]), model)
            next += 1
            _ = render(s, model)
        })
        print("threads in the inbox: \(inbox.threadCount); open in view: \(threads.count)")
        for line in lines { print(line) }
        FilterBenchmark.run(model: model, now: now)
    }
}
