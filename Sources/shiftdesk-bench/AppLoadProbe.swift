import DeskUI
import Desk
import InboxFormat
import InboxStore

/// `appload FILE [--triage]`: what an agent waits for when the app opens FILE, until the
/// queue can be drawn: the read model and every (view, status, order) list, deadlines
/// included, in a fresh process. With `--triage`, the built-in rules rate the messages
/// customers wait on, as the app runs; without, no rule does (every waiting thread is
/// normal), so the two differ by what classifying costs. Prints seconds.
enum AppLoadProbe {
    static func run(path: String, triage withRules: Bool) {
        // Compiled before the clock starts, as the app does it once at start-up.
        let triage = Triage(classifier: withRules ? TriageRules().classifier() : nil)
        let now = Timestamp.now()
        let start = monotonicNanos()
        let model: InboxModel
        do { model = try InboxModel(path: path, triage: triage) } catch { fail(error.message) }
        var state = AppState(model: model, agent: "bench", now: now, width: 120, height: 40)
        state.buildAllLists(model)
        let seconds = Double(monotonicNanos() - start) / 1e9
        print("\(seconds) \(state.openCount(.all))")
    }
}
