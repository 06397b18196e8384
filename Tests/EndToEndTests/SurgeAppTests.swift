import Foundation
import Testing

/// An outage morning in the app: the labelled day as it stood at 10:30, when the checkout
/// outage had been going on for twenty minutes.
@Suite(.serialized) struct SurgeAppTests {
    /// The day's lines up to `time`.
    static func day(until time: String) throws -> String {
        try String(contentsOfFile: SurgesCommandTests.day, encoding: .utf8).split(separator: "\n")
            .filter { line in line.range(of: #""at":""#).map { String(line[$0.upperBound...].prefix(20)) <= time } ?? false }
            .joined(separator: "\n") + "\n"
    }

    @Test func theBannerNamesTheSurgeSListsItsPeopleAndDDismissesItForEveryone() throws {
        let s = try Scratch(copySample: false)
        try Self.day(until: "2026-11-24T10:30:00Z").write(toFile: s.inbox, atomically: true, encoding: .utf8)
        let term = try TerminalSession.app(on: s, width: 140, now: "2026-11-24T10:30:00Z")
        let screen = try term.waitFor("S see them · P pin an answer · D not a surge")
        let banner = try #require(screen.first { $0.contains("⚡") })
        #expect(banner.contains("people since 10:1") && banner.contains("502"), "\(banner)")
        try term.type("S")
        let view = try term.waitFor("Surge · ")
        let heading = try #require(view.first { $0.contains("Surge · ") })
        #expect(heading.contains("people · 0 answered · oldest first"), "\(heading)")
        try term.type("D")
        try term.waitFor("Dismissed the surge")
        #expect(!term.screenText.contains("⚡"))
        #expect(s.lastRecord["type"] as? String == "dismiss" && s.lastRecord["agent"] as? String == "olga")
        // Everyone reading the file agrees: the command line lists it no more.
        let listed = try CLI.run(["surges", s.inbox, "--now", "2026-11-24T10:31:00Z"])
        #expect(listed.stdout == "No surges in the last 24 hours.\n")
        try term.type("q")
    }
}
