import Desk
import InboxFormat
import InboxStore

/// The reply being written: who it goes to, a counter against the channel's limit, the
/// editor with its cursor, and the personal-touch warnings when there are any.
enum ComposePane {
    static func draw(_ state: AppState, _ model: any ReadModel, into grid: inout Grid, frame: Frame) {
        guard let compose = state.compose, frame.width > 4, frame.height > 2 else { return }
        let t = state.summary(of: compose.thread, in: model)
        let composeLimit = state.composeLimit(model)
        grid.fill(x: frame.x, y: frame.y, width: frame.width, height: 1, style: Style(.header, reverse: true))
        // Which account it goes out from is part of the title: a reply from the wrong brand
        // is the mistake nobody can take back.
        let account = state.replies.account(for: model.replyTarget(of: compose.thread), agent: state.agent)
        var head = " To \(t.customer?.displayName.replacingNewlines ?? t.id)"
            + " from \((account.handle ?? account.name ?? account.id).replacingNewlines) · \(t.channel) \(t.visibility.name)"
        if let name = compose.templateName { head += " · \(name)" }
        if let batch = state.batch, batch.current == compose.thread { head += " · \(batch.progress)" }
        let count = compose.editor.characters.count
        var counter = " \(count)"
        if let limit = composeLimit { counter += "/\(limit)" }
        counter += " "
        let over = composeLimit.map { count > $0 } ?? false
        grid.put(head, x: frame.x, y: frame.y, limit: frame.width - DisplayWidth.of(counter), style: Style(.header, bold: true, reverse: true))
        grid.put(counter, x: frame.x + frame.width - DisplayWidth.of(counter), y: frame.y,
                 style: over ? Style(.error, bold: true, reverse: true) : Style(.header, reverse: true))
        var rows = frame.height - 1
        var y = frame.y + 1
        // Another agent writing here too: said from the moment the pane opens.
        let writers = Array(Set(state.presence.filter { $0.thread == compose.threadID && $0.typing && $0.agent != state.agent }.map(\.agent))).sorted()
        if !writers.isEmpty, rows > 3 {
            let names = writers.map { TextSafety.singleLine($0, maxScalars: 24) }.joined(separator: ", ")
            grid.put("\(state.plainSymbols ? "!" : "✎") \(names) \(writers.count == 1 ? "is" : "are") writing a reply here too.",
                     x: frame.x + 1, y: y, limit: frame.width - 1, style: Style(.warning, bold: true))
            y += 1
            rows -= 1
        }
        if let changes = compose.pendingChanges {
            grid.put("⚠ Since you started this reply:", x: frame.x + 1, y: y, limit: frame.width - 1, style: Style(.warning, bold: true))
            y += 1
            rows -= 1
            for change in changes.prefix(max(1, rows / 2)) {
                grid.put("  " + change, x: frame.x + 1, y: y, limit: frame.width - 1, style: Style(.warning, bold: true))
                y += 1
                rows -= 1
            }
        } else if let warnings = compose.pendingWarnings {
            // Wrapped, not cut: the agent answers y or n to what the warning asks, so all of
            // it must be read; half the pane at most, the reply keeps the rest.
            var budget = max(1, rows / 2)
            for warning in warnings {
                for line in Wrap.lines("⚠ " + warning.message, width: frame.width - 1).prefix(budget) {
                    grid.put(line, x: frame.x + 1, y: y, limit: frame.width - 1, style: Style(.warning, bold: true))
                    y += 1
                    rows -= 1
                    budget -= 1
                }
                if budget <= 0 { break }
            }
        } else {
            if over, let limit = composeLimit {
                grid.put("⚠ Over \(t.channel)'s \(limit) characters: shorten it, or offer to continue in private (t, move-to-dm).",
                         x: frame.x + 1, y: y, limit: frame.width - 1, style: Style(.error, bold: true))
                y += 1
                rows -= 1
            }
            if rows > 2, state.publicRepliesToday(in: compose.thread, model) >= 2 {
                grid.put("⚠ The third public reply in this thread today: take it private (Esc, then m).",
                         x: frame.x + 1, y: y, limit: frame.width - 1, style: Style(.warning, bold: true))
                y += 1
                rows -= 1
            }
        }
        guard rows > 0 else { return }
        let layout = compose.editor.layout(width: frame.width - 2)
        let first = max(0, layout.cursorRow - rows + 1)
        for (i, line) in layout.lines.dropFirst(first).prefix(rows).enumerated() {
            grid.put(line, x: frame.x + 1, y: y + i, limit: frame.width - 2)
        }
        // The cursor, drawn as a reversed cell: the terminal's own cursor stays hidden.
        let cy = y + layout.cursorRow - first
        let cx = frame.x + 1 + layout.cursorColumn
        if cy < frame.y + frame.height, cx < frame.x + frame.width, state.mode == .compose {
            let under = grid[cx, cy]
            grid.put(under.width == 0 || under.text == " " ? " " : under.text, x: cx, y: cy, style: Style(.normal, reverse: true))
        }
    }
}

