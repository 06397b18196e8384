import Foundation
import Testing

/// The tmux harness itself: a session ends everything it started and leaves no files.
@Suite(.serialized) struct TerminalSessionTests {
    /// The signals blocked in `pid`, from /proc (a hex mask; 0 is none).
    func blockedSignals(_ pid: Int32) throws -> UInt64 {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("SigBlk:") })
        return try #require(UInt64(line.dropFirst("SigBlk:".count).trimmingCharacters(in: .whitespaces), radix: 16))
    }

    @Test func killServerAloneEndsTheServer() throws {
        let term = try TerminalSession(width: 80, height: 24)
        let server = term.serverPID
        #expect(try blockedSignals(server) == 0, "the server does not inherit the test thread's blocked signals")
        try term.command(["kill-server"], capture: false)
        #expect(TerminalSession.waitUntilGone([server], timeout: 5), "kill-server ended the server")
    }

    @Test func stopEndsTheServerAndTheProgramAndRemovesTheFolder() throws {
        let term = try TerminalSession(width: 80, height: 24)
        let folder = term.folder
        let server = term.serverPID
        #expect(FileManager.default.fileExists(atPath: folder + "/sock"))
        // A program that ignores the hangup the server's end sends it.
        try term.run(#"sh -c "trap '' HUP; printf 'up%s\n' ' and running'; while :; do sleep 1; done""#)
        try term.waitFor("up and running")
        let program = try #require(try term.foregroundPID())
        term.stop()
        #expect(!FileManager.default.fileExists(atPath: folder), "the session's folder is removed")
        #expect(TerminalSession.isGone(server), "the server is gone")
        #expect(TerminalSession.isGone(program), "what ran in the session is gone")
    }

    @Test func aSessionLeftToItsDeinitCleansUpToo() throws {
        var folder = ""
        var server: Int32 = 0
        do {
            let term = try TerminalSession(width: 80, height: 24)
            folder = term.folder
            server = term.serverPID
            try term.run("printf 'hel%s\\n' lo")
            try term.waitFor("hello")
        }
        #expect(!FileManager.default.fileExists(atPath: folder))
        #expect(TerminalSession.isGone(server))
    }

    @Test func programsWriteStateAndConfigIntoTheSessionNotTheHome() throws {
        let term = try TerminalSession(width: 120, height: 24)
        try term.run("echo \"[$XDG_STATE_HOME|$XDG_CONFIG_HOME]\"")
        try term.waitFor("[\(term.folder)/state|\(term.folder)/config]")
    }
}
