import Desk
import InboxFormat
import InboxStore

/// The surge view (`S`): one surge's threads, oldest first, in place of the queue's list.
public struct SurgeView: Equatable, Sendable {
    /// The surge's id (its first message's).
    public var id: String
    public var threads: [ThreadRef]
    /// Where the queue's selection was, to go back to.
    var returnTo: (selection: ThreadRef?, cursor: Int?)

    public static func == (a: SurgeView, b: SurgeView) -> Bool { a.id == b.id && a.threads == b.threads }
}

extension AppState {
    /// The surge the banner offers: the newest one going on that the agents did not dismiss.
    func bannerSurge(_ model: any ReadModel) -> Surge? {
        model.surges(at: now).last { $0.active }
    }
}

/// `S`: the surge going on (or, pressed in the surge view, the next one of the day, round).
func openSurgeView(_ state: inout AppState, _ model: any ReadModel) -> [Effect] {
    let surges = model.surges(at: state.now)
    guard !surges.isEmpty else {
        state.message = StatusMessage(text: "No surge today: S shows one when many people write about the same thing.", isError: false)
        return []
    }
    let surge: Surge
    if let current = state.surgeView, let i = surges.firstIndex(where: { $0.id == current.id }) {
        surge = surges[(i + 1) % surges.count]
    } else {
        surge = state.bannerSurge(model) ?? surges[surges.count - 1]
    }
    let back = state.surgeView?.returnTo ?? (state.selection[state.view], state.cursor[state.view])
    state.surgeView = SurgeView(id: surge.id, threads: surge.threads, returnTo: back)
    state.mode = .queue
    state.conversationScroll = 0
    if let first = surge.threads.first {
        state.selection[state.view] = first
        state.cursor[state.view] = 0
    }
    state.message = StatusMessage(text: "Surge: \(surge.size) people\(surges.count > 1 ? " · S for the next" : "") · D not a surge · Esc back",
                                  isError: false)
    return []
}

/// Leaves the surge view for the queue.
func closeSurgeView(_ state: inout AppState) {
    let back = state.surgeView?.returnTo
    state.surgeView = nil
    state.selection[state.view] = back?.selection
    state.cursor[state.view] = back?.cursor
    state.message = nil
}

/// `D`: the surge in view, else the banner's, is not one: a `dismiss` record, for every agent.
func dismissSurge(_ state: inout AppState, _ model: any ReadModel) -> [Effect] {
    guard let id = state.surgeView?.id ?? state.bannerSurge(model)?.id else {
        state.message = StatusMessage(text: "No surge to dismiss.", isError: false)
        return []
    }
    if state.surgeView != nil { closeSurgeView(&state) }
    state.message = StatusMessage(text: "Dismissed the surge: it no longer shows, for anyone.", isError: false)
    return [.append(state.writer.dismiss(surge: id))]
}

/// New records may add people to the surge in view, or dismiss it.
func refreshSurgeView(_ state: inout AppState, _ model: any ReadModel) {
    guard let view = state.surgeView else { return }
    guard let surge = model.surges(at: state.now).first(where: { $0.id == view.id || $0.aliases.contains(view.id) }) else {
        // A batch going through it keeps its list to the end.
        guard state.batch == nil else { return }
        closeSurgeView(&state)
        state.message = StatusMessage(text: "That surge was dismissed.", isError: false)
        return
    }
    state.surgeView?.id = surge.id
    state.surgeView?.threads = surge.threads
}

/// The line under the title while a surge is going on: how many people, what they say,
/// since when, and the keys for it.
enum SurgeBanner {
    static func draw(_ surge: Surge, _ state: AppState, hasPin: Bool, into grid: inout Grid, y: Int) {
        grid.fill(x: 0, y: y, width: grid.width, height: 1, style: Style(.warning, reverse: true))
        let words = surge.words.map { TextSafety.singleLine($0) }.joined(separator: " · ")
        let since = (state.hours ?? .always).local(surge.since).clock()
        let text = " ⚡ \(surge.size) people since \(since): \(words)  │ S see them\(hasPin ? "" : " · P pin an answer") · D not a surge"
        grid.put(text, x: 0, y: y, limit: grid.width, style: Style(.warning, bold: true, reverse: true))
    }
}

extension SurgeBanner {
    /// After hours, with no notice pinned: the offer to pin one.
    static func drawAfterHours(into grid: inout Grid, y: Int) {
        grid.fill(x: 0, y: y, width: grid.width, height: 1, style: Style(.accent, reverse: true))
        grid.put(" After hours, and nothing pinned │ P pins a notice that says when you are back", x: 0, y: y, limit: grid.width,
                 style: Style(.accent, bold: true, reverse: true))
    }
}

/// The queue pane's heading in the surge view.
func surgeHeading(_ view: SurgeView, _ state: AppState, _ model: any ReadModel) -> String {
    let answered = view.threads.count { model.status(of: $0, at: state.now) != .open }
    return "Surge · \(view.threads.count) people · \(answered) answered · oldest first"
}
