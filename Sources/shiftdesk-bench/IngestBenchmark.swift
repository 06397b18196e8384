import Foundation
import InboxSynth

/// `ingest FILE [N]`: `shiftdesk ingest` (the real binary) into a copy of FILE: N new
/// records and N/10 re-deliveries of them piped in, timed from start to exit (the read of
/// the inbox's ids included), with the peak memory; and the ids' read alone (no input).
enum IngestBenchmark {
    static func run(path: String, records: Int) {
        let folder = NSTemporaryDirectory() + "shiftdesk-ingest-bench-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let app = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("shiftdesk").path
        guard FileManager.default.isExecutableFile(atPath: app) else { fail("no shiftdesk binary beside the benchmark at \(app)") }
        let copy = folder + "/inbox.jsonl"
        do { try FileManager.default.copyItem(atPath: path, toPath: copy) } catch { fail("\(error)") }

        // New records: another synthetic day, its ids made its own; then a tenth of them again.
        var lines: [String] = []
        lines.reserveCapacity(records + records / 10)
        SyntheticInbox(seed: 4242).forEachLine(records: records) { lines.append($0.replacingOccurrences(of: #""id":""#, with: #""id":"ingest-"#)) }
        lines += lines.prefix(records / 10)
        let input = folder + "/input.jsonl"
        do { try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: input)) } catch { fail("\(error)") }
        let inputBytes = (try? FileManager.default.attributesOfItem(atPath: input)[.size] as? Int) ?? 0

        let empty = folder + "/empty"
        guard FileManager.default.createFile(atPath: empty, contents: Data()) else { fail("cannot write \(empty)") }
        let idsOnly = ingest(app: app, inbox: copy, input: empty, folder: folder)
        let full = ingest(app: app, inbox: copy, input: input, folder: folder)
        print(String(format: "ingest: %d new records and %d re-deliveries (%.0f MB) piped into a copy of %@: %.2f s, %.0f records a second, peak resident memory %.0f MB (sampled every 5 ms); %@",
                     records, records / 10, Double(inputBytes) / 1e6, path, full.seconds, Double(records + records / 10) / full.seconds,
                     Double(full.maxRSSKB) / 1024, full.summary))
        print(String(format: "ingest: the ids' read alone (no input): %.2f s, peak resident memory %.0f MB", idsOnly.seconds, Double(idsOnly.maxRSSKB) / 1024))
    }

    /// Runs `shiftdesk ingest INBOX < INPUT`; its time, peak resident memory (kB) and summary line.
    private static func ingest(app: String, inbox: String, input: String, folder: String) -> (seconds: Double, maxRSSKB: Int, summary: String) {
        let errors = folder + "/stderr"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let words: [String] = [app, "ingest", inbox]
        let argv = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let start = monotonicNanos()
        var pid: pid_t = 0
        guard posix_spawn(&pid, app, &actions, nil, argv, environ) == 0 else { fail("cannot run \(app)") }
        // Its memory sampled as it runs: the kernel's high-water mark also counts the pages
        // of the mapped inbox that the read has already let go.
        var status: Int32 = 0
        var peak = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            peak = max(peak, statusKB("VmRSS:", of: String(pid)))
            usleep(5_000)
        }
        let seconds = Double(monotonicNanos() - start) / 1e9
        let said = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        guard status == 0 else { fail("shiftdesk ingest failed (status \(status)): \(said)") }
        return (seconds, peak, said.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
