import CSupport
import CursesTerminal
import DeskUI
import Foundation
import InboxFormat
import InboxStore

/// `draw FILE OUT`: the curses side of a frame, on a real pseudo-terminal: the time
/// `CursesScreen.draw` takes to put each grid on screen (ncurses works out what changed
/// and writes it), as the app does after every key. Figures go to OUT, since standard
/// output is the terminal being drawn on.
@MainActor
enum DrawBenchmark {
    /// Runs `draw` in a child whose terminal is a pseudo-terminal of 200x60, reads
    /// everything it draws, and returns what it measured.
    static func measure(path: String) -> String {
        var name = [CChar](repeating: 0, count: 256)
        let master = csupport_open_pty(&name, name.count, 60, 200)
        guard master >= 0 else { return "curses draw: no pseudo-terminal here" }
        let slave = open(String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self), O_RDWR | O_NOCTTY)
        let out = NSTemporaryDirectory() + "shiftdesk-bench-draw-\(getpid()).txt"
        defer { unlink(out) }
        let process = Process()
        process.executableURL = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["draw", path, out]
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "xterm-256color"
        process.environment = env
        let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        process.standardInput = terminal
        process.standardOutput = terminal
        process.standardError = terminal
        // Drain what the child draws, as a terminal would, so it never blocks on a full pty.
        let reader = Thread {
            var buffer = [UInt8](repeating: 0, count: 65536)
            while buffer.withUnsafeMutableBytes({ read(master, $0.baseAddress, 65536) }) > 0 {}
        }
        reader.start()
        do { try process.run() } catch { return "curses draw: cannot start: \(error)" }
        process.waitUntilExit()
        try? terminal.close()
        close(master)
        return (try? String(contentsOfFile: out, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            ?? "curses draw: the child wrote nothing (exit \(process.terminationStatus))"
    }

    /// The child's side: the app's state on FILE, moved a thread at a time, each frame
    /// rendered and then drawn; only the draw is timed.
    static func run(path: String, out: String) {
        setlocale(LC_ALL, "C.UTF-8")
        let model: InboxModel
        do { model = try InboxModel(path: path) } catch { fail(error.message) }
        let screen: CursesScreen
        do { screen = try CursesScreen() } catch { fail("\(error)") }
        let size = screen.size
        var state = AppState(model: model, agent: "bench", now: Timestamp.now(), width: size.width, height: size.height)
        state.buildAllLists(model)
        var times: [Double] = []
        for i in 0..<300 {
            // Down the queue and, now and then, into a conversation: frames that change a
            // little and frames that change a lot, as a shift does.
            _ = reduce(&state, .key(i % 10 == 9 ? .enter : i % 10 == 0 ? .escape : .down), model)
            let grid = render(state, model)
            let start = monotonicNanos()
            screen.draw(grid)
            times.append(Double(monotonicNanos() - start) / 1000)
        }
        screen.end()
        times.sort()
        let line = "curses draw \(size.width)x\(size.height)".padding(toLength: 34, withPad: " ", startingAt: 0)
            + String(format: " median %8.1f µs   p99 %8.1f µs", times[times.count / 2], times[times.count * 99 / 100])
        _ = FileManager.default.createFile(atPath: out, contents: Data((line + "\n").utf8))
    }
}
