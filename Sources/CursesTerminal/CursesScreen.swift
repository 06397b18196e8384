import CCurses
import CSupport
import DeskUI
import Foundation

/// The terminal, through ncurses: copies a `Grid` to the screen and turns input into keys.
///
/// This is the only code that talks to curses. It holds no state of the app, so it needs
/// only a few end-to-end tests; everything it shows was already made safe in the grid.
@MainActor
public final class CursesScreen {
    /// What reading the keyboard gave.
    public enum Input {
        case key(Key)
        case resize
        /// A key the app has no use for (an unmapped function key).
        case other
    }

    /// The descriptor curses reads keys from, for the loop to poll.
    public let inputDescriptor: Int32 = 0

    private let window: UnsafeMutablePointer<WINDOW>
    private var pairs: [Role: Int16] = [:]
    private var ended = false
    /// The grid last put on the window: cells equal to it are not put again. curses keeps
    /// the window's content itself (also across `suspended`), so what it holds is this.
    private var shown: Grid?

    public init() throws {
        csupport_install_signal_handlers { _ = endwin() }
        guard let window = initscr() else { throw ValidationErrorText("cannot start the terminal (is TERM set?)") }
        self.window = window
        cbreak()
        noecho()
        // Ctrl-S sends a reply here, not XOFF: take flow control off the terminal (endwin
        // puts the shell's own settings back).
        var modes = termios()
        if tcgetattr(0, &modes) == 0 {
            modes.c_iflag &= ~tcflag_t(IXON)
            tcsetattr(0, TCSANOW, &modes)
        }
        nonl()
        keypad(window, true)
        set_escdelay(25)
        // Never wait in curses: the loop waits in poll(), on the keyboard and more.
        nodelay(window, true)
        curs_set(0)
        setUpColours()
    }

    /// Colours follow the terminal's own background; with `NO_COLOR` (or none to have)
    /// the attributes alone keep everything readable.
    private func setUpColours() {
        let env = ProcessInfo.processInfo.environment
        guard env["NO_COLOR"].map({ $0.isEmpty }) ?? true, has_colors() else { return }
        start_color()
        use_default_colors()
        let table: [(Role, Int16)] = [
            (.dim, Int16(COLOR_BLUE)), (.header, Int16(COLOR_CYAN)), (.inbound, Int16(COLOR_YELLOW)),
            (.outbound, Int16(COLOR_GREEN)), (.note, Int16(COLOR_MAGENTA)), (.warning, Int16(COLOR_YELLOW)),
            (.error, Int16(COLOR_RED)), (.accent, Int16(COLOR_CYAN)),
        ]
        for (i, entry) in table.enumerated() {
            init_pair(Int16(i + 1), entry.1, -1)
            pairs[entry.0] = Int16(i + 1)
        }
    }

    public var size: (width: Int, height: Int) {
        (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    /// Copies the grid to the screen: only the cells that changed since the last grid
    /// are put, and ncurses sends only what changed on the screen.
    public func draw(_ grid: Grid) {
        var buffer = [wchar_t](repeating: 0, count: 8)
        let last = shown.flatMap { $0.width == grid.width && $0.height == grid.height ? $0 : nil }
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                let cell = grid[x, y]
                if cell.width == 0 { continue }
                if let last, last[x, y] == cell { continue }
                var attrs = shim_a_normal()
                if cell.style.bold { attrs |= shim_a_bold() }
                if cell.style.reverse { attrs |= shim_a_reverse() }
                if cell.style.underline { attrs |= shim_a_underline() }
                if cell.style.role == .dim && pairs.isEmpty { attrs |= shim_a_dim() }
                let scalars = Array(cell.text.unicodeScalars.prefix(buffer.count - 1))
                for (i, s) in scalars.enumerated() { buffer[i] = wchar_t(bitPattern: s.value) }
                buffer[scalars.count] = 0
                shim_put_cell(window, Int32(y), Int32(x), buffer, attrs, pairs[cell.style.role] ?? 0)
            }
        }
        wnoutrefresh(window)
        doupdate()
        shown = grid
    }

    /// The next key, if one is there (nil: none, at once). Also where a resize shows up:
    /// curses turns the SIGWINCH it saw into `KEY_RESIZE` here.
    public func nextInput() -> Input? {
        var code: wint_t = 0
        let result = wget_wch(window, &code)
        if result == ERR { return nil }
        if result == KEY_CODE_YES {
            switch Int32(code) {
            case KEY_RESIZE: return .resize
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_HOME: return .key(.home)
            case KEY_END: return .key(.end)
            case KEY_BTAB: return .key(.backTab)
            case KEY_BACKSPACE: return .key(.backspace)
            case KEY_DC: return .key(.delete)
            case KEY_ENTER: return .key(.enter)
            default: return .other
            }
        }
        switch code {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 1...26: return .key(.ctrl(Character(Unicode.Scalar(UInt8(code) + 96))))
        default:
            guard let scalar = Unicode.Scalar(UInt32(code)) else { return .other }
            return .key(.char(Character(scalar)))
        }
    }

    /// Makes the next ``draw(_:)`` paint every cell, whatever curses thinks the terminal
    /// shows: for Ctrl-L, after something else wrote on the screen.
    public func repaintAll() {
        clearok(window, true)
    }

    /// Gives the terminal to another program for the length of `body` ($EDITOR), then
    /// takes it back and redraws.
    public func suspended<T>(_ body: () -> T) -> T {
        def_prog_mode()
        endwin()
        let result = body()
        reset_prog_mode()
        clearok(window, true)
        wrefresh(window)
        return result
    }

    /// Gives the terminal back as it was. Safe to call twice.
    public func end() {
        guard !ended else { return }
        ended = true
        endwin()
    }
}

/// An error whose text is the whole message.
public struct ValidationErrorText: Error, CustomStringConvertible {
    public var description: String
    public init(_ text: String) { description = text }
}
