import Foundation
import Testing
import TestSupport

/// A disk that is full, or a file at its size limit: the command or the app says so, the
/// inbox stays byte for byte as it was, and the agent's reply waits as a draft.
@Suite(.serialized) struct FullDiskTests {
    static let mountable = SmallDisk.canMount
    static let prlimit = "/usr/bin/prlimit"

    /// The sample inbox on a 64 KB tmpfs with not a byte free: a note pads the file to
    /// the end of its last page, and another file takes every free page.
    static func fullDiskWithSample() throws -> (disk: SmallDisk, inbox: String) {
        let disk = try SmallDisk(kilobytes: 64)
        let inbox = disk.dir + "/inbox.jsonl"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: CLI.sample))
        let room = SmallDisk.pageSize - bytes.count % SmallDisk.pageSize
        let empty = #"{"type":"note","id":"pad","at":"2026-11-20T06:00:00Z","thread":"tw-1001","agent":"night-bot","text":""}"#
        let pad = String(repeating: "-", count: room - empty.utf8.count - 1)
        bytes += Data(empty.replacingOccurrences(of: #""text":"""#, with: #""text":"\#(pad)""#).utf8 + [0x0A])
        try bytes.write(to: URL(fileURLWithPath: inbox))
        disk.fill()
        return (disk, inbox)
    }

    static func contents(_ path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }

    @Test(.enabled(if: mountable, "mounting a small tmpfs needs root"))
    func noteOnAFullDiskSaysSoAndChangesNothing() throws {
        let (disk, inbox) = try Self.fullDiskWithSample()
        defer { withExtendedLifetime(disk) {} }
        let before = Self.contents(inbox)
        let r = try CLI.run(["note", inbox, "tw-1001", "Refund approved by billing", "--agent", "olga"])
        #expect(r.status == 1)
        #expect(r.stderr == "shiftdesk: \(inbox): the disk is full; nothing was appended\n", "one line on stderr")
        #expect(r.stdout.isEmpty)
        #expect(Self.contents(inbox) == before)
        #expect(try CLI.run(["check", inbox]).status == 0, "the inbox reads as cleanly as before")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: prlimit), "needs prlimit (util-linux)"))
    func noteOnAFileAtItsSizeLimitSaysSoAndChangesNothing() throws {
        let s = try Scratch()
        let before = Self.contents(s.inbox)
        // At the limit not a byte can go; a little under it, the write comes up short first.
        for headroom in [0, 20] {
            // SIGXFSZ as a shell leaves it, default and unblocked: this test process hands
            // its children a mask that blocks it, which would hide a missing SIG_IGN.
            let r = try CLI.run(["note", s.inbox, "tw-1001", "Refund approved by billing", "--agent", "olga"],
                                launcher: ["/usr/bin/env", "--default-signal=XFSZ", Self.prlimit, "--fsize=\(before.count + headroom)"])
            #expect(r.status == 1, "exits with an error rather than dying of SIGXFSZ (headroom \(headroom))")
            #expect(r.stderr == "shiftdesk: \(s.inbox): the file has reached its size limit; nothing was appended\n")
            #expect(Self.contents(s.inbox) == before)
        }
    }

    @Test(.enabled(if: mountable, "mounting a small tmpfs needs root"))
    func aReplyTheDiskRefusesStaysADraft() throws {
        let (disk, inbox) = try Self.fullDiskWithSample()
        defer { withExtendedLifetime(disk) {} }
        let s = try Scratch(copySample: false)
        let before = Self.contents(inbox)
        let term = try TerminalSession(width: 120, height: 40,
                                       environment: ["XDG_STATE_HOME": s.dir + "/state", "XDG_CONFIG_HOME": s.dir + "/config"])
        try term.run("\(CLI.binary.path) '\(inbox)' --agent olga")
        try term.waitFor("olga │")
        try term.type("1")
        try term.waitFor("[Public 15]")
        try term.type("r")
        try term.waitFor("To Jake Brown from")
        try term.type("Jake, your cards were not charged.")
        try term.press("C-s")
        try term.waitFor("Reply not sent: the disk is full; nothing was appended. Draft kept: r to retry.")
        #expect(Self.contents(inbox) == before)
        try term.type("r")
        try term.waitFor("To Jake Brown from")
        try term.waitFor("Jake, your cards were not charged.")
        try term.press("Escape")

        try term.type("n")
        try term.type("Called them back")
        try term.press("Enter")
        try term.waitFor("Note not saved: the disk is full; nothing was appended. n to retry.")
        try term.type("n")
        try term.waitFor("Note: Called them back")
        try term.press("Escape")
        #expect(Self.contents(inbox) == before)
        try term.type("q")
        try term.waitFor("Quit and discard it?")
        try term.type("y")
        try term.waitForGone("olga │")
    }
}
