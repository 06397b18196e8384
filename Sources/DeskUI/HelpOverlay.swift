import Desk
import InboxFormat
import InboxStore

/// Where `?` puts every key, from the keymap itself: the queue's keys, and beside them (or
/// below, on a narrow screen) the keys for writing a reply. When they do not fit the
/// screen, the columns scroll together.
struct HelpLayout {
    /// Per column, its rows: (keys, what they do); empty keys make a heading.
    var columns: [[(keys: String, help: String)]]
    var widths: [(key: Int, total: Int)]
    var box: Frame

    init(width: Int, height: Int) {
        let main = Keymap.bindings.map { ($0.keys.map(\.label).joined(separator: " "), $0.help) }
        let reply = [("", "Writing a reply:")] + Keymap.composeKeys.map { ($0.keys, $0.help) }
        func columnWidth(_ rows: [(String, String)]) -> (key: Int, total: Int) {
            let key = rows.map { DisplayWidth.of($0.0) }.max() ?? 0
            return (key, key + 2 + (rows.map { DisplayWidth.of($0.1) }.max() ?? 0))
        }
        let left = columnWidth(main)
        let right = columnWidth(reply)
        let sideBySide = left.total + right.total + 5 <= width
        columns = sideBySide ? [main, reply] : [main + reply]
        widths = sideBySide ? [left, right] : [columnWidth(main + reply)]
        // A border column each side and two columns between: every key fits 80 columns.
        let boxWidth = min(width, widths.reduce(0) { $0 + $1.total } + 2 * widths.count + 1)
        let boxHeight = min(height, (columns.map(\.count).max() ?? 0) + 2)
        box = Frame(x: max(0, (width - boxWidth) / 2), y: max(0, (height - boxHeight) / 2), width: boxWidth, height: boxHeight)
    }

    /// Rows inside the border.
    var visibleRows: Int { max(0, box.height - 2) }

    /// How far the columns scroll before the last row shows.
    var maxScroll: Int { max(0, (columns.map(\.count).max() ?? 0) - visibleRows) }
}

enum HelpOverlay {
    static func draw(_ state: AppState, into grid: inout Grid) {
        let layout = HelpLayout(width: grid.width, height: grid.height)
        let box = layout.box
        guard box.height >= 2, box.width >= 2 else { return }
        // The screen may have grown since the last scroll.
        let scroll = min(state.helpScroll, layout.maxScroll)
        grid.fill(x: box.x, y: box.y, width: box.width, height: box.height)
        let bottom = box.y + box.height - 1
        let rule = String(repeating: "─", count: max(0, box.width - 2))
        grid.put("┌" + rule + "┐", x: box.x, y: box.y, style: .dim)
        grid.put("└" + rule + "┘", x: box.x, y: bottom, style: .dim)
        // Ctrl-L works in every mode, so it is said once, on the frame, not as a row.
        grid.put(" Keys · Ctrl-L redraws the screen ", x: box.x + 2, y: box.y, limit: box.width - 4, style: Style(.header, bold: true))
        var x = box.x + 1
        for (column, w) in zip(layout.columns, layout.widths) {
            for (i, row) in column.dropFirst(scroll).prefix(layout.visibleRows).enumerated() {
                let y = box.y + 1 + i
                if row.keys.isEmpty {
                    grid.put(row.help, x: x, y: y, limit: w.total, style: Style(.header, bold: true))
                    continue
                }
                grid.put(row.keys, x: x, y: y, style: Style(.accent, bold: true))
                grid.put(row.help, x: x + w.key + 2, y: y, limit: max(0, min(w.total - w.key - 2, box.x + box.width - 1 - x - w.key - 2)))
            }
            x += w.total + 2
        }
        // On the border rows, so they never cover a key.
        if scroll > 0 {
            let more = " ↑ \(scroll) more "
            grid.put(more, x: max(box.x + 1, box.x + box.width - 2 - DisplayWidth.of(more)), y: box.y, limit: box.width - 2,
                     style: Style(.dim, reverse: true))
        }
        let below = layout.maxScroll - scroll
        let footers = below > 0 ? [" ↓ \(below) more · j/k PgDn scroll · Esc closes ", " ↓ \(below) more · Esc closes ", " ↓ \(below) more "]
                                : [" Esc closes this help ", " Esc closes "]
        // The longest that fits, so a narrow box says less rather than half a word.
        let room = max(0, box.width - 4)
        let footer = footers.first { DisplayWidth.of($0) <= room } ?? footers[footers.count - 1]
        grid.put(footer, x: box.x + 2, y: bottom, limit: room, style: below > 0 ? Style(.dim, reverse: true) : .dim)
    }
}

/// Keys while the help is open: the keymap's movement keys scroll it, any other key
/// closes it (Esc, q and ? among them).
func helpKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    let layout = HelpLayout(width: state.width, height: state.height)
    let page = max(1, layout.visibleRows - 1)
    var scroll = min(state.helpScroll, layout.maxScroll)
    switch Keymap.command(for: key) {
    case .down: scroll += 1
    case .up: scroll -= 1
    case .pageDown: scroll += page
    case .pageUp: scroll -= page
    case .top: scroll = 0
    case .bottom: scroll = layout.maxScroll
    default:
        state.mode = .queue
        state.helpScroll = 0
        return []
    }
    state.helpScroll = min(max(0, scroll), layout.maxScroll)
    return []
}
