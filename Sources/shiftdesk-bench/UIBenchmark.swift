import DeskUI
import Foundation
import Desk
import InboxFormat
import InboxStore

/// `ui FILE`: the app's per-key cost on a large inbox: a full 200x60 render and each
/// navigation action, in microseconds (median of many runs after a warm-up).
enum UIBenchmark {
    static func run(path: String) {
        let now = Timestamp.now()
        let model: InboxModel
        // The built-in triage rules, as the app runs with them: levels change the deadlines.
        // And a report log from today's midnight, as the app keeps one for `w`.
        do {
            model = try InboxModel(path: path, triage: Triage(classifier: TriageRules().classifier()),
                                   report: ReportLog(since: ReportWindow.startOfDay(at: now, zone: .current)))
        } catch { fail(error.message) }
        let inbox = model.inbox
        var state = AppState(model: model, agent: "bench", now: now, width: 200, height: 60)
        let start = monotonicNanos()
        state.buildAllLists(model)
        let listsBuilt = Double(monotonicNanos() - start) / 1e6
        let open = state.openCount(.all)
        func measure(_ name: String, runs: Int = 200, _ body: (inout AppState) -> Void) -> String {
            var copy = state
            body(&copy)  // warm-up
            var times: [Double] = []
            for _ in 0..<runs {
                let start = monotonicNanos()
                body(&copy)
                times.append(Double(monotonicNanos() - start) / 1000)
            }
            times.sort()
            state = copy
            return name.padding(toLength: 34, withPad: " ", startingAt: 0) + String(format: " median %8.1f µs   p99 %8.1f µs", times[times.count / 2], times[times.count * 99 / 100])
        }
        /// Keys, then a frame, as the loop does.
        func keys(_ s: inout AppState, _ keys: Key...) {
            for key in keys { _ = reduce(&s, .key(key), model) }
            _ = render(s, model)
        }
        var lines: [String] = []
        lines.append(measure("render 200x60") { s in _ = render(s, model) })
        lines.append(measure("j (next thread)") { keys(&$0, .char("j")) })
        lines.append(measure("k (previous)") { keys(&$0, .char("k")) })
        lines.append(measure("PgDn") { keys(&$0, .pageDown) })
        lines.append(measure("PgUp") { keys(&$0, .pageUp) })
        lines.append(measure("G / g (last, first)") { keys(&$0, .char("G")); keys(&$0, .char("g")) })
        lines.append(measure("1 / 2 / 3 (views)") { keys(&$0, .char("1")); keys(&$0, .char("2")); keys(&$0, .char("3")) })
        lines.append(measure("Tab / Shift-Tab") { keys(&$0, .tab); keys(&$0, .backTab) })
        lines.append(measure("s (status cycle)", runs: 100) { keys(&$0, .char("s")) })
        lines.append(measure("Enter, j, Esc (open, scroll, back)") { keys(&$0, .enter); keys(&$0, .char("j")); keys(&$0, .escape) })
        lines.append(measure("? j Esc (help, scroll, close)") { keys(&$0, .char("?")); keys(&$0, .char("j")); keys(&$0, .escape) })
        lines.append(measure("n, a letter, Esc (note)") { keys(&$0, .char("n")); keys(&$0, .char("a")); keys(&$0, .escape) })
        lines.append(measure("r, a letter, Esc (compose)") { keys(&$0, .char("r")); keys(&$0, .char("a")); keys(&$0, .escape) })
        lines.append(measure("t, a letter, Esc (templates)") { keys(&$0, .char("t")); keys(&$0, .char("a")); keys(&$0, .escape) })
        lines.append(measure("m, Esc (move to private)") { keys(&$0, .char("1")); keys(&$0, .char("m")); keys(&$0, .escape) })
        // Resolving: the reduce, re-placing the thread once its record is read back (the
        // append itself is measured by the append benchmark), and undoing it.
        let threads = state.visibleThreads
        var next = 0
        lines.append(measure("x (resolve) + re-place", runs: 100) { s in
            _ = reduce(&s, .key(.char("x")), model)
            _ = reduce(&s, .inboxChanged([threads[next % threads.count]]), model)
            next += 1
            _ = render(s, model)
        })
        lines.append(measure("u (undo)", runs: 100) { keys(&$0, .char("u")) })
        // Triage: a priority re-places its thread in the lists of both orders.
        lines.append(measure("p (priority) + re-place", runs: 100) { s in
            _ = reduce(&s, .key(.char("p")), model)
            _ = reduce(&s, .inboxChanged([threads[next % threads.count]]), model)
            next += 1
            _ = render(s, model)
        })
        lines.append(measure("o o (order: waiting, deadline)") { keys(&$0, .char("o")); keys(&$0, .char("o")) })
        lines.append(measure("G J (last, jump to deadline)") { keys(&$0, .char("G")); keys(&$0, .char("J")) })
        lines.append(measure("z, Esc (snooze menu)") { keys(&$0, .char("z")); keys(&$0, .escape) })
        // The report works out every open thread's clock and level: the one key that walks them.
        lines.append(measure("w, Esc (shift report)", runs: 20) { keys(&$0, .char("w")); keys(&$0, .escape) })
        // The longest threads, opened in turn so that no open finds the last one's layout kept.
        let longest = inbox.threads(view: .all, status: nil, at: now)
            .map { (ref: $0, count: inbox.summary(of: $0, at: now).messageCount) }
            .sorted { $0.count > $1.count }.prefix(2)
        if longest.count == 2 {
            var which = 0
            lines.append(measure("open a \(longest[0].count)-message thread", runs: 50) { s in
                s.status = .all
                s.mode = .conversation
                s.selection[s.view] = longest[which % 2].ref
                which += 1
                _ = render(s, model)
            })
        }
        print("threads in the inbox: \(inbox.threadCount); open threads (all views): \(open); every list built in \(String(format: "%.0f", listsBuilt)) ms at load")
        for line in lines { print(line) }
        print(MainActor.assumeIsolated { DrawBenchmark.measure(path: path) })
        FilterBenchmark.run(model: model, now: now)
    }
}
