import Foundation

/// A real terminal for end-to-end tests: a private tmux server running a shell, into which
/// a test types commands and keys and whose screen it reads, as a user would.
///
/// Each session has its own folder, removed by `stop()`: the server's socket, captured
/// output, and the state and config folders of the programs it runs. A test run leaves
/// nothing behind in /tmp or in the user's home.
final class TerminalSession {
    struct Timeout: Error, CustomStringConvertible {
        var waitingFor: String
        var screen: [String]
        var description: String { "timed out waiting for \(waitingFor); the screen was:\n" + screen.joined(separator: "\n") }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let name = "sdtest-" + UUID().uuidString.prefix(8)
    /// This session's own folder; gone after `stop()`.
    let folder: String
    /// The tmux server's pid, read at start.
    private(set) var serverPID: Int32 = 0
    private let socket: String
    private let tmux: String
    /// A folder the session's programs write into: it must outlive them.
    private let scratch: Scratch?
    private var stopped = false

    /// Starts `sh` in a `width`x`height` window with `environment` added to this one's.
    /// `scratch` is kept until the session has stopped, so nothing the programs in it still
    /// write lands in a folder being removed.
    init(width: Int = 120, height: Int = 40, environment: [String: String] = [:], keeping scratch: Scratch? = nil) throws {
        tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "tmux"
        folder = try Self.makeFolder()
        socket = folder + "/sock"
        self.scratch = scratch
        // Drafts and config under the session's folder unless the test says otherwise: a
        // user's own config must not change what tests see, nor tests write into their home.
        let defaults = ["LC_ALL": "C.UTF-8", "SWIFT_BACKTRACE": "interactive=no", "PS1": "$ ",
                        "XDG_STATE_HOME": folder + "/state", "XDG_CONFIG_HOME": folder + "/config",
                        // The sample is a day in November 2026: the app's clock starts at its
                        // evening, so no test depends on the date it runs.
                        "SHIFTDESK_NOW": "2026-11-20T18:00:00Z"]
        var args = ["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height)]
        for (k, v) in environment.merging(defaults, uniquingKeysWith: { test, _ in test }) {
            args += ["-e", "\(k)=\(v)"]
        }
        args.append("sh")
        do {
            // The server that new-session forks would hold a captured stdout open for ever.
            try command(args, capture: false)
            let pid = try command(["display", "-p", "-t", name, "#{pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let server = Int32(pid), server > 0 else { throw Failure(description: "tmux gave no server pid: \"\(pid)\"") }
            serverPID = server
        } catch {
            stop()
            throw error
        }
    }

    deinit { stop() }

    /// A fresh folder for the socket. A Unix socket path holds at most 107 bytes, so a long
    /// $TMPDIR gives way to /tmp.
    private static func makeFolder() throws -> String {
        var base = NSTemporaryDirectory()
        if !base.hasSuffix("/") { base += "/" }
        if (base + "shiftdesk-tmux-XXXXXX/sock").utf8.count > 100 { base = "/tmp/" }
        var template = Array((base + "shiftdesk-tmux-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw Failure(description: "cannot make a folder in \(base): errno \(errno)") }
        return String(cString: made)
    }

    /// Ends the session: the server, then everything that ran in it; removes the folder.
    /// A second call does nothing.
    func stop() {
        guard !stopped else { return }
        stopped = true
        // The shell and the app get a hangup when the server goes and end a moment later,
        // maybe saving a draft as they go: wait for them as well as for the server.
        let processes = serverDescendants() + (serverPID > 0 ? [serverPID] : [])
        _ = try? command(["kill-server"], capture: false)
        if !Self.waitUntilGone(processes, timeout: 5) {
            // Only for a program that ignores the hangup: kill-server ends the server itself.
            for pid in processes where !Self.isGone(pid) { kill(pid, SIGKILL) }
            _ = Self.waitUntilGone(processes, timeout: 5)
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Everything the server started: the shells in the panes, what they run, pipe-pane's `cat`.
    private func serverDescendants() -> [Int32] {
        guard serverPID > 0 else { return [] }
        var found: [Int32] = []
        var next = [serverPID]
        while let pid = next.popLast() {
            if pid != serverPID { found.append(pid) }
            // A child is listed under the thread that started it.
            let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
            for task in tasks {
                let children = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? ""
                next += children.split(separator: " ").compactMap { Int32($0) }
            }
        }
        return found
    }

    /// True once `pid` has ended. A zombie counts as ended: it only waits for its parent.
    static func isGone(_ pid: Int32) -> Bool {
        if kill(pid, 0) != 0 { return errno == ESRCH }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first == "Z"
    }

    /// Waits until every one of `pids` has ended; false if some still run after `timeout` seconds.
    static func waitUntilGone(_ pids: [Int32], timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !pids.allSatisfy(isGone) {
            if Date() >= deadline { return false }
            usleep(10_000)
        }
        return true
    }

    /// Runs tmux on this session's own server; returns its stdout. Throws when tmux fails
    /// or takes more than 10 seconds.
    ///
    /// `posix_spawn` and `waitpid` rather than `Foundation.Process`: the server that
    /// `new-session` forks keeps inherited descriptors, and Process then never reports the
    /// client's exit. Output goes through a file for the same reason.
    ///
    /// Swift Testing's threads block nearly every signal, and the server would inherit
    /// that mask from the client: then `kill-server` cannot end it. So the client starts
    /// with no signal blocked and the usual signals at their defaults.
    @discardableResult
    func command(_ args: [String], capture: Bool = true) throws -> String {
        let outPath = folder + "/out-" + UUID().uuidString
        defer { unlink(outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, capture ? outPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noneBlocked = sigset_t()
        sigemptyset(&noneBlocked)
        posix_spawnattr_setsigmask(&attributes, &noneBlocked)
        var usual = sigset_t()
        sigemptyset(&usual)
        for signal in [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGCHLD, SIGALRM, SIGUSR1, SIGUSR2, SIGWINCH, SIGTSTP, SIGTTIN, SIGTTOU, SIGCONT] {
            sigaddset(&usual, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &usual)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        // -f /dev/null: a user's ~/.tmux.conf must not change what tests see.
        let argv = ([tmux, "-f", "/dev/null", "-S", socket] + args).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, tmux, &actions, &attributes, argv, environ)
        guard rc == 0 else { throw Failure(description: "tmux \(args.first ?? "") did not start (error \(rc))") }
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(10)
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if done < 0 && errno != EINTR { throw Failure(description: "waiting for tmux \(args.first ?? ""): errno \(errno)") }
            if Date() >= deadline {
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                throw Failure(description: "tmux \(args.joined(separator: " ")) did not finish in 10 seconds")
            }
            usleep(1000)
        }
        // Exited normally with status 0 (WIFEXITED and WEXITSTATUS are macros Swift cannot call).
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw Failure(description: "tmux \(args.joined(separator: " ")) failed (wait status \(status))")
        }
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

extension TerminalSession {
    /// The app on `s`'s inbox as `agent`, in a `width`x`height` terminal, its clock at `now`
    /// (else the sample's evening); returns once its title shows. `symbols`: without the
    /// NO_COLOR that swift test sets, so that it draws 👁 and ✎ rather than letters.
    static func app(on s: Scratch, agent: String = "olga", width: Int = 120, height: Int = 40, now: String? = nil,
                    symbols: Bool = false) throws -> TerminalSession {
        let term = try TerminalSession(width: width, height: height, environment: now.map { ["SHIFTDESK_NOW": $0] } ?? [:], keeping: s)
        try term.run("\(symbols ? "env -u NO_COLOR " : "")\(CLI.binary.path) '\(s.inbox)' --agent \(agent)")
        try term.waitFor("\(agent) │")
        return term
    }
}