/// `t`: the templates, suitable ones first, with this thread's preview of the chosen one.
enum PickerOverlay {
    static func draw(_ state: AppState, _ model: any ReadModel, into grid: inout Grid) {
        guard let picker = state.picker, let ref = state.selectedThread else { return }
        let width = min(grid.width - 2, 100)
        let height = min(grid.height - 2, 24)
        guard width > 10, height > 6 else { return }
        let x0 = (grid.width - width) / 2
        let y0 = (grid.height - height) / 2
        grid.fill(x: x0, y: y0, width: width, height: height)
        let title = "┌ Templates · answering in \(picker.language) "
        grid.put(title + String(repeating: "─", count: max(0, width - DisplayWidth.of(title) - 1)) + "┐", x: x0, y: y0, style: .dim)
        grid.put("Filter: " + picker.filter + "█", x: x0 + 2, y: y0 + 1, limit: width - 4, style: Style(.accent, bold: true))
        let list = state.pickerTemplates(model)
        let listRows = max(1, (height - 4) / 2)
        let first = max(0, min(picker.index - listRows / 2, list.count - listRows))
        for (i, template) in list.dropFirst(first).prefix(listRows).enumerated() {
            let selected = first + i == picker.index
            let t = state.summary(of: ref, in: model)
            let mark = template.suits(t.visibility, channel: t.channel) ? "✓" : " "
            grid.put("\(mark) \(template.name) · \(template.language) · \(template.description)", x: x0 + 2, y: y0 + 2 + i,
                     limit: width - 4, style: selected ? Style(.selection, bold: true, reverse: true) : .normal)
        }
        if let reason = state.templates.emptyReason {
            // Said on screen: a picker that only said "no match" hid a binary that
            // found no templates at all.
            let lines = Wrap.lines("No templates loaded: " + reason, width: width - 4)
            for (i, line) in lines.prefix(max(1, height - 3)).enumerated() {
                grid.put(line, x: x0 + 2, y: y0 + 2 + i, limit: width - 4, style: Style(.error, bold: true))
            }
            return
        }
        if list.isEmpty {
            grid.put("No template matches.", x: x0 + 2, y: y0 + 2, style: .dim)
            return
        }
        let chosen = list[min(picker.index, list.count - 1)]
        let previewTop = y0 + 3 + listRows
        grid.put("Preview for this thread:", x: x0 + 2, y: previewTop - 1, style: Style(.header, bold: true))
        let preview = chosen.render(state.templateValues(for: ref, in: model))
        for (i, line) in Wrap.lines(TextSafety.multiLine(preview), width: width - 4).prefix(max(0, y0 + height - previewTop)).enumerated() {
            grid.put(line, x: x0 + 2, y: previewTop + i, limit: width - 4, style: Style(.outbound))
        }
    }
}
