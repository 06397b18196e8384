import Foundation
import Testing
@testable import DeskUI
import Desk
import InboxFormat
import InboxStore

/// The labelled outage day of the desk's tests, in the app: the banner, `S`, `D`.
@Suite struct SurgeKeysTests {
    static let day = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("DeskTests/Fixtures/surge-labelled.jsonl").path

    /// The app at `time` on the day as it stood then (the lines up to it), in a copy the test may write to.
    func app(at time: String) throws -> TestApp {
        let now = Timestamp.parse(time)!
        let lines = try String(contentsOfFile: Self.day, encoding: .utf8).split(separator: "\n").map(String.init).filter { line in
            guard let r = line.range(of: #""at":""#) else { return false }
            return Timestamp.parse(String(line[r.upperBound...].prefix(20)))! <= now
        }
        let scratch = try ScratchInbox(lines: lines)
        var app = try TestApp(path: scratch.path, width: 140, height: 40, now: Timestamp.parse(time)!, surges: SurgeProjection())
        app.scratch = scratch
        return app
    }

    @Test func theBannerShowsWhileASurgeGoesOnAndSListsItsPeopleOldestFirst() throws {
        let quiet = try app(at: "2026-11-24T10:05:00Z")
        #expect(!render(quiet).text.contains("⚡"), "no surge yet")

        var s = try app(at: "2026-11-24T10:30:00Z")
        let lines = render(s).text.split(separator: "\n").map(String.init)
        let banner = try #require(lines.dropFirst().first)
        #expect(banner.contains("⚡") && banner.contains("people since 10:1") && banner.contains("S see them · P pin an answer · D not a surge"), "\(banner)")
        #expect(banner.contains("502"))

        reduce(&s, .key(.char("S")))
        let surge = try #require(s.surgeView)
        #expect(s.visibleThreads == surge.threads && surge.threads.count >= 8)
        let times = surge.threads.map { s.model.messages(of: $0)[0].at }
        #expect(times == times.sorted(), "oldest first")
        let heading = render(s).text.split(separator: "\n").map(String.init)[2]
        #expect(heading.contains("Surge · \(surge.threads.count) people · 0 answered"), "\(heading)")
        // j moves in the surge's list; Esc goes back to the queue.
        reduce(&s, .key(.char("j")))
        #expect(s.selectedThread == surge.threads[1])
        reduce(&s, .key(.escape))
        #expect(s.surgeView == nil && s.visibleThreads != surge.threads)
        // Back where the queue's selection was.
        reduce(&s, .key(.char("j")))
        reduce(&s, .key(.char("j")))
        let queued = s.selectedThread
        reduce(&s, .key(.char("S")))
        reduce(&s, .key(.char("j")))
        reduce(&s, .key(.escape))
        #expect(s.selectedThread == queued)
    }

    /// The banner's list is kept between frames: a person who joins within the same minute
    /// must still be counted within a second, and one writing about something else must not be.
    @Test func theBannerCountsSomeoneWhoJoinsWithinASecond() throws {
        var s = try app(at: "2026-11-24T10:30:00Z")
        func people() -> Int? {
            let banner = render(s).text.split(separator: "\n").map(String.init).dropFirst().first ?? ""
            guard let r = banner.range(of: #"\d+ people"#, options: .regularExpression) else { return nil }
            return Int(banner[r].split(separator: " ")[0])
        }
        let before = try #require(people())
        func customer(_ n: Int, _ text: String) -> String {
            #"{"type":"message","id":"late-\#(n)","at":"2026-11-24T10:30:10Z","thread":"late-\#(n)","channel":"twitter","visibility":"public","direction":"in","author":{"id":"late-\#(n)"},"text":"\#(text)"}"#
        }
        try InboxAppender(path: s.inbox.path, durable: false).append(line: customer(1, "where is my parcel, ordered a week ago"))
        _ = try s.follow()
        #expect(people() == before, "an everyday question joins no surge")
        try InboxAppender(path: s.inbox.path, durable: false).append(line: customer(2, "checkout gives me a 502 bad gateway"))
        _ = try s.follow()
        s.now = Timestamp.parse("2026-11-24T10:30:01Z")!
        #expect(people() == before + 1)
    }

    @Test func anAnswerCountsInTheSurgeView() throws {
        var s = try app(at: "2026-11-24T10:30:00Z")
        reduce(&s, .key(.char("S")))
        let first = try #require(s.selectedThread)
        let id = s.summary(of: first).id
        try s.apply([.append(s.state.writer.resolve(thread: id))])
        let heading = render(s).text.split(separator: "\n").map(String.init)[2]
        #expect(heading.contains("1 answered"), "\(heading)")
    }

    @Test func dDismissesTheSurgeForEveryoneThroughTheFile() throws {
        var s = try app(at: "2026-11-24T10:30:00Z")
        let effects = reduce(&s, .key(.char("D")))
        guard case .append(let line, _)? = effects.first else { Issue.record("no record"); return }
        #expect(line.contains(#""type":"dismiss""#) && line.contains(#""surge":"m"#))
        try s.apply(effects)
        #expect(!render(s).text.contains("⚡"), "dismissed: the banner is gone")
        // Another agent's app, reading the file afresh, does not show it either.
        let other = try TestApp(path: try #require(s.scratch?.path), width: 140, height: 40, now: Timestamp.parse("2026-11-24T10:31:00Z")!,
                                surges: SurgeProjection())
        #expect(!render(other).text.contains("⚡"))
        var again = other
        reduce(&again, .key(.char("S")))
        #expect(again.surgeView == nil)
    }
}
