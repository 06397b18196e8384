import Desk
import InboxFormat
import InboxStore

/// Draws the whole screen for `state`, into a new grid: a function of the state and of
/// what `model` (the inbox as the loop holds it) says, at the state's time.
public func render(_ state: AppState, _ model: any ReadModel) -> Grid {
    var grid = Grid(width: state.width, height: state.height)
    guard state.width >= 20, state.height >= 6 else {
        grid.put("Terminal too small", x: 0, y: 0)
        return grid
    }
    let pins = shownPins(state, model)
    let surge = state.bannerSurge(model)
    // After hours with nothing pinned, the banner offers the after-hours notice.
    // Whether a pin is up, in any view: the private view shows none, but one is up.
    let pinned = !state.pinsUp(model).isEmpty
    let offerAfterHours = surge == nil && !pinned && state.isAfterHours
    let layout = Layout(width: state.width, height: state.height, hasSurge: surge != nil || offerAfterHours, hasPins: !pins.isEmpty)
    TitleBar.draw(state, model, into: &grid, y: 0)
    if state.mode == .report {
        ReportScreenView.draw(state, into: &grid)
        if let message = state.message { grid.put(message.text, x: 0, y: state.height - 2, style: message.isError ? Style(.error, bold: true) : .normal) }
        return grid
    }
    if layout.surgeRow >= 0, let surge { SurgeBanner.draw(surge, state, hasPin: pinned, into: &grid, y: layout.surgeRow) }
    if layout.surgeRow >= 0, offerAfterHours { SurgeBanner.drawAfterHours(into: &grid, y: layout.surgeRow) }
    if layout.pinRow >= 0, let pin = pins.last {
        grid.fill(x: 0, y: layout.pinRow, width: state.width, height: 1, style: Style(.accent))
        // Who pinned it and since when come first: the text may be cut.
        let since = (state.hours ?? .always).local(pin.at).clock()
        let more = pins.count > 1 ? " (+\(pins.count - 1) more)" : ""
        let used = grid.put("📌 \(pin.agent.replacingNewlines), \(since)\(more): ", x: 1, y: layout.pinRow, limit: state.width - 2, style: Style(.accent))
        grid.put(pin.text.replacingNewlines, x: 1 + used, y: layout.pinRow, limit: state.width - 2 - used, style: Style(.accent, bold: true))
    }
    QueuePane.draw(state, model, into: &grid, frame: layout.queue)
    if layout.conversation.width > 0 {
        for y in layout.queue.y..<(layout.queue.y + layout.queue.height) {
            grid.put("│", x: layout.queue.x + layout.queue.width, y: y, style: .dim)
        }
    }
    if state.mode == .compose, state.compose != nil, layout.conversation.width > 0 {
        // Writing: the conversation stays in view above the reply.
        let right = Frame(x: layout.conversation.x, y: layout.conversation.y, width: layout.conversation.width,
                          height: layout.conversation.height + layout.context.height)
        let composeHeight = max(4, right.height * 11 / 20)
        ConversationPane.draw(state, model, into: &grid, frame: Frame(x: right.x, y: right.y, width: right.width, height: right.height - composeHeight))
        ComposePane.draw(state, model, into: &grid, frame: Frame(x: right.x, y: right.y + right.height - composeHeight, width: right.width, height: composeHeight))
    } else {
        ConversationPane.draw(state, model, into: &grid, frame: layout.conversation)
        ContextPane.draw(state, model, into: &grid, frame: layout.context)
    }
    let goPrivate = state.mode == .compose && state.compose.map { state.publicRepliesToday(in: $0.thread, model) >= 2 } == true
    BottomLines.draw(state, goPrivate: goPrivate, into: &grid, messageRow: state.height - 2, hintRow: state.height - 1)
    if state.mode == .help { HelpOverlay.draw(state, into: &grid) }
    if state.mode == .picker { PickerOverlay.draw(state, model, into: &grid) }
    if state.mode == .snooze { SnoozeOverlay.draw(state, into: &grid) }
    if state.mode == .pin { PinOverlay.draw(state, into: &grid) }
    if state.mode == .unpin { UnpinOverlay.draw(state, into: &grid) }
    if state.mode == .assignTo { AgentPickerOverlay.draw(state, model, into: &grid) }
    return grid
}

/// The pinned announcements the current view shows: public and all views only.
func shownPins(_ state: AppState, _ model: any ReadModel) -> [Pin] {
    guard state.view != .private else { return [] }
    return model.activePins.filter { pin in pin.until.map { $0 > state.now } ?? true }
}

