import Foundation
import Testing
@testable import DeskUI
import Desk
import InboxFormat
import InboxStore

/// The queue's lists are moved thread by thread as records arrive; whatever arrives, each
/// list must be the one a fresh build would make.
@Suite struct QueueIndexTests {
    @Test func listsMovedByRecordsEqualListsBuiltAfresh() throws {
        let scratch = try ScratchInbox(copying: samplePath)
        var s = try TestApp(path: scratch.path, width: 120, height: 40)
        s.scratch = scratch
        s.state.buildAllLists(s.model)
        var random = SystemRandomNumberGenerator()
        let threads = s.inbox.threads(view: .all, status: nil, at: shiftEnd).map { s.inbox.threadID($0) } + ["new-1", "new-2", "new-3"]
        let writer = RecordWriter(agent: "ivan", now: { shiftEnd })
        var n = 0
        for round in 0..<12 {
            var lines: [String] = []
            for _ in 0..<8 {
                n += 1
                let thread = threads.randomElement(using: &random)!
                let at = "2026-11-20T18:\(10 + round):\(n % 60 < 10 ? "0" : "")\(n % 60)Z"
                switch Int.random(in: 0..<7, using: &random) {
                case 0, 1:
                    lines.append(#"{"type":"message","id":"q\#(n)","at":"\#(at)","thread":"\#(thread)","channel":"twitter","visibility":"\#(n % 3 == 0 ? "private" : "public")","direction":"in","author":{"id":"qc\#(n % 5)"},"text":"still broken"}"#)
                case 2:
                    lines.append(#"{"type":"message","id":"q\#(n)","at":"\#(at)","thread":"\#(thread)","channel":"twitter","visibility":"public","direction":"out","author":{"id":"shop"},"agent":"ivan","text":"on it"}"#)
                case 3: lines.append(writer.resolve(thread: thread))
                case 4: lines.append(writer.assign(thread: thread, to: ["olga", "ivan", nil].randomElement(using: &random)!))
                case 5: lines.append(writer.snooze(thread: thread, until: Timestamp.parse("2026-11-21T09:00:00Z")!))
                default: lines.append(writer.reopen(thread: thread))
                }
            }
            try s.apply(lines.map { .append($0, unsent: nil) })
            var fresh = AppState(model: s.model, agent: "olga", now: s.now, width: 120, height: 40)
            fresh.buildAllLists(s.model)
            for view in QueueView.allCases {
                for status in StatusFilter.allCases {
                    for order in QueueOrder.allCases {
                        let key = QueueIndex.Key(view: view, status: status, order: order)
                        #expect(s.state.queue.list(key) == fresh.queue.list(key), "round \(round): \(view) \(status) \(order)")
                    }
                }
            }
        }
    }
}
