import Foundation
import Testing

/// Two agents' apps on one inbox see where the other is.
@Suite(.serialized) struct PresenceAppTests {
    @Test func eachAppShowsWhoHasTheThreadOpenAndWhoIsWriting() throws {
        let s = try Scratch()
        let a = try TerminalSession.app(on: s, width: 140)
        let b = try TerminalSession.app(on: s, agent: "ivan", width: 140, symbols: true)
        // olga opens the first thread: ivan's queue shows her on it within a second.
        try a.press("Enter")
        try b.waitFor("👁 olga", timeout: 1.5)
        // She writes: ivan sees it, and his own reply there says so from the start.
        try a.type("r")
        try a.waitFor("To Jake Brown")
        try a.type("@jakeb Jake, looking")
        try b.waitFor("✎ olga", timeout: 1.5)
        try b.type("r")
        try b.waitFor("✎ olga is writing a reply here too.")
        // Presence lives beside the inbox, never in it.
        #expect(FileManager.default.fileExists(atPath: s.inbox + ".presence"))
        #expect(!(try String(contentsOfFile: s.inbox, encoding: .utf8)).contains("typing"))
        try b.press("Escape")
        try a.press("Escape")
        try a.type("q")
        // olga quits: her app takes its presence with it.
        try b.waitUntil("olga's presence to go", timeout: 2) { !$0.joined().contains("✎ olga") && !$0.joined().contains("👁 olga") }
        try b.type("q")
    }
}
