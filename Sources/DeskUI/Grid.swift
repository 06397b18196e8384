import Desk
import InboxFormat
import InboxStore

/// What a cell means, for the backend to turn into colours; readable with no colour at all,
/// because every role that matters also has an attribute (bold, reverse, dim).
public enum Role: UInt8, Sendable, CaseIterable {
    case normal, dim, header, selection, inbound, outbound, note, warning, error, accent
}

/// How a cell looks.
public struct Style: Hashable, Sendable {
    public var role: Role
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(_ role: Role = .normal, bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.role = role
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }

    public static let normal = Style()
    public static let dim = Style(.dim)
}

/// One terminal cell: a base character and its zero-width marks, or the right half of a
/// wide character (empty `text`, width 0).
public struct Cell: Equatable, Sendable {
    public var text: String
    public var width: UInt8
    public var style: Style

    public static let blank = Cell(text: " ", width: 1, style: .normal)
}

/// The screen as cells, drawn by views and copied to the terminal by the backend; tests
/// read it as text.
///
/// All text enters through `put`, the one place where untrusted text is made safe:
/// control characters and bidi controls become visible placeholders, and widths come from
/// the same `wcwidth` the terminal uses, so wide characters keep columns aligned.
public struct Grid: Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell { cells[y * width + x] }

    /// Sets one cell, first splitting any wide character it overwrites half of: its other
    /// half becomes a blank, so a row always spans exactly the grid's width.
    private mutating func set(_ cell: Cell, x: Int, y: Int) {
        let i = y * width + x
        // (The right half of a character just written at x-1 is not an orphan.)
        if cells[i].width == 0, x > 0, cell.width != 0 { cells[i - 1] = Cell(text: " ", width: 1, style: cells[i - 1].style) }
        if cells[i].width == 2, x + 1 < width { cells[i + 1] = Cell(text: " ", width: 1, style: cells[i + 1].style) }
        cells[i] = cell
    }

    /// Writes `text` at (`x`, `y`), at most `limit` columns (default: to the right edge).
    /// Returns the columns used. Newlines and tabs are shown as placeholders here: views
    /// that keep line breaks split the text first.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, limit: Int? = nil, style: Style = .normal) -> Int {
        guard y >= 0, y < height, x >= 0, x < width else { return 0 }
        let end = min(width, x + (limit ?? width - x))
        var col = x
        var lastBase = -1
        func place(_ scalar: Unicode.Scalar) -> Bool {
            // The zero-width joiner is not drawn: terminals differ on whether it glues the
            // next character into this cell (tmux draws 🐈‍⬛ in two columns, others in four),
            // and a width the grid does not know shifts the rest of the row. Without it,
            // every terminal draws the emoji side by side, in the columns counted here.
            if scalar == "\u{200D}" { return true }
            let w = DisplayWidth.of(scalar)
            if w == 0 {
                // A combining mark joins the character before it.
                if lastBase >= 0 { cells[y * width + lastBase].text.unicodeScalars.append(scalar) }
                return true
            }
            guard col + w <= end else { return false }
            set(Cell(text: String(scalar), width: UInt8(w), style: style), x: col, y: y)
            if w == 2 { set(Cell(text: "", width: 0, style: style), x: col + 1, y: y) }
            lastBase = col
            col += w
            return true
        }
        for scalar in text.unicodeScalars {
            if TextSafety.isUnsafe(scalar) {
                for p in TextSafety.placeholder(for: scalar).unicodeScalars where !place(p) { return col - x }
            } else if !place(scalar) {
                break
            }
        }
        return col - x
    }

    /// Fills a rectangle with blanks in `style`.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: Style = .normal) {
        for row in max(0, y)..<min(height, y + h) {
            for col in max(0, x)..<min(width, x + w) {
                set(Cell(text: " ", width: 1, style: style), x: col, y: row)
            }
        }
    }

    /// The rows as text, trailing spaces kept, for tests and snapshots.
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where cells[y * width + x].width > 0 { line += cells[y * width + x].text }
            return line
        }
    }

    /// The rows as text with trailing spaces removed.
    public var text: String {
        lines.map { line in
            var s = Substring(line)
            while s.last == " " { s = s.dropLast() }
            return String(s)
        }.joined(separator: "\n")
    }
}
