import Desk
import InboxFormat
import InboxStore

/// An announcement being written to pin (`P`): its text, from a pin template, and until
/// when it stays up.
public struct PinDraft: Equatable, Sendable {
    public var editor: TextEditor
    /// The end time as typed; empty: until someone takes it down.
    public var until = ""
    /// Whether the keys go to the end time rather than the text (Tab switches).
    public var editingUntil = false
}

/// `U` with several pins up: which one to take down.
public struct UnpinMenu: Equatable, Sendable {
    public var pins: [Pin]
}

extension AppState {
    /// The pins that show now, oldest first: up, and not past their end.
    func pinsUp(_ model: any ReadModel) -> [Pin] {
        model.activePins.filter { pin in pin.until.map { $0 > now } ?? true }
    }

    /// After hours with the team's hours set: the after-hours pin is what to offer.
    var isAfterHours: Bool { hours.map { !$0.isOpen(at: now) } ?? false }
}

/// `P`: the pin composer, with the outage template (or, after hours with no surge going
/// on, the after-hours one) in the configured language, ready to edit.
func openPinDraft(_ state: inout AppState, _ model: any ReadModel) {
    if state.pinDraft == nil {
        let name = state.isAfterHours && state.bannerSurge(model) == nil ? "pin-after-hours" : "pin-outage"
        let values = TemplateValues(customer: nil, agent: state.agent, channel: "", lastMessage: nil, now: state.now, hours: state.hours)
        let text = state.templates.pinTemplate(name, language: state.language)?.render(values) ?? ""
        state.pinDraft = PinDraft(editor: TextEditor(text))
    }
    state.mode = .pin
}

/// Keys in the pin composer: edit the text or the end time, Tab between them, Ctrl-S to
/// pin, Esc to leave (the draft stays for the next `P`).
func pinKey(_ state: inout AppState, _ key: Key, _ model: any ReadModel) -> [Effect] {
    guard var draft = state.pinDraft else { state.mode = .queue; return [] }
    state.message = nil
    switch key {
    case .escape:
        state.mode = .queue
        state.message = StatusMessage(text: "Not pinned; P to go on with it.", isError: false)
        return []
    case .tab, .backTab:
        draft.editingUntil.toggle()
    case .ctrl("s"):
        return pin(&state, draft)
    case .char(let c):
        if draft.editingUntil { draft.until.append(c) } else { draft.editor.insert(String(c)) }
    case .backspace:
        if draft.editingUntil { if !draft.until.isEmpty { draft.until.removeLast() } } else { draft.editor.backspace() }
    case .enter:
        if draft.editingUntil { return pin(&state, draft) }
        draft.editor.insert("\n")
    case .delete: if !draft.editingUntil { draft.editor.deleteForward() }
    case .left: if !draft.editingUntil { draft.editor.moveLeft() }
    case .right: if !draft.editingUntil { draft.editor.moveRight() }
    case .up: if !draft.editingUntil { draft.editor.moveVertically(-1) }
    case .down: if !draft.editingUntil { draft.editor.moveVertically(1) }
    case .home: if !draft.editingUntil { draft.editor.moveHome() }
    case .end: if !draft.editingUntil { draft.editor.moveEnd() }
    case .ctrl("u"):
        if draft.editingUntil { draft.until = "" } else { draft.editor.undo() }
    case .ctrl("w"): if !draft.editingUntil { draft.editor.deleteWordBackward() }
    default: break
    }
    state.pinDraft = draft
    return []
}

/// Writes the pin, if its text and end time are good.
private func pin(_ state: inout AppState, _ draft: PinDraft) -> [Effect] {
    let text = draft.editor.text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !text.isEmpty else {
        state.message = StatusMessage(text: "Nothing to pin: write the announcement first.", isError: true)
        return []
    }
    var until: Timestamp?
    let typed = draft.until.trimmingCharacters(in: .whitespaces)
    if !typed.isEmpty {
        guard let time = state.snoozeTime.parse(typed, now: state.now), time > state.now else {
            state.message = StatusMessage(text: "Until: “\(typed.replacingNewlines)” is no time to come (2h, 90m, 17:30, tomorrow, 2026-12-01 09:00).",
                                          isError: true)
            state.pinDraft?.editingUntil = true
            return []
        }
        until = time
    }
    state.pinDraft = nil
    state.mode = .queue
    let (line, id) = state.writer.pin(text: text, until: until, channel: nil)
    state.undoStack.append(.pin(id: id))
    state.message = StatusMessage(text: "Pinned for every agent\(until.map { " until \(state.snoozeTime.label($0))" } ?? ""). U takes it down, u undoes.", isError: false)
    return [.append(line, unsent: .pin(draft, id: id))]
}

