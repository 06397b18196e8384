/// A box over the panes for the small menus and editors (snooze, pin, unpin): cleared,
/// framed, centred, with its title on the top border.
enum OverlayBox {
    /// Draws the frame: up to `width` columns (at least `minimum`), `rows` rows with the
    /// borders. Returns its left column, top row and width; nil when it does not fit.
    static func draw(_ title: String, width wanted: Int, minimum: Int, rows: Int, into grid: inout Grid) -> (x: Int, y: Int, width: Int)? {
        let width = min(grid.width - 2, wanted)
        guard width > minimum, grid.height > rows else { return nil }
        let x0 = (grid.width - width) / 2
        let y0 = max(1, (grid.height - rows) / 2)
        grid.fill(x: x0, y: y0, width: width, height: rows)
        let rule = String(repeating: "─", count: max(0, width - 2))
        grid.put("┌" + rule + "┐", x: x0, y: y0, style: .dim)
        // The title over the rule, cut short of the corner when it is long.
        grid.put(" \(title) ", x: x0 + 2, y: y0, limit: width - 4, style: Style(.header, bold: true))
        grid.put("└" + rule + "┘", x: x0, y: y0 + rows - 1, style: .dim)
        return (x0, y0, width)
    }
}
