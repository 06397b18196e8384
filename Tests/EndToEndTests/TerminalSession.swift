import Foundation

/// A real terminal for end-to-end tests: a private tmux server running a shell, into which
/// a test types commands and keys and whose screen it reads, as a user would.
final class TerminalSession {
    struct Timeout: Error, CustomStringConvertible {
        var waitingFor: String
        var screen: [String]
        var description: String { "timed out waiting for \(waitingFor); the screen was:\n" + screen.joined(separator: "\n") }
    }

    let name = "sdtest-" + UUID().uuidString.prefix(8)
    private let tmux: String
    private var serverPID: Int32 = 0

    /// Starts `sh` in a `width`x`height` window with `environment` added to this one's.
    init(width: Int = 120, height: Int = 40, environment: [String: String] = [:]) throws {
        tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "tmux"
        var args = ["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height)]
        for (k, v) in environment.merging(["LC_ALL": "C.UTF-8", "SWIFT_BACKTRACE": "interactive=no", "PS1": "$ "], uniquingKeysWith: { a, _ in a }) {
            args += ["-e", "\(k)=\(v)"]
        }
        args.append("sh")
        // The server that new-session forks would hold a captured stdout open for ever.
        try command(args, capture: false)
        serverPID = Int32(try command(["display", "-p", "-t", name, "#{pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    deinit { stop() }

    /// Ends the session: the server and whatever still runs in it. `kill-server` alone
    /// was seen to leave servers behind when sent from the test process, so the server's
    /// pid, read at start, is signalled too.
    func stop() {
        if let app = try? foregroundPID() { kill(app, SIGKILL) }
        _ = try? command(["kill-server"], capture: false)
        if serverPID > 0 { kill(serverPID, SIGKILL) }
    }

    /// Runs tmux on this session's own server; returns its stdout.
    ///
    /// `posix_spawn` and `waitpid` rather than `Foundation.Process`: the server that
    /// `new-session` forks keeps inherited descriptors, and Process then never reports the
    /// client's exit. Output goes through a file for the same reason.
    @discardableResult
    func command(_ args: [String], capture: Bool = true) throws -> String {
        let outPath = NSTemporaryDirectory() + "tmux-out-" + UUID().uuidString
        defer { unlink(outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, capture ? outPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([tmux, "-L", name] + args).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, tmux, &actions, nil, argv, environ)
        guard rc == 0 else { throw Timeout(waitingFor: "tmux to start (error \(rc))", screen: []) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return capture ? ((try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "") : ""
    }

    /// Types a command line into the shell and presses Enter.
    func run(_ line: String) throws {
        try command(["send-keys", "-t", name, "-l", line])
        try command(["send-keys", "-t", name, "Enter"])
    }

    /// Presses named keys (`Enter`, `Escape`, `Up`, `C-c`, ...).
    func press(_ keys: String...) throws {
        for key in keys { try command(["send-keys", "-t", name, key]) }
    }

    /// Types text literally.
    func type(_ text: String) throws { try command(["send-keys", "-t", name, "-l", text]) }

    /// The screen as lines.
    func screen() throws -> [String] {
        var lines = try command(["capture-pane", "-p", "-t", name]).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }  // the newline that ends the last row
        return lines
    }

    var screenText: String { ((try? screen()) ?? []).joined(separator: "\n") }

    /// Waits until `predicate` holds and the screen has stopped changing (two captures
    /// 100 ms apart are the same). Polls; never sleeps a fixed time.
    @discardableResult
    func waitUntil(_ what: String, timeout: Double = 10, _ predicate: ([String]) -> Bool) throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        var last = try screen()
        while Date() < deadline {
            if predicate(last) {
                usleep(100_000)
                let again = try screen()
                if again == last { return again }
                last = again
                continue
            }
            usleep(50_000)
            last = try screen()
        }
        throw Timeout(waitingFor: what, screen: last)
    }

    /// Waits for `text` to be on the settled screen.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 10) throws -> [String] {
        try waitUntil("\"\(text)\"", timeout: timeout) { $0.joined(separator: "\n").contains(text) }
    }

    /// Waits for `text` to leave the screen.
    @discardableResult
    func waitForGone(_ text: String, timeout: Double = 10) throws -> [String] {
        try waitUntil("\"\(text)\" to go", timeout: timeout) { !$0.joined(separator: "\n").contains(text) }
    }

    /// True while a full-screen program holds the alternate screen.
    var alternateScreen: Bool { ((try? command(["display", "-p", "-t", name, "#{alternate_on}"])) ?? "").hasPrefix("1") }

    /// Resizes the window; the program gets SIGWINCH.
    func resize(width: Int, height: Int) throws {
        try command(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    /// Records every byte sent to the terminal from now on into `path`.
    func recordOutput(to path: String) throws {
        try command(["pipe-pane", "-o", "-t", name, "cat >> '\(path)'"], capture: false)
    }

    /// The pid of the program the shell is running in the foreground.
    func foregroundPID() throws -> Int32? {
        let shell = try command(["display", "-p", "-t", name, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        // The shell's child is the program it runs in the foreground.
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        return children.split(separator: " ").first.flatMap { Int32($0) }
    }
}