/// A rectangle of the screen.
struct Frame {
    var x, y, width, height: Int
}

/// Where the panes go for a terminal size: queue on the left, conversation on the right,
/// the customer's other threads under the conversation.
struct Layout {
    /// The surge banner's row and the pin's, under the title; -1 when not shown.
    var surgeRow: Int
    var pinRow: Int
    var queue: Frame
    var conversation: Frame
    var context: Frame

    init(width: Int, height: Int, hasSurge: Bool = false, hasPins: Bool) {
        surgeRow = hasSurge ? 1 : -1
        pinRow = hasPins ? (hasSurge ? 2 : 1) : -1
        let top = 1 + (hasSurge ? 1 : 0) + (hasPins ? 1 : 0)
        let bodyHeight = max(0, height - top - 2)
        // Narrow: nearly half, so a queue row keeps room for the message; wide: up to 64,
        // past which the conversation makes better use of the columns.
        var queueWidth = width >= 120 ? min(64, max(48, width * 3 / 10)) : max(24, min(48, width * 9 / 20))
        // Too narrow for two panes: the queue alone, which is what an agent needs first.
        if queueWidth > width - 12 { queueWidth = width }
        queue = Frame(x: 0, y: top, width: queueWidth, height: bodyHeight)
        let rightX = min(width, queueWidth + 1)
        let rightWidth = max(0, width - rightX)
        let contextHeight = min(min(6, max(3, bodyHeight / 4)), max(0, bodyHeight - 2))
        conversation = Frame(x: rightX, y: top, width: rightWidth, height: bodyHeight - contextHeight)
        context = Frame(x: rightX, y: top + bodyHeight - contextHeight, width: rightWidth, height: contextHeight)
    }
}

extension String {
    /// One line: newlines and tabs as spaces, for names and excerpts.
    var replacingNewlines: String { TextSafety.singleLine(self) }
}

/// The first line: who, which view, the counts.
enum TitleBar {
    static func draw(_ state: AppState, _ model: any ReadModel, into grid: inout Grid, y: Int) {
        grid.fill(x: 0, y: y, width: grid.width, height: 1, style: Style(.header, reverse: true))
        var x = grid.put(" \(state.agent.replacingNewlines) │", x: 0, y: y, style: Style(.header, bold: true, reverse: true))
        // Mine and Unassigned only when they say something: mine when I own open threads,
        // either while it is the view; so an 80-column title keeps its clocks.
        let views = QueueView.allCases.filter { view in
            switch view {
            case .public, .private, .all: return true
            case .mine: return view == state.view || state.openCount(.mine) > 0
            case .unassigned: return view == state.view
            }
        }
        for view in views {
            let text = " \(view.label) \(state.openCount(view)) "
            let selected = view == state.view
            x += grid.put(selected ? "[\(text.dropFirst().dropLast())]" : text, x: x, y: y,
                          style: Style(.header, bold: selected, reverse: !selected, underline: selected))
        }
        // The clocks before the rest: on a narrow terminal they are what must not be cut;
        // only a store out of reach comes first, since nothing the agent sends is stored,
        // then replies that did not go out, whose customers no clock counts for.
        var rest = ""
        if let trouble = state.storeTrouble {
            rest += " │ ⚠ \(trouble.replacingNewlines)"
            if state.waitingAppends > 0 { rest += " · \(state.waitingAppends) waiting to be stored" }
        }
        let failed = model.failedReplies
        if failed > 0 { rest += " │ ⚠ \(failed) repl\(failed == 1 ? "y" : "ies") failed" }
        let due = state.deadlineCounts()
        if due.overdue > 0 || due.dueSoon > 0 {
            rest += " │ " + [due.overdue > 0 ? "\(due.overdue) overdue" : nil, due.dueSoon > 0 ? "\(due.dueSoon) due in 15 min" : nil]
                .compactMap { $0 }.joined(separator: " · ")
        }
        if let hours = state.hours, !hours.isOpen(at: state.now), let back = hours.nextOpening(after: state.now) {
            let local = hours.local(back)
            let soon = back.milliseconds - state.now.milliseconds < 20 * 3_600_000
            let when = soon ? local.clock() : local.dayAndClock
            // On a narrow terminal the short form, so that the time when the team is back shows.
            let long = " │ after hours · back " + when
            let fits = DisplayWidth.of(rest + long + " │ \(state.status.rawValue)") <= grid.width - x
            rest += fits ? long : " │ off till " + when
        }
        rest += " │ \(state.status.rawValue) │ resolved \(state.resolvedThisSession)"
        let bad = model.problems.count
        if bad > 0 { rest += " │ ⚠ \(bad) malformed" }
        if !state.following { rest += " │ ⚠ not following" }
        grid.put(rest, x: x, y: y, style: Style(.header, reverse: true))
    }
}

