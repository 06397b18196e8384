import Desk
import InboxFormat

/// `z`: until when to snooze the selected thread: presets, or a time typed in.
enum SnoozeOverlay {
    static func draw(_ state: AppState, into grid: inout Grid) {
        guard let menu = state.snooze else { return }
        let rows = menu.presets.count + 5 + (menu.due == nil ? 0 : 1) + (menu.asleepUntil == nil ? 0 : 1)
        guard let (x0, y0, width) = OverlayBox.draw("Snooze \(menu.threadID.replacingNewlines)", width: 56, minimum: 20, rows: rows, into: &grid)
        else { return }
        for (i, preset) in menu.presets.enumerated() {
            let used = grid.put("\(preset.key)  \(preset.label)", x: x0 + 2, y: y0 + 1 + i, limit: width - 4,
                                style: menu.typed == nil ? .normal : .dim)
            // A snooze past a deadline still ahead: marked where the agent chooses, not only after.
            if let due = menu.due, due > state.now, preset.until > due {
                grid.put("  past due", x: x0 + 2 + used, y: y0 + 1 + i, limit: width - 4 - used, style: Style(.warning))
            }
        }
        var typedRow = y0 + 1 + menu.presets.count
        if let until = menu.asleepUntil {
            // Snoozed already: the menu changes the time, or ends the snooze now.
            grid.put("n  now: wake it (asleep until \(state.snoozeTime.label(until)))", x: x0 + 2, y: typedRow, limit: width - 4,
                     style: menu.typed == nil ? .normal : .dim)
            typedRow += 1
        }
        if let typed = menu.typed {
            let used = grid.put("Until: ", x: x0 + 2, y: typedRow, style: Style(.accent, bold: true))
            let end = grid.put(typed, x: x0 + 2 + used, y: typedRow, limit: width - 6 - used)
            grid.put("█", x: x0 + 2 + used + end, y: typedRow, style: .dim)
            grid.put("2h · 90m · 17:30 · tomorrow · 2026-12-01 09:00", x: x0 + 2, y: typedRow + 1, limit: width - 4, style: .dim)
        } else {
            grid.put("c  a time of your own…", x: x0 + 2, y: typedRow, limit: width - 4)
        }
        grid.put("Back then, or as soon as the customer writes.", x: x0 + 2, y: typedRow + 2, limit: width - 4, style: .dim)
        if let due = menu.due {
            let ahead = due >= state.now  // due this very moment is not yet overdue
            let left = ClockText.left(until: due, at: state.now)
            let text = ahead ? "The answer is due \(state.snoozeTime.label(due)), in \(left)."
                             : "The answer was due \(state.snoozeTime.label(due)), \(left.dropFirst()) ago."
            grid.put(text, x: x0 + 2, y: typedRow + 3, limit: width - 4, style: Style(ahead ? .warning : .error))
        }
    }
}
