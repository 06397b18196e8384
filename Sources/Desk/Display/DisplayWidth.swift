import InboxFormat
import InboxStore
import CSupport

/// Columns that text takes on a terminal, measured with the C library's `wcwidth`,
/// the same table the terminal and ncurses use.
///
/// Widths come from the C.UTF-8 locale whatever the process's locale is, so they are the
/// same in tests, in the command line and in the app; a character with no width there
/// counts as one column.
public enum DisplayWidth {
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        if scalar.value < 0x7F { return scalar.value >= 0x20 ? 1 : 0 }
        let w = Int(csupport_wcwidth(scalar.value))
        return w < 0 ? 1 : w
    }

    public static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    /// `text` cut to at most `columns` columns (with `…` when cut) and padded with spaces to exactly that.
    public static func fit(_ text: String, _ columns: Int) -> String {
        var out = ""
        var used = 0
        let total = of(text)
        if total <= columns { return text + String(repeating: " ", count: columns - total) }
        for scalar in text.unicodeScalars {
            let w = of(scalar)
            if used + w > columns - 1 { break }
            out.unicodeScalars.append(scalar)
            used += w
        }
        out += "…"
        used += 1
        return out + String(repeating: " ", count: max(0, columns - used))
    }
}
