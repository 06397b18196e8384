import Foundation
import Testing
@testable import DeskUI
import InboxKit

/// A state over a copy of the sample inbox at a fixed time, for repeatable screens.
func sampleState(width: Int = 80, height: Int = 24) throws -> AppState {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let inbox = try Inbox(path: root.appendingPathComponent("Resources/sample-inbox.jsonl").path)
    return AppState(inbox: inbox, agent: "olga", now: Timestamp.parse("2026-11-20T18:30:00Z")!, width: width, height: height)
}

@Suite struct RenderTests {
    @Test func printScreen() throws {
        var s = try sampleState()
        print(render(s).text)
        _ = reduce(&s, .key(.enter))
        print(render(s).text)
        _ = reduce(&s, .key(.char("?")))
        print(render(s).text)
        var big = try sampleState(width: 120, height: 40)
        _ = reduce(&big, .key(.char("1")))
        print(render(big).text)
    }
}
