import Foundation

/// `idle FILE`: what the app costs while an agent reads, measured on the real binary in a
/// terminal (tmux) on a copy of FILE: the CPU it uses over a minute with nothing arriving
/// and no key pressed, then over a minute of 100 appends a second from another process,
/// with its memory before and after.
enum IdleBenchmark {
    static let seconds = 60.0

    static func run(path: String) {
        let folder = NSTemporaryDirectory() + "shiftdesk-idle-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let copy = folder + "/inbox.jsonl"
        do { try FileManager.default.copyItem(atPath: path, toPath: copy) } catch { fail("\(error)") }
        let app = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("shiftdesk").path
        guard FileManager.default.isExecutableFile(atPath: app) else { fail("no shiftdesk binary beside the benchmark at \(app)") }
        let socket = folder + "/tmux"
        let pidFile = folder + "/pid"
        /// Runs tmux and returns what it printed. Spawned and waited for by hand, its output
        /// in a file: the server that `new-session` starts lives on with the descriptors it
        /// was given, so a pipe would never reach its end.
        func tmux(_ args: [String], read: Bool = true) -> String {
            let output = folder + "/tmux-out"
            var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, read ? output : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            let argv = (["tmux", "-S", socket] + args).map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            var pid: pid_t = 0
            guard posix_spawnp(&pid, "tmux", &actions, nil, argv, environ) == 0 else { fail("cannot run tmux") }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            return read ? (try? String(contentsOfFile: output, encoding: .utf8)) ?? "" : ""
        }
        let command = "echo $$ > '\(pidFile)'; exec env LC_ALL=C.UTF-8 XDG_CONFIG_HOME='\(folder)/config' XDG_STATE_HOME='\(folder)/state' '\(app)' '\(copy)' --agent bench"
        _ = tmux(["new-session", "-d", "-x", "120", "-y", "40", "sh", "-c", command], read: false)
        defer { _ = tmux(["kill-server"]) }
        // Loaded once the title bar names the agent.
        let deadline = Date().addingTimeInterval(120)
        while !tmux(["capture-pane", "-p"]).contains("bench │") {
            if Date() > deadline { fail("the app did not show its queue within two minutes") }
            usleep(100_000)
        }
        guard let pidText = try? String(contentsOfFile: pidFile, encoding: .utf8), let pid = Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            fail("no pid for the app")
        }
        // Settled: the first frames and the presence file are written.
        sleep(3)
        let idleStart = cpuNanos(pid)
        usleep(UInt32(seconds * 1_000_000))
        let idle = Double(cpuNanos(pid) - idleStart) / (seconds * 1e9) * 100
        print(String(format: "app idle on %@ (120x40, nothing arriving, no key): %.2f%% of a core over %.0f s", path, idle, seconds))

        let memoryBefore = rssKB(pid)
        let busyStart = cpuNanos(pid)
        let records = Int(seconds) * 100
        let output = Benchmark.child(["append", copy, String(records), "load", "--no-fsync", "--rate", "100", "--threads", "500"])
        // The last records reach the app within a tick.
        sleep(1)
        let busy = Double(cpuNanos(pid) - busyStart) / (seconds * 1e9) * 100
        let memoryAfter = rssKB(pid)
        let appended = output.split(separator: " ").count
        print(String(format: "app under 100 appends a second (%d records over %.0f s, 500 threads): %.2f%% of a core; resident memory %.1f MB before, %.1f MB after (%+.0f bytes a record)",
                     appended, seconds, busy, Double(memoryBefore) / 1024, Double(memoryAfter) / 1024,
                     Double(memoryAfter - memoryBefore) * 1024 / Double(max(1, appended))))
    }

    /// CPU time the process has had, in nanoseconds (`/proc/PID/schedstat`).
    static func cpuNanos(_ pid: Int32) -> UInt64 {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/schedstat", encoding: .utf8),
              let first = text.split(separator: " ").first, let ns = UInt64(first) else { fail("the app (\(pid)) is gone") }
        return ns
    }

    /// Resident memory, in kB (`VmRSS`).
    static func rssKB(_ pid: Int32) -> Int { statusKB("VmRSS:", of: String(pid)) }
}
