import Foundation
import InboxFormat
import InboxStore
import InboxStorePostgres

/// `postgres URL FILE [SMALL]`: the PostgreSQL store's figures. FILE (the 1M shift) is
/// copied into the empty database at URL, then loaded from it by new processes as the app
/// loads it (records into the local copy, then the read model); appends are timed one by
/// one, committed; and the team's load test (twenty agents, two connectors) runs on SMALL
/// in a second database, `URL` with `_agents` after the database's name, which it makes.
enum PostgresBenchmark {
    static func run(url: String, path: String, small: String?) {
        fill(url, from: path)
        var seconds: [Double] = []
        var peak = 0
        for _ in 0..<3 {
            let out = Benchmark.child(["pgload", url])
            let fields = out.split(separator: " ")
            guard fields.count >= 4, let s = Double(fields[1]), let kb = Int(fields[3]) else { fail("pgload said: \(out)") }
            seconds.append(s)
            peak = max(peak, kb)
            print("  load from PostgreSQL: \(out)")
        }
        seconds.sort()
        print(String(format: "load %@ from PostgreSQL over a Unix socket, in a new process: median %.2f s, best %.2f s, at most %d MB resident, the local copy's mapped pages included (target: at most 3 s)",
                     path, seconds[1], seconds[0], peak / 1024))
        // Appends one at a time, each committed (synchronous_commit on, fsync on).
        let probe = Benchmark.child(["append", url, "2000", "pgprobe-\(getpid())"])
        let micros = probe.split(separator: " ").compactMap { Double($0) }.sorted()
        print(String(format: "append to PostgreSQL, one record a transaction, %d appends: p50 %.2f ms, p99 %.2f ms, max %.2f ms (target: p99 at most 10 ms)",
                     micros.count, Benchmark.percentile(micros, 0.5) / 1000, Benchmark.percentile(micros, 0.99) / 1000, (micros.last ?? 0) / 1000))
        if let small {
            let agents = database(url, suffix: "_agents")
            print(Benchmark.child(["agents-store", small, agents]))
        }
    }

    /// Makes the inbox's tables at `url` and copies `path` into it, unless it holds records.
    static func fill(_ url: String, from path: String) {
        do {
            let parsed = try PostgresURL(url)
            let password = PasswordLookup.password(for: parsed)
            _ = try PostgresStore.initialize(url: parsed, password: password)
            let store = try PostgresStore(url: parsed, password: password)
            try store.catchUp()
            var info = stat()
            if stat(store.readablePath, &info) == 0, info.st_size > 0 { return }
            let start = monotonicNanos()
            let summary = try StoreCopy.copy(from: FileRecordStore(path: path), to: store) { _ in }
            let seconds = Double(monotonicNanos() - start) / 1e9
            print(String(format: "  copied %@ into PostgreSQL: %d records in %.1f s (%.0f a second)", path, summary.copied, seconds, Double(summary.copied) / seconds))
        } catch {
            fail(error.message)
        }
    }

    /// One load, in a process of its own: `seconds S maxrss KB records N`.
    static func loadOnce(url: String) {
        let start = monotonicNanos()
        let store = BenchStore.open(url)
        let inbox: Inbox
        var fetched = start
        do {
            try store.catchUp()
            fetched = monotonicNanos()
            inbox = try Inbox(path: store.readablePath)
        } catch { fail(error.message) }
        let end = monotonicNanos()
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        // The resident set counts the local copy's mapped pages; RssAnon is the process's own.
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let anon = status.split(separator: "\n").first { $0.hasPrefix("RssAnon:") }
            .flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        print(String(format: "seconds %.3f maxrss %d records %d (records into the local copy %.2f s, the read model %.2f s; RssAnon after %d MB)",
                     Double(end - start) / 1e9, usage.ru_maxrss, inbox.lineCount, Double(fetched - start) / 1e9, Double(end - fetched) / 1e9, anon / 1024))
    }

    /// `url` with `suffix` after the database's name; the database is made when missing.
    static func database(_ url: String, suffix: String) -> String {
        guard let parsed = try? PostgresURL(url) else { fail("not a URL: \(url)") }
        let name = parsed.database + suffix
        let made = url.replacingOccurrences(of: "/\(parsed.database)", with: "/\(name)")
        let admin = Process()
        admin.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        admin.arguments = ["psql", "-X", "-q", url, "-c", "DROP DATABASE IF EXISTS \(name)", "-c", "CREATE DATABASE \(name)"]
        admin.standardOutput = FileHandle.nullDevice
        do { try admin.run() } catch { fail("psql: \(error)") }
        admin.waitUntilExit()
        return made
    }
}