/// The bottom two lines: the message or input line, and the key hints from the keymap.
enum BottomLines {
    /// `goPrivate`: the reply being written is the third in public today: the hint names the way out.
    static func draw(_ state: AppState, goPrivate: Bool = false, into grid: inout Grid, messageRow: Int, hintRow: Int) {
        switch state.mode {
        case .filter:
            let used = grid.put("/", x: 0, y: messageRow, style: Style(.accent, bold: true))
            let end = grid.put(state.filterText, x: used, y: messageRow)
            grid.put("█", x: used + end, y: messageRow, style: .dim)
            if let progress = searchProgress(state) {
                grid.put(progress, x: min(grid.width - 1, used + end + 2), y: messageRow, style: .dim)
            }
        case .note:
            let used = grid.put("Note: ", x: 0, y: messageRow, style: Style(.note, bold: true))
            let end = grid.put(state.noteText, x: used, y: messageRow)
            grid.put("█", x: used + end, y: messageRow, style: .dim)
            grid.put(" Enter add · Esc keep for later", x: min(grid.width - 1, used + end + 2), y: messageRow, style: .dim)
        case .compose:
            if let message = state.message {
                grid.put(message.text, x: 0, y: messageRow, style: message.isError ? Style(.error, bold: true) : .normal)
            } else if state.compose?.pendingChanges != nil {
                grid.put("Someone else acted in this thread: y send anyway · d discard · any other key back to the reply",
                         x: 0, y: messageRow, style: Style(.warning, bold: true))
            } else if let warnings = state.compose?.pendingWarnings {
                grid.put("Send anyway? y sends · any other key goes back to the reply (\(warnings.count) warning\(warnings.count == 1 ? "" : "s") above)",
                         x: 0, y: messageRow, style: Style(.warning, bold: true))
            } else if let batch = state.batch, batch.current == state.compose?.thread {
                // Answering a surge one by one: the keys that move through it.
                grid.put("\(batch.progress): Ctrl-S send, then the next · Ctrl-N skip · Ctrl-E editor · Esc keep draft, leave the batch",
                         x: 0, y: messageRow, style: .dim)
            } else {
                grid.put((goPrivate ? "Third public reply: Esc, then m moves it to private · " : "")
                         + "Ctrl-S send · Ctrl-X send+resolve · Ctrl-E editor · Ctrl-U undo · Esc keep draft",
                         x: 0, y: messageRow, style: goPrivate ? Style(.warning) : .dim)
            }
        case .picker:
            grid.put("Type to filter templates · ↑/↓ choose · Enter use · Esc cancel", x: 0, y: messageRow, style: .dim)
        case .snooze:
            if let message = state.message, message.isError {
                grid.put(message.text, x: 0, y: messageRow, style: Style(.error, bold: true))
            } else {
                let keys = (state.snooze?.presets ?? []).map { String($0.key) }.joined(separator: "/")
                let wake = state.snooze?.asleepUntil == nil ? "" : " · n wake it now"
                grid.put(state.snooze?.typed == nil ? "\(keys) choose\(wake) · c type a time · Esc cancel" : "Enter snooze · Esc back to the presets",
                         x: 0, y: messageRow, style: .dim)
            }
        case .confirmQuit:
            grid.put("A note is unsent. Quit and discard it? y/n", x: 0, y: messageRow, style: Style(.warning, bold: true))
        case .pin, .unpin, .assignTo:
            if let message = state.message {
                grid.put(message.text, x: 0, y: messageRow, style: message.isError ? Style(.error, bold: true) : .normal)
            }
        default:
            if let message = state.message {
                grid.put(message.text, x: 0, y: messageRow, style: message.isError ? Style(.error, bold: true) : .normal)
            } else if !state.filterText.isEmpty {
                grid.put("filter: \(state.filterText)  (Esc clears)", x: 0, y: messageRow, style: .dim)
            }
        }
        grid.put(Keymap.hints.joined(separator: " · "), x: 0, y: hintRow, style: .dim)
    }
}

/// How far the filter's search has got, while it runs on a long list.
func searchProgress(_ state: AppState) -> String? {
    let search = state.search
    guard !state.filterText.isEmpty, search.searching, search.total > 0 else { return nil }
    return "searching… \(search.searched * 100 / search.total)%"
}
