import Foundation
import Testing
@testable import InboxStore
import InboxFormat
import InboxSynth

/// The benchmark's inboxes are what they say they are.
@Suite struct SyntheticInboxTests {
    @Test func theBacklogIsMostlyOpenThreadsOfVeryDifferentLengths() throws {
        var lines: [String] = []
        SyntheticInbox(shape: .backlog).forEachLine(records: 30_000) { lines.append($0) }
        let inbox = try TestInbox(lines).load()
        #expect(inbox.problems.isEmpty)
        let stats = inbox.statistics(at: Timestamp(milliseconds: 0))
        let open = stats.threadsByStatus[.open] ?? 0
        #expect(open * 10 >= stats.threads * 8, "an outage backlog: at least 80% of threads wait (\(open) of \(stats.threads))")
        let lengths = inbox.threads(view: .all, status: nil, at: Timestamp(milliseconds: 0)).map { inbox.summary(of: $0, at: Timestamp(milliseconds: 0)).messageCount }
        #expect(lengths.min() == 1)
        #expect((lengths.max() ?? 0) >= 20, "a few long threads already, in the first 30,000 records")
    }

    @Test func aFileNameNamesEverythingTheContentDependsOn() {
        let names = Set([
            SyntheticInbox(shape: .shift).fileName(records: 1000),
            SyntheticInbox(shape: .backlog).fileName(records: 1000),
            SyntheticInbox(shape: .shift).fileName(records: 2000),
            SyntheticInbox(seed: 7, shape: .shift).fileName(records: 1000),
        ])
        #expect(names.count == 4)
        #expect(names.allSatisfy { $0.contains("-v\(SyntheticInbox.version)") })
    }
}
