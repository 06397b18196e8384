import Foundation
import Testing
@testable import DeskUI
import Desk
import InboxFormat
import InboxStore

@Suite struct PresenceOnScreenTests {
    @Test func othersShowInTheRowTheHeaderAndTheComposePane() throws {
        var s = try TestApp(path: samplePath, width: 140, height: 30)
        let id = s.summary(of: try #require(s.selectedThread)).id
        reduce(&s, .presence([Presence(agent: "ivan", thread: id, typing: false, at: shiftEnd),
                              Presence(agent: "olga", thread: id, typing: true, at: shiftEnd)]))
        var screen = render(s).text
        #expect(screen.contains("👁 ivan") && !screen.contains("olga typing"), "not oneself")
        reduce(&s, .presence([Presence(agent: "ivan", thread: id, typing: true, at: shiftEnd)]))
        reduce(&s, .key(.char("r")))
        screen = render(s).text
        #expect(screen.contains("✎ ivan") && screen.contains("✎ ivan is writing a reply here too."))
        s.state.plainSymbols = true
        screen = render(s).text
        #expect(screen.contains("[ivan typing]") && screen.contains("! ivan is writing a reply here too.") && !screen.contains("✎"))
        // Where this app's agent is, for the others.
        #expect(s.state.ownPresence(in: s.model) == Presence(agent: "olga", thread: id, typing: false, at: shiftEnd), "nothing typed yet")
        reduce(&s, .key(.char("H")))
        #expect(s.state.ownPresence(in: s.model).typing)
        reduce(&s, .key(.escape))
        #expect(s.state.ownPresence(in: s.model).thread == nil, "back in the queue")
    }
}
