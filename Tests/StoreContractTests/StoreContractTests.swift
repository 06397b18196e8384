import Foundation
import Testing
import InboxFormat
import InboxStore
import InboxStorePostgres
import TestSupport

/// What every store promises, run against the file and against PostgreSQL: records come
/// back in order and byte for byte, a repeated id is one record, a follower never skips
/// one, appends decided under the lock never collide, and presence is seen by the others.
@Suite struct StoreContractTests {
    @Test(arguments: Backend.allCases)
    func recordsComeBackInOrderByteForByte(_ backend: Backend) throws {
        let inbox = try backend.makeInbox()
        let lines = (1...50).map { Line.message("m\($0)", thread: "t\($0 % 7)", text: "héllo \($0) \"quoted\" \\ back 😀") }
        try inbox.open().append(lines: lines)
        let reader = try inbox.open()
        try reader.catchUp()
        let text = try String(contentsOfFile: reader.readablePath, encoding: .utf8)
        #expect(text == lines.joined(separator: "\n") + "\n")
        #expect(try inbox.load(reader).messageCount == 50)
    }

    @Test(arguments: Backend.allCases)
    func aRepeatedIDIsOneRecord(_ backend: Backend) throws {
        let inbox = try backend.makeInbox()
        let store = try inbox.open()
        try store.append(lines: [Line.message("m1"), Line.message("m2")])
        let again = try store.appendNew(lines: [(Line.message("m2"), "m2"), (Line.message("m3"), "m3"), (Line.message("m3"), "m3")])
        #expect(again.appended == 1)
        #expect(again.alreadyPresent == 2)
        let loaded = try inbox.load(try inbox.open())
        #expect(loaded.messageCount == 3)
    }

    @Test(arguments: Backend.allCases)
    func aFollowerTakesInWhatOthersAppend(_ backend: Backend) throws {
        let inbox = try backend.makeInbox()
        try inbox.open().append(line: Line.message("m1"))
        let follower = try inbox.open()
        let loaded = try inbox.load(follower)
        #expect(loaded.messageCount == 1)
        try inbox.open().append(lines: [Line.message("m2", thread: "t2"), Line.note("n1", text: "call back")])
        try follower.catchUp()
        #expect(try loaded.follow() == .appended(lines: 2))
        #expect(loaded.messageCount == 2)
        #expect(loaded.thread(id: "t2") != nil)
    }

    /// Writers append at once while a follower catches up again and again: it ends with
    /// every record, each writer's in the order written, none twice, none skipped.
    @Test(arguments: Backend.allCases)
    func aFollowerNeverSkipsARecordWhileWritersRace(_ backend: Backend) throws {
        let inbox = try backend.makeInbox()
        try inbox.open().append(line: Line.message("start"))
        let follower = try inbox.open()
        let loaded = try inbox.load(follower)
        let writers = 4, each = 60
        let (group, failures) = onThreads(writers) { w in
            let store = try inbox.open()
            for i in 0..<each {
                try store.append(line: Line.message("w\(w)-\(i)", thread: "w\(w)"))
            }
        }
        var seen = 0
        while group.wait(timeout: .now() + 0.005) == .timedOut {
            try follower.catchUp()
            _ = try loaded.follow()
            seen = max(seen, loaded.messageCount)
        }
        try follower.catchUp()
        _ = try loaded.follow()
        #expect(failures.all.isEmpty)
        #expect(loaded.messageCount == 1 + writers * each)
        #expect(seen <= loaded.messageCount)
        // Each writer's records in its own order, in the follower's copy.
        let text = try String(contentsOfFile: follower.readablePath, encoding: .utf8)
        for w in 0..<writers {
            let order = text.split(separator: "\n").compactMap { line -> Int? in
                guard let range = line.range(of: "\"id\":\"w\(w)-") else { return nil }
                return Int(line[range.upperBound...].prefix { $0.isNumber })
            }
            #expect(order == Array(0..<each))
        }
    }

    /// Claims decided under the writers' exclusion: several stores race to claim the same
    /// tokens, each looking first at what the others claimed. Every token is claimed once.
    @Test(arguments: Backend.allCases)
    func claimsDecidedUnderTheLockNeverCollide(_ backend: Backend) throws {
        let inbox = try backend.makeInbox()
        try inbox.open().append(line: Line.message("start"))
        let tokens = 40, racers = 3
        let (group, failures) = onThreads(racers) { r in
            let store = try inbox.open()
            let view = try inbox.load(store)
            for token in 0..<tokens {
                try store.append { () throws(InboxError) -> [String] in
                    _ = try view.follow()
                    // A claim is a message in the token's thread; none yet means free.
                    return view.thread(id: "claim-\(token)") == nil
                        ? [Line.message("claim-\(token)-by-\(r)", thread: "claim-\(token)")] : []
                }
            }
        }
        group.wait()
        #expect(failures.all.isEmpty)
        let loaded = try inbox.load(try inbox.open())
        #expect(loaded.messageCount == 1 + tokens)
    }

    @Test(arguments: Backend.allCases)
    func presenceIsSeenByTheOthersAndGoesOnWithdraw(_ backend: Backend) throws {
        let inbox = try backend.makeInbox()
        try inbox.open().append(line: Line.message("m1"))
        let now = Timestamp.parse("2026-11-20T10:00:00Z")!
        let olga = try inbox.open().presence(session: "olga-1")
        let ivan = try inbox.open().presence(session: "ivan-1")
        olga.publish(Presence(agent: "olga", thread: "t1", typing: true, at: now))
        ivan.publish(Presence(agent: "ivan", thread: nil, typing: false, at: now))
        #expect(ivan.others(at: now) == [Presence(agent: "olga", thread: "t1", typing: true, at: now)])
        // Not heard from for longer than the stale time: gone.
        let later = Timestamp(milliseconds: now.milliseconds + PresenceBoard.stale + 1000)
        #expect(ivan.others(at: later).isEmpty)
        olga.withdraw()
        #expect(ivan.others(at: now).isEmpty)
        ivan.withdraw()
    }
}

/// Runs `body(i)` for each `i` below `count`, each on a thread of its own (a process of
/// the store's, as far as the store can tell); their errors are gathered.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) throws -> Void) -> (DispatchGroup, Failures) {
    let group = DispatchGroup()
    let failures = Failures()
    for i in 0..<count {
        group.enter()
        Thread.detachNewThread {
            defer { group.leave() }
            do { try body(i) } catch { failures.add("\(error)") }
        }
    }
    return (group, failures)
}

/// Errors from worker threads, gathered for the test's thread.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ item: String) { lock.lock(); items.append(item); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
}
