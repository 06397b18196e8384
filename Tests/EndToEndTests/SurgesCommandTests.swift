import Foundation
import Testing

/// `shiftdesk surges` on the labelled outage day of the desk's tests: five outages in English
/// and Russian among everyday messages, 2026-11-24.
@Suite struct SurgesCommandTests {
    static let day = CLI.packageRoot.appendingPathComponent("Tests/DeskTests/Fixtures/surge-labelled.jsonl").path

    func surges(_ file: String, now: String) throws -> [[String: Any]] {
        let r = try CLI.run(["surges", file, "--json", "--now", now])
        #expect(r.status == 0, "\(r.stderr)")
        return try r.lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    @Test func theSurgeGoingOnIsListedWithItsPeopleAndWords() throws {
        #expect(try surges(Self.day, now: "2026-11-24T10:05:00Z").isEmpty, "before the first outage")
        let during = try surges(Self.day, now: "2026-11-24T10:30:00Z")
        #expect(during.count == 1)
        let surge = try #require(during.first)
        #expect(surge["active"] as? Bool == true)
        let size = try #require(surge["size"] as? Int)
        let threads = try #require(surge["threads"] as? [String])
        #expect(size >= 8 && threads.count == size)
        #expect((surge["words"] as? [String])?.isEmpty == false)
        // The id is its first message's, and since is that message's time, whatever process reads it.
        let id = try #require(surge["id"] as? String)
        let first = try #require(try String(contentsOfFile: Self.day, encoding: .utf8).split(separator: "\n").first { $0.contains("\"id\":\"\(id)\"") })
        #expect(first.contains("\"thread\":\"\(threads[0])\""))
        #expect((surge["since"] as? String).map { first.contains(String($0.prefix(19))) } == true)

        let text = try CLI.run(["surges", Self.day, "--now", "2026-11-24T10:30:00Z"])
        #expect(text.lines.count == 1 && text.lines[0].hasPrefix("active  since 2026-11-24 10:1") && text.lines[0].contains("\(size) people"))
    }

    @Test func endedSurgesAreListedForADay() throws {
        let evening = try surges(Self.day, now: "2026-11-24T23:00:00Z")
        #expect(evening.count >= 4 && evening.allSatisfy { $0["active"] as? Bool == false })
        let since = evening.compactMap { $0["since"] as? String }
        #expect(since == since.sorted(), "oldest first")
        #expect(try surges(Self.day, now: "2026-11-26T12:00:00Z").isEmpty, "more than a day after they ended")
    }

    @Test func aDismissedSurgeStopsShowing() throws {
        let s = try Scratch(copySample: false)
        try FileManager.default.copyItem(atPath: Self.day, toPath: s.inbox)
        let id = try #require(try surges(s.inbox, now: "2026-11-24T10:30:00Z").first?["id"] as? String)
        let dismiss = #"{"type":"dismiss","id":"x1","at":"2026-11-24T10:31:00Z","agent":"olga","surge":"\#(id)"}"# + "\n"
        let handle = try #require(FileHandle(forWritingAtPath: s.inbox))
        handle.seekToEndOfFile()
        handle.write(Data(dismiss.utf8))
        try handle.close()
        #expect(try surges(s.inbox, now: "2026-11-24T10:32:00Z").isEmpty)
        let text = try CLI.run(["surges", s.inbox, "--now", "2026-11-24T10:32:00Z"])
        #expect(text.stdout == "No surges in the last 24 hours.\n")
    }
}
