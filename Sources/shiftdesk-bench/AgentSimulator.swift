import Foundation
import Desk
import InboxFormat
import InboxStore

/// `agent STORE NAME SEED SECONDS`: one scripted agent of the load test (STORE: a file or
/// a PostgreSQL URL). Loads the inbox
/// with triage as the app does, says `ready`, waits for `go` on stdin, then for SECONDS
/// opens threads (publishing presence), replies, notes, resolves and assigns, every 0.5 to
/// 2.5 s, following the file through inotify in between. Then it follows until the file
/// has been quiet for 1.5 s and prints its state's digest, how many records it appended,
/// and, in microseconds, how long each record the others appended took to reach it.
enum AgentSimulator {
    static func run(location: String, name: String, seed: UInt64, seconds: Double) {
        let triage = Triage(classifier: TriageRules().classifier())
        let arrivals = ArrivalClock(me: "ag-\(name)-")
        let store = BenchStore.open(location)
        let inbox: Inbox
        do {
            try store.catchUp()
            inbox = try Inbox(path: store.readablePath, classifiers: triage.classifiers, projections: triage.projections + [arrivals])
        } catch { fail(error.message) }
        triage.afterLoad(in: inbox)
        arrivals.counting = true
        let waiter = BenchStore.Waiter(store)
        let presence = store.presence(session: "load-\(name)")
        defer { presence.withdraw() }
        var random = SplitMix(seed: seed)
        FileHandle.standardOutput.write(Data("ready\n".utf8))
        _ = readLine()

        func follow() {
            do {
                try store.catchUp()
                _ = try inbox.follow()
            } catch { fail(error.message) }
        }
        /// Sleeps until the store changes or `nanos` pass; follows when it changed.
        func waitAndFollow(upTo nanos: UInt64) {
            if waiter.wait(upTo: nanos) { follow() }
        }

        var appended = 0
        let end = monotonicNanos() + UInt64(seconds * 1e9)
        var nextAction = monotonicNanos() + random.nanos(between: 0.5, and: 2.5)
        while monotonicNanos() < end {
            let now = monotonicNanos()
            if now < nextAction {
                waitAndFollow(upTo: nextAction - now)
                continue
            }
            nextAction = now + random.nanos(between: 0.5, and: 2.5)
            // As the app does: what others appended first, then the action on the thread.
            follow()
            let open = inbox.threads(view: .all, status: .open, at: Timestamp.now())
            guard !open.isEmpty else { continue }
            let ref = open[Int(random.next() % UInt64(open.count))]
            let thread = inbox.threadID(ref)
            presence.publish(Presence(agent: name, thread: thread, typing: true, at: Timestamp.now()))
            let id = "ag-\(name)-\(appended)-t\(monotonicNanos())"
            let at = Timestamp.now().rfc3339
            let q = JSONEscapes.quoted
            let line: String
            switch random.next() % 20 {
            case 0..<8:
                let target = inbox.replyTarget(of: ref)
                line = #"{"type":"message","id":\#(q(id)),"at":"\#(at)","thread":\#(q(thread)),"channel":\#(q(target.channel)),"visibility":"\#(target.visibility.name)","direction":"out","author":{"id":"shop"},"agent":\#(q(name)),"text":"Load test reply from \#(name)"}"#
            case 8..<12:
                line = #"{"type":"note","id":\#(q(id)),"at":"\#(at)","thread":\#(q(thread)),"agent":\#(q(name)),"text":"checked by \#(name)"}"#
            case 12..<17:
                line = #"{"type":"resolve","id":\#(q(id)),"at":"\#(at)","thread":\#(q(thread)),"agent":\#(q(name))}"#
            default:
                line = #"{"type":"assign","id":\#(q(id)),"at":"\#(at)","thread":\#(q(thread)),"agent":\#(q(name)),"to":\#(q(name))}"#
            }
            do { try store.append(line: line) } catch { fail(error.message) }
            appended += 1
            presence.publish(Presence(agent: name, thread: thread, typing: false, at: Timestamp.now()))
        }
        // The others may still write: follow until the store has been quiet a while.
        var quietSince = monotonicNanos()
        var lines = inbox.lineCount
        while monotonicNanos() - quietSince < 1_500_000_000 {
            waitAndFollow(upTo: 100_000_000)
            follow()
            if inbox.lineCount != lines { lines = inbox.lineCount; quietSince = monotonicNanos() }
        }
        follow()
        print("digest \(LoadTest.digest(inbox)) appended \(appended)")
        print(arrivals.micros.map { String($0) }.joined(separator: " "))
    }

}

/// Notes, for every record another process appended with its write time in its id
/// (`…-t<monotonic ns>`), how long it took to reach this process's state.
final class ArrivalClock: InboxProjection {
    let me: String
    var counting = false
    private(set) var micros: [Int] = []

    init(me: String) { self.me = me }

    func apply(_ record: RecordContext) {
        guard counting, let id = record.string(.id), !id.hasPrefix(me),
              let mark = id.range(of: "-t", options: .backwards), let sent = UInt64(id[mark.upperBound...]) else { return }
        let now = monotonicNanos()
        micros.append(now > sent ? Int((now - sent) / 1000) : 0)
    }
}

/// A small seeded generator, so a run can be repeated.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func nanos(between low: Double, and high: Double) -> UInt64 {
        UInt64((low + (high - low) * Double(next() % 1_000_000) / 1_000_000) * 1e9)
    }
}
