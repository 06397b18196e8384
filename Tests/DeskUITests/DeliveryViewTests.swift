import Foundation
import Testing
@testable import DeskUI
import InboxFormat
import InboxStore

/// What the app says of a reply that did not go out, or may not have.
@Suite struct DeliveryViewTests {
    /// The sample with a reply in tw-6001 and what a deliverer then wrote of it.
    func app(_ deliveries: [String], now: String) throws -> TestApp {
        let scratch = try ScratchInbox(copying: samplePath)
        let reply = #"{"type":"message","id":"r-9","at":"2026-11-20T18:00:00Z","thread":"tw-6001","channel":"twitter","visibility":"public","direction":"out","author":{"id":"brand-tw"},"agent":"olga","text":"On it, Jake"}"#
        let handle = try #require(FileHandle(forWritingAtPath: scratch.path))
        handle.seekToEndOfFile()
        handle.write(Data(([reply] + deliveries).map { $0 + "\n" }.joined().utf8))
        try handle.close()
        var app = try TestApp(path: scratch.path, width: 140, height: 40, now: Timestamp.parse(now)!)
        app.scratch = scratch
        app.status = .all
        app.state.buildLists(app.model)
        app.state.selection[app.view] = app.model.inbox.thread(id: "tw-6001")
        return app
    }

    func claim(at: String, timeout: Int?) -> String {
        #"{"type":"delivery","id":"c-\#(at)","at":"\#(at)","message":"r-9","state":"sending","by":"d1""# + (timeout.map { #","timeout":\#($0)"# } ?? "") + "}"
    }

    /// tw-6001's queue row.
    func row(_ app: TestApp) -> String {
        let name = app.summary(of: app.inbox.thread(id: "tw-6001")!).customer!.displayName
        return render(app).text.split(separator: "\n").map { String($0.split(separator: "│").first ?? "") }
            .first { $0.contains(String(name.prefix(8))) } ?? ""
    }

    @Test func aFailedReplyIsNamedInItsQueueRowAndItsConversation() throws {
        let failed = #"{"type":"delivery","id":"f","at":"2026-11-20T18:00:05Z","message":"r-9","state":"failed","by":"d1","error":"rate limited"}"#
        let app = try app([claim(at: "2026-11-20T18:00:01Z", timeout: 30), failed], now: "2026-11-20T18:01:00Z")
        #expect(row(app).contains("[reply failed]"), "\(row(app))")
        #expect(render(app).text.contains("FAILED: rate limited"))
        // The sample's own failed reply, and this one.
        #expect(render(app).lines[0].contains("│ ⚠ 2 replies failed │"), "the title, whatever list is shown: \(render(app).lines[0])")
    }

    @Test func theTitleCountsFailedRepliesUntilAnotherReplyOrASend() throws {
        let failed = #"{"type":"delivery","id":"f","at":"2026-11-20T18:00:05Z","message":"r-9","state":"failed","by":"d1","error":"rate limited"}"#
        var app = try app([failed], now: "2026-11-20T18:01:00Z")
        // The sample holds one failed reply of its own; tw-6001's makes two.
        #expect(app.model.failedReplies == 2)
        // Sent after all, on a retry by the deliverer: nothing failed any more.
        try app.apply([.append(#"{"type":"delivery","id":"s","at":"2026-11-20T18:00:09Z","message":"r-9","state":"sent","by":"d1"}"#)])
        #expect(app.model.failedReplies == 1 && render(app).lines[0].contains("⚠ 1 reply failed"))
        try app.apply([.append(#"{"type":"delivery","id":"f2","at":"2026-11-20T18:00:10Z","message":"r-9","state":"failed","by":"d1"}"#)])
        #expect(app.model.failedReplies == 2)
        // The agent writes the reply again: the new one is pending, the old failure counts no more.
        try app.apply([.append(#"{"type":"message","id":"r-10","at":"2026-11-20T18:00:30Z","thread":"tw-6001","channel":"twitter","visibility":"public","direction":"out","author":{"id":"brand-tw"},"agent":"olga","text":"On it, Jake (again)"}"#)])
        #expect(app.model.failedReplies == 1)
        // A report on the older reply changes nothing now.
        try app.apply([.append(#"{"type":"delivery","id":"f3","at":"2026-11-20T18:00:40Z","message":"r-9","state":"failed","by":"d1"}"#)])
        #expect(app.model.failedReplies == 1)
    }

    @Test func aClaimTurnsUnknownOnceItsTimeoutAndAMinuteHaveGone() throws {
        let claim = claim(at: "2026-11-20T18:00:00Z", timeout: 120)
        let within = try app([claim], now: "2026-11-20T18:02:59Z")
        #expect(render(within).text.contains("· sending"))
        #expect(!row(within).contains("[reply"))
        let after = try app([claim], now: "2026-11-20T18:03:01Z")
        #expect(render(after).text.contains("unknown — check the channel"))
        #expect(row(after).contains("[reply unknown]"))
        // A claim that gives no timeout is given the deliverer's default, 30 s; so is one
        // whose timeout is past a day, or past what a number holds (it must not trap).
        let bare = try app([self.claim(at: "2026-11-20T18:00:00Z", timeout: nil)], now: "2026-11-20T18:01:31Z")
        #expect(render(bare).text.contains("unknown — check the channel"))
        for hostile in [Int.max, 10_000_000_000_000_000, -5] {
            let odd = try app([self.claim(at: "2026-11-20T18:00:00Z", timeout: hostile)], now: "2026-11-20T18:01:31Z")
            #expect(render(odd).text.contains("unknown — check the channel"), "timeout \(hostile)")
        }
    }

    @Test func aSentReplyIsNothingToWorryAbout() throws {
        let sent = #"{"type":"delivery","id":"s","at":"2026-11-20T18:00:02Z","message":"r-9","state":"sent","by":"d1","remote_id":"t-1"}"#
        let app = try app([claim(at: "2026-11-20T18:00:01Z", timeout: 30), sent], now: "2026-11-20T19:00:00Z")
        #expect(!row(app).contains("[reply"))
        #expect(render(app).text.contains("· sent"))
    }
}
