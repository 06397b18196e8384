import Foundation
import Testing
@testable import InboxStore
import InboxFormat

@Suite struct PresenceTests {
    let nine = Timestamp.parse("2026-11-24T09:00:00Z")!
    func at(_ seconds: Int64) -> Timestamp { Timestamp(milliseconds: nine.milliseconds + seconds * 1000) }

    @Test func eachAppSeesTheOthersUntilTheyQuitOrGoStale() throws {
        let file = TestInbox([Line.message("m1")])
        let olga = PresenceBoard(inboxPath: file.path, session: "a1")
        let ivan = PresenceBoard(inboxPath: file.path, session: "b2")
        olga.publish(Presence(agent: "olga", thread: "t1", typing: false, at: at(0)))
        ivan.publish(Presence(agent: "ivan", thread: nil, typing: false, at: at(0)))
        #expect(ivan.others(at: at(1)) == [Presence(agent: "olga", thread: "t1", typing: false, at: at(0))])
        #expect(olga.others(at: at(1)).map(\.agent) == ["ivan"], "not itself")
        // Typing is a change: written at once; the same again waits for the heartbeat.
        olga.publish(Presence(agent: "olga", thread: "t1", typing: true, at: at(2)))
        #expect(ivan.others(at: at(2)).first?.typing == true)
        olga.publish(Presence(agent: "olga", thread: "t1", typing: true, at: at(3)))
        #expect(ivan.others(at: at(3)).first?.at == at(2))
        olga.publish(Presence(agent: "olga", thread: "t1", typing: true, at: at(8)))
        #expect(ivan.others(at: at(8)).first?.at == at(8), "the heartbeat")
        #expect(ivan.others(at: at(24)).isEmpty, "stale after 15 s: an app that died")
        olga.publish(Presence(agent: "olga", thread: nil, typing: false, at: at(25)))
        olga.withdraw()
        #expect(ivan.others(at: at(25)).isEmpty, "gone on quit")
        // Beside the inbox, never in it.
        #expect(FileManager.default.fileExists(atPath: file.path + ".presence/b2.json"))
        #expect(try String(contentsOfFile: file.path, encoding: .utf8).split(separator: "\n").count == 1)
        ivan.withdraw()
        try? FileManager.default.removeItem(atPath: file.path + ".presence")
    }

    @Test func theFolderHasTheInboxsPermissions() throws {
        let file = TestInbox([Line.message("m1")])
        chmod(file.path, 0o640)
        let board = PresenceBoard(inboxPath: file.path, session: "x")
        board.publish(Presence(agent: "olga", thread: nil, typing: false, at: nine))
        var info = stat()
        #expect(stat(board.folder, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o750, "\(String(info.st_mode & 0o777, radix: 8))")
        board.withdraw()
        rmdir(board.folder)
    }
}
