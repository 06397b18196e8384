import Foundation
import Desk
import InboxFormat
import InboxStore

/// `surges FIXTURE`: surge detection on the labelled day (precision and recall), and a burst of
/// 10,000 messages in one minute after a day of traffic: how long the detector takes to
/// absorb it, per message and in all, and to list the surges after it.
enum SurgeBenchmark {
    static func run(fixture: String) {
        let labelsPath = URL(fileURLWithPath: fixture).deletingLastPathComponent().appendingPathComponent("surge-labels.json").path
        guard let data = FileManager.default.contents(atPath: labelsPath),
              let labels = try? JSONDecoder().decode([String: String].self, from: data) else { fail("cannot read \(labelsPath)") }
        let projection = SurgeProjection()
        let inbox: Inbox
        do { inbox = try Inbox(path: fixture, projections: [projection]) } catch { fail(error.message) }
        let found = projection.detector.surges(at: Timestamp.parse("2026-11-24T23:59:00Z")!)
        let score = SurgeScore(surges: found.map { $0.threads.map(inbox.threadID) }, labels: labels)
        print("surge detection on the labelled set (\(inbox.messageCount) messages, \(found.count) surges): \(score.description)")

        // The day's texts, every one, in turn: outages and everyday traffic alike.
        let texts = inbox.threads(view: .all, status: nil, at: Timestamp.parse("2026-11-25T00:00:00Z")!)
            .flatMap { inbox.messages(of: $0).map(\.text) }
        // Terms alone: every customer message a connector appends is cut into them, on the
        // app's loop.
        var terms = 0
        let termsStart = monotonicNanos()
        for _ in 0..<20 { for text in texts { terms += SurgeTerms(text).keys.count } }
        let termsNanos = Double(monotonicNanos() - termsStart) / Double(20 * texts.count)
        print(String(format: "cutting a message into terms (the labelled day's %d texts, 20 times): %.1f µs a message, %.1f terms",
                     texts.count, termsNanos / 1000, Double(terms) / Double(20 * texts.count)))
        let start = Timestamp.parse("2026-11-25T09:00:00Z")!.milliseconds
        let detector = SurgeDetector()
        // A day before it: 20,000 messages, one every 4 seconds or so.
        for i in 0..<20_000 {
            detector.add(id: "d\(i)", thread: ThreadRef(ordinal: i), at: Timestamp(milliseconds: start - 86_400_000 + Int64(i) * 4_300),
                         terms: SurgeTerms(texts[i % texts.count]))
        }
        var latencies: [Double] = []
        latencies.reserveCapacity(10_000)
        let burstStart = monotonicNanos()
        for i in 0..<10_000 {
            let t0 = monotonicNanos()
            detector.add(id: "b\(i)", thread: ThreadRef(ordinal: 20_000 + i), at: Timestamp(milliseconds: start + Int64(i) * 6),
                         terms: SurgeTerms(texts[(i * 7) % texts.count]))
            latencies.append(Double(monotonicNanos() - t0) / 1000)
        }
        let total = Double(monotonicNanos() - burstStart) / 1e6
        let t0 = monotonicNanos()
        let surges = detector.surges(at: Timestamp(milliseconds: start + 60_000))
        let listing = Double(monotonicNanos() - t0) / 1e6
        latencies.sort()
        print(String(format: "a burst of 10,000 messages in one minute after a day of 20,000 (the labelled day's texts over and over): absorbed in %.0f ms (per message p50 %.0f µs, p99 %.0f µs, max %.1f ms); the %d surges it makes listed in %.1f ms",
                     total, latencies[5_000], latencies[9_900], latencies[9_999] / 1000, surges.count, listing))
    }
}
