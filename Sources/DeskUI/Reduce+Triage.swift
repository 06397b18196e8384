import Desk
import InboxFormat
import InboxStore

/// The snooze menu (`z`): presets, or a time typed in.
public struct SnoozeMenu: Equatable, Sendable {
    /// The thread it snoozes.
    public var threadID: String
    public var presets: [SnoozeTime.Preset]
    /// When the thread's answer is due, if its clock runs: a snooze past it breaks the
    /// promise, which the menu and the confirmation say.
    public var due: Timestamp?
    /// Until when the thread sleeps, when it is snoozed now: `n` wakes it, and after a new
    /// snooze `u` puts this one back.
    public var asleepUntil: Timestamp?
    /// What the agent typed after `c`; nil while choosing a preset.
    public var typed: String?
}

/// `u`: writes the record that takes back the agent's last action of this session.
func undo(_ state: inout AppState, _ model: any ReadModel) -> [Effect] {
    guard let step = state.undoStack.popLast() else {
        state.message = StatusMessage(text: "Nothing to undo.", isError: false)
        return []
    }
    let id = step.thread ?? ""
    if let ref = model.thread(id: id) { state.selection[state.view] = ref }
    switch step {
    case .resolve:
        state.resolvedThisSession -= 1
        state.message = StatusMessage(text: "Reopened \(id).", isError: false)
        return [.append(state.writer.reopen(thread: id), unsent: .undo(step))]
    case .snooze(_, let until, let previous):
        guard let ref = model.thread(id: id), model.status(of: ref, at: state.now) == .snoozed,
              state.summary(of: ref, in: model).snoozedUntil == until else {
            state.message = StatusMessage(text: "\(id) has changed since that snooze; nothing undone.", isError: false)
            return []
        }
        if let previous, previous > state.now {
            state.message = StatusMessage(text: "Snooze undone: \(id) is snoozed until \(state.snoozeTime.label(previous)) again.", isError: false)
            return [.append(state.writer.snooze(thread: id, until: previous), unsent: .undo(step))]
        }
        state.message = StatusMessage(text: "Snooze undone: \(id) is back, under open.", isError: false)
        return [.append(state.writer.reopen(thread: id), unsent: .undo(step))]
    case .wake(_, let until, let last):
        // A customer who wrote since is not to be hidden again.
        guard until > state.now, let ref = model.thread(id: id), model.status(of: ref, at: state.now) == .open,
              lastCustomerMessage(of: ref, in: model) == last else {
            state.message = StatusMessage(text: "\(id) has changed since it was woken, or its snooze is over; nothing undone.", isError: false)
            return []
        }
        state.message = StatusMessage(text: "Wake undone: \(id) is snoozed until \(state.snoozeTime.label(until)) again.", isError: false)
        return [.append(state.writer.snooze(thread: id, until: until), unsent: .undo(step))]
    case .priority(_, let set, let previous):
        // Someone else's level since (another agent, the command line) is not overwritten blindly.
        if let ref = model.thread(id: id) {
            let now = model.priority(of: ref)
            let override = now.setBy == nil ? nil : now.level
            guard override == set, set == nil || now.setBy == state.agent else {
                let who = now.setBy.map { " (\($0.replacingNewlines): \(now.level.name))" } ?? " (back to the rules)"
                state.message = StatusMessage(text: "The priority of \(id) has changed since\(who); nothing undone.", isError: false)
                return []
            }
        }
        state.message = StatusMessage(text: "Priority of \(id) back to \(previous?.name ?? "the rules' verdict").", isError: false)
        return [.append(state.writer.priority(thread: id, level: previous?.name), unsent: .undo(step))]
    case .assign(_, let owner, let previous):
        if let ref = model.thread(id: id), model.assignee(of: ref) != owner {
            let now = model.assignee(of: ref).map { "\($0.replacingNewlines)'s" } ?? "nobody's"
            state.message = StatusMessage(text: "\(id) has changed hands since (now \(now)); nothing undone.", isError: false)
            return []
        }
        state.message = StatusMessage(text: "\(id) back to \(previous.map { "\($0.replacingNewlines)'s" } ?? "nobody").", isError: false)
        return [.append(state.writer.assign(thread: id, to: previous), unsent: .undo(step))]
    case .pin(let pin):
        guard state.pinsUp(model).contains(where: { $0.id == pin }) else {
            state.message = StatusMessage(text: "That pin is down already; nothing undone.", isError: false)
            return []
        }
        state.message = StatusMessage(text: "Pin taken down.", isError: false)
        return [.append(state.writer.unpin(pin: pin), unsent: .undo(step))]
    case .unpin(let pin):
        if let until = pin.until, until <= state.now {
            state.message = StatusMessage(text: "That pin's time is over; nothing to put back.", isError: false)
            return []
        }
        // Up again as it was, under a new id (the record that took it down stays in the
        // file): a `u` further back that would take this pin down now means the new one.
        let (line, newID) = state.writer.pin(text: pin.text, until: pin.until, channel: pin.channel)
        for i in state.undoStack.indices where state.undoStack[i] == .pin(id: pin.id) { state.undoStack[i] = .pin(id: newID) }
        var again = pin
        again.id = newID
        state.message = StatusMessage(text: "Pin up again.", isError: false)
        // Not written: this step goes back on the list, and its retry renames in turn.
        return [.append(line, unsent: .undo(.unpin(again)))]
    }
}

/// The id of the customer's latest message in the thread: what a wake's undo compares.
private func lastCustomerMessage(of ref: ThreadRef, in model: any ReadModel) -> String? {
    model.messages(of: ref).last { $0.direction == .inbound }?.id
}

/// `a`: the selected thread is mine now, or nobody's if it was mine.
func assignToMe(_ state: inout AppState, _ model: any ReadModel) -> [Effect] {
    guard let ref = state.selectedThread else { return [] }
    let id = state.summary(of: ref, in: model).id
    let current = model.assignee(of: ref)
    let next: String? = current == state.agent ? nil : state.agent
    let was = current.map { " (was \($0.replacingNewlines)'s)" } ?? ""
    return give(&state, thread: id, to: next, from: current, saying: next == nil ? "\(id) is nobody's now." : "\(id) is yours now\(was).")
}

/// The `assign` record that gives the thread `id` (owned by `current`) to `owner`, with the
/// step that `u` undoes it by, and `done` (plus how to undo) on the status line.
func give(_ state: inout AppState, thread id: String, to owner: String?, from current: String?, saying done: String) -> [Effect] {
    let step = UndoStep.assign(thread: id, to: owner, previous: current)
    state.undoStack.append(step)
    state.message = StatusMessage(text: done + " u to undo.", isError: false)
    return [.append(state.writer.assign(thread: id, to: owner), unsent: .action(step))]
}

/// `p`: urgent, high, normal, low, then back to the rules; a `priority` record each time.
func cyclePriority(_ state: inout AppState, _ model: any ReadModel) -> [Effect] {
    guard let ref = state.selectedThread else { return [] }
    let id = state.summary(of: ref, in: model).id
    let current = model.priority(of: ref)
    let override = current.setBy == nil ? nil : current.level
    let next: PriorityLevel?
    switch override {
    case nil: next = .urgent
    case .urgent?: next = .high
    case .high?: next = .normal
    case .normal?: next = .low
    case .low?: next = nil
    }
    let step = UndoStep.priority(thread: id, set: next, previous: override)
    state.undoStack.append(step)
    state.message = StatusMessage(text: next.map { "Priority of \(id): \($0.name). p for the next, u to undo." }
        ?? "Priority of \(id): back to the rules. u to undo.", isError: false)
    return [.append(state.writer.priority(thread: id, level: next?.name), unsent: .action(step))]
}

/// `J`: the open thread whose deadline is nearest (the most overdue first), in any view,
/// wherever the selection is; pressed again on it, the next deadline, and so on round, as
/// weechat's jump to the next active buffer goes through them.
func jumpToDeadline(_ state: inout AppState, _ model: any ReadModel) -> [Effect] {
    let byDeadline = state.openByDeadline
    guard let first = byDeadline.first, model.clock(of: first, at: state.now) != nil else {
        state.message = StatusMessage(text: "No open thread has a clock running.", isError: false)
        return []
    }
    var ref = first
    // On the thread it last went to, or already on the nearest, J goes on to the next
    // deadline (round to the first after the last); from anywhere else, to the nearest.
    if let current = state.selectedThread, current == state.lastJump || current == first,
       let i = state.queue.index(of: current, in: state.deadlineKey),
       i + 1 < byDeadline.count, model.clock(of: byDeadline[i + 1], at: state.now) != nil {
        ref = byDeadline[i + 1]
    }
    state.lastJump = ref
    var effects: [Effect] = []
    let visibility = model.replyTarget(of: ref).visibility
    let fits = state.view.admits(owner: model.assignee(of: ref), me: state.agent)
        && (state.view.side == .all || (state.view == .public) == (visibility == .public))
    if !fits || state.status != .open || !state.filterText.isEmpty {
        // The thread must be in the list shown: all views, open, unfiltered.
        if !fits { state.view = .all }
        state.status = .open
        if !state.filterText.isEmpty {
            state.filterText = ""
            effects += state.restartSearch(newText: true)
        }
        state.buildLists(model)
    }
    state.selection[state.view] = ref
    state.cursor[state.view] = state.visibleThreads.firstIndex(of: ref) ?? 0
    state.conversationScroll = 0
    return effects
}

func openSnoozeMenu(_ state: inout AppState, _ model: any ReadModel) {
    guard let ref = state.selectedThread else { return }
    let t = state.summary(of: ref, in: model)
    if t.status == .resolved {
        state.message = StatusMessage(text: "\(t.id) is resolved; nothing to snooze.", isError: false)
        return
    }
    state.snooze = SnoozeMenu(threadID: t.id, presets: state.snoozeTime.presets(at: state.now),
                              due: model.clock(of: ref, at: state.now)?.due,
                              asleepUntil: t.snoozedUntil)  // nil unless it is snoozed now
    state.message = nil
    state.mode = .snooze
}

/// Keys in the snooze menu: a preset's key, `c` to type a time, Esc to cancel.
func snoozeKey(_ state: inout AppState, _ key: Key, _ model: any ReadModel) -> [Effect] {
    guard var menu = state.snooze else {
        state.mode = .queue
        return []
    }
    state.message = nil
    if var typed = menu.typed {
        switch key {
        case .escape:
            menu.typed = nil
        case .backspace:
            if !typed.isEmpty { typed.removeLast() }
            menu.typed = typed
        case .ctrl("u"):
            menu.typed = ""
        case .char(let c):
            menu.typed = typed + String(c)
        case .enter:
            guard let until = state.snoozeTime.parse(typed, now: state.now) else {
                let text = state.snoozeTime.isBeyondTheInbox(typed, now: state.now) ? "That is past the year 9999, which no record can hold."
                    : "Not a time: try 2h, 1h30m, 17:30, tomorrow 14:00 or 2026-12-01 09:00."
                state.message = StatusMessage(text: text, isError: true)
                return []
            }
            guard until > state.now else {
                state.message = StatusMessage(text: "\(state.snoozeTime.label(until)) has passed: give a time ahead.", isError: true)
                return []
            }
            return snooze(&state, menu, until: until)
        default:
            break
        }
        state.snooze = menu
        return []
    }
    switch key {
    case .escape, .char("q"):
        state.snooze = nil
        state.mode = .queue
    case .char("c"):
        menu.typed = ""
        state.snooze = menu
    case .char("n"):
        // Awake now: a `reopen`, which ends a snooze early.
        guard let until = menu.asleepUntil else { break }
        state.snooze = nil
        state.mode = .queue
        let step = UndoStep.wake(thread: menu.threadID, until: until,
                                 lastCustomerMessage: model.thread(id: menu.threadID).flatMap { lastCustomerMessage(of: $0, in: model) })
        state.undoStack.append(step)
        state.message = StatusMessage(text: "\(menu.threadID) is awake, under open. u to undo.", isError: false)
        return [.append(state.writer.reopen(thread: menu.threadID), unsent: .action(step))]
    case .char(let c):
        if let preset = menu.presets.first(where: { $0.key == c }) { return snooze(&state, menu, until: preset.until) }
    default:
        break
    }
    return []
}

private func snooze(_ state: inout AppState, _ menu: SnoozeMenu, until: Timestamp) -> [Effect] {
    state.snooze = nil
    state.mode = .queue
    let id = menu.threadID
    let line = state.writer.snooze(thread: id, until: until)
    let step = UndoStep.snooze(thread: id, until: until, previousUntil: menu.asleepUntil)
    state.undoStack.append(step)
    // The thread sleeps but its clock runs on: say when the deadline will have passed.
    let label = state.snoozeTime.label(until)
    if let due = menu.due, until > due {
        state.message = StatusMessage(text: "Snoozed \(id) until \(label), past its deadline (\(state.snoozeTime.label(due))). u to undo.", isError: false)
    } else {
        state.message = StatusMessage(text: "Snoozed \(id) until \(label); back sooner if the customer writes. u to undo.", isError: false)
    }
    return [.append(line, unsent: .action(step))]
}
