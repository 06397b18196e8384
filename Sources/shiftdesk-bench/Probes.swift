import Foundation
import Desk
import InboxFormat
import InboxStore

/// Anonymous memory of this process, in kB: `RssAnon` of `/proc/self/status`.
/// The file's own mapped pages are file-backed and do not count.
func rssAnonKB() -> Int { statusKB("RssAnon:") }

/// A figure in kB from `/proc/PROCESS/status` (`field` with its colon); 0 when absent.
func statusKB(_ field: String, of process: String = "self") -> Int {
    guard let status = try? String(contentsOfFile: "/proc/\(process)/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix(field) {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? 0
    }
    return 0
}

/// The highest value a sampling thread saw; written by one thread, read after it stopped.
final class PeakSampler: @unchecked Sendable {
    private var peak = 0
    private var running = true
    private let done = DispatchSemaphore(value: 0)

    func start() {
        Thread { [self] in
            while running {
                peak = max(peak, rssAnonKB())
                usleep(2000)
            }
            done.signal()
        }.start()
    }

    func stop() -> Int {
        running = false
        done.wait()
        return max(peak, rssAnonKB())
    }
}

/// `load FILE [--triage]`: one full load; with `--triage`, everything triage adds to it in
/// the app: the default rules' classifier and projection, the pattern rules' pass, and the
/// level of every thread where a customer waits (what the queue's deadline order needs).
/// Prints `seconds lines peakAnonKB bytes problems`.
enum LoadProbe {
    static func run(path: String, triage withTriage: Bool = false) {
        // Compiled before the clock starts, as the app does it once at start-up.
        let triage = withTriage ? Triage(classifier: TriageRules().classifier()) : nil
        let sampler = PeakSampler()
        sampler.start()
        let start = monotonicNanos()
        let inbox: Inbox
        do {
            inbox = try Inbox(path: path, classifiers: triage?.classifiers ?? [], projections: triage?.projections ?? [])
        } catch { fail(error.message) }
        var urgent = 0
        if let triage {
            triage.afterLoad(in: inbox)
            for ref in inbox.threadsWhereCustomerWaits() where triage.level(of: ref, in: inbox).level == .urgent { urgent += 1 }
        }
        let seconds = Double(monotonicNanos() - start) / 1e9
        if withTriage && urgent == 0 && inbox.messageCount > 1000 { fail("no urgent thread: the rules did not run") }
        let peak = sampler.stop()
        print("\(seconds) \(inbox.lineCount) \(peak) \(inbox.consumedBytes) \(inbox.problems.count)")
    }
}

/// `follow FILE N`: loads, then follows; each probe record carries its send time in its
/// text, and the latency is the time from that write to this process having it in state.
enum FollowProbe {
    static func run(path: String, expected: Int) {
        let inbox: Inbox
        do { inbox = try Inbox(path: path) } catch { fail(error.message) }
        // Unbuffered, so the parent sees it now and not when the pipe buffer fills.
        FileHandle.standardOutput.write(Data("ready\n".utf8))
        var seen = 0
        var latencies: [Double] = []
        let before = inbox.messageCount
        while seen < expected {
            do { try inbox.follow() } catch { fail(error.message) }
            let now = monotonicNanos()
            while before + seen < inbox.messageCount {
                // Only the probes' own thread is looked at: no work proportional to the inbox.
                if let thread = inbox.thread(id: "bench-probe") {
                    let texts = inbox.messages(of: thread).suffix(inbox.messageCount - before - seen)
                    for text in texts.map(\.text) {
                        if let sent = UInt64(text) { latencies.append(Double(now - sent) / 1e6) }
                        seen += 1
                    }
                } else {
                    seen = inbox.messageCount - before
                }
            }
            usleep(1000)
        }
        latencies.sort()
        FileHandle.standardOutput.write(Data((latencies.map { String($0) }.joined(separator: " ") + "\n").utf8))

    }
}

/// `append FILE N PREFIX`: N message records, each its own locked (and fsynced) append.
/// Prints the append latencies in microseconds.
enum AppendProbe {
    static func run(path: String, count: Int, prefix: String, options: [String]) {
        let durable = !options.contains("--no-fsync")
        func option(_ name: String) -> Int {
            guard let i = options.firstIndex(of: name), i + 1 < options.count else { return 0 }
            return Int(options[i + 1]) ?? 0
        }
        let everyMs = option("--every-ms")
        // --rate N: N a second on a schedule, so slow appends do not lower the rate.
        let rate = option("--rate")
        let threads = max(1, option("--threads"))
        let store = BenchStore.open(path, durable: durable)
        var micros: [Double] = []
        micros.reserveCapacity(count)
        let begin = monotonicNanos()
        for i in 0..<count {
            if everyMs > 0 { usleep(UInt32(everyMs * 1000)) }
            if rate > 0 {
                let due = begin + UInt64(i) * 1_000_000_000 / UInt64(rate)
                let now = monotonicNanos()
                if due > now { usleep(UInt32((due - now) / 1000)) }
            }
            let start = monotonicNanos()
            // --stamp: the write's time in the id, for the load test's arrival clocks.
            let id = options.contains("--stamp") ? "\(prefix)-\(i)-t\(start)" : "\(prefix)-\(i)"
            let thread = prefix == "probe" ? "bench-probe" : threads > 1 ? "\(prefix)-thread-\(i % threads)" : "\(prefix)-thread"
            let text = prefix == "probe" ? String(start) : "\(prefix) record \(i) — запись номер \(i) 📦"
            // Each thread its own customer, as a connector's traffic has it.
            let author = threads > 1 ? "\(prefix)-customer-\(i % threads)" : prefix
            let line = #"{"type":"message","id":"\#(id)","at":"\#(Timestamp.now().rfc3339)","thread":"\#(thread)","channel":"chat","visibility":"private","direction":"in","author":{"id":"\#(author)"},"text":"\#(text)"}"#
            do { try store.append(line: line) } catch { fail(error.message) }
            micros.append(Double(monotonicNanos() - start) / 1000)
        }
        micros.sort()
        print(micros.map { String($0) }.joined(separator: " "))
    }
}