/// `U`: takes the pin down, or asks which when several are up.
func unpin(_ state: inout AppState, _ model: any ReadModel) -> [Effect] {
    let pins = state.pinsUp(model)
    switch pins.count {
    case 0:
        state.message = StatusMessage(text: "No pin is up. P pins an announcement.", isError: false)
        return []
    case 1:
        return takeDown(&state, pins[0], saying: "Pin taken down.")
    default:
        state.unpinMenu = UnpinMenu(pins: Array(pins.prefix(9)))
        state.mode = .unpin
        if pins.count > 9 {
            state.message = StatusMessage(text: "The 9 oldest of \(pins.count) pins; shiftdesk pins and unpin reach the rest.", isError: false)
        }
        return []
    }
}

/// Keys of the unpin menu: 1 to 9 take that pin down; anything else leaves.
func unpinKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    defer {
        state.unpinMenu = nil
        state.mode = .queue
    }
    guard let menu = state.unpinMenu, case .char(let c) = key, let n = c.wholeNumberValue, (1...menu.pins.count).contains(n) else {
        state.message = StatusMessage(text: "No pin taken down.", isError: false)
        return []
    }
    return takeDown(&state, menu.pins[n - 1], saying: "Pin \(n) taken down.")
}

/// The `unpin` of `pin`, which `u` undoes by putting it up again.
private func takeDown(_ state: inout AppState, _ pin: Pin, saying done: String) -> [Effect] {
    let step = UndoStep.unpin(pin)
    state.undoStack.append(step)
    state.message = StatusMessage(text: done + " u to undo.", isError: false)
    return [.append(state.writer.unpin(pin: pin.id), unsent: .action(step))]
}

/// The pin composer: a box over the panes with the text and the end time.
enum PinOverlay {
    static func draw(_ state: AppState, into grid: inout Grid) {
        guard let draft = state.pinDraft else { return }
        let textWidth = min(grid.width - 2, 72) - 4
        let layout = draft.editor.layout(width: max(1, textWidth))
        let textRows = min(max(3, layout.lines.count), max(1, grid.height - 10))
        let rows = textRows + 6
        guard let (x0, y0, width) = OverlayBox.draw("Pin an announcement: top of the public view, every agent", width: 72, minimum: 24,
                                                    rows: rows, into: &grid) else { return }
        let first = max(0, min(layout.cursorRow - textRows + 1, layout.lines.count - textRows))
        for (i, line) in layout.lines.dropFirst(first).prefix(textRows).enumerated() {
            grid.put(line, x: x0 + 2, y: y0 + 1 + i, limit: textWidth, style: draft.editingUntil ? .dim : .normal)
        }
        if !draft.editingUntil {
            let row = layout.cursorRow - first
            if (0..<textRows).contains(row) { grid.put("█", x: x0 + 2 + min(layout.cursorColumn, textWidth - 1), y: y0 + 1 + row, style: .dim) }
        }
        let untilRow = y0 + 2 + textRows
        let used = grid.put("Until: ", x: x0 + 2, y: untilRow, style: Style(.accent, bold: true))
        let end = grid.put(draft.until.isEmpty && !draft.editingUntil ? "(until taken down)" : draft.until, x: x0 + 2 + used, y: untilRow,
                           limit: width - 6 - used, style: draft.until.isEmpty && !draft.editingUntil ? .dim : .normal)
        if draft.editingUntil { grid.put("█", x: x0 + 2 + used + end, y: untilRow, style: .dim) }
        grid.put("2h · 90m · 17:30 · tomorrow · 2026-12-01 09:00", x: x0 + 2, y: untilRow + 1, limit: width - 4, style: .dim)
        grid.put("Ctrl-S pin · Tab text/until · Esc keep for later", x: x0 + 2, y: untilRow + 2, limit: width - 4, style: .dim)
    }
}

/// `U` with several pins: a numbered list to choose from.
enum UnpinOverlay {
    static func draw(_ state: AppState, into grid: inout Grid) {
        guard let menu = state.unpinMenu else { return }
        let rows = menu.pins.count + 3
        guard let (x0, y0, width) = OverlayBox.draw("Take which pin down?", width: 72, minimum: 20, rows: rows, into: &grid) else { return }
        for (i, pin) in menu.pins.enumerated() {
            grid.put("\(i + 1)  \(pin.text.replacingNewlines)", x: x0 + 2, y: y0 + 1 + i, limit: width - 4)
        }
        grid.put("1–\(menu.pins.count) take it down · any other key: none", x: x0 + 2, y: y0 + 1 + menu.pins.count, limit: width - 4, style: .dim)
    }
}
