import Foundation
import Testing
@testable import DeskUI
import Desk
import InboxFormat
import InboxStore

/// `P` and `U` on the sample inbox (two pins up at 18:00: `pin-fixed` and `pin-evening`).
@Suite struct PinKeysTests {
    func app(_ lines: [String]? = nil, now: String = "2026-11-20T18:30:00Z", hours: BusinessCalendar? = nil) throws -> TestApp {
        let scratch = try lines.map { try ScratchInbox(lines: $0) } ?? ScratchInbox(copying: samplePath)
        var app = try TestApp(path: scratch.path, width: 120, height: 30, now: Timestamp.parse(now)!)
        app.scratch = scratch
        app.state.templates = TemplateLibrary(folders: [templateFolder])
        app.state.hours = hours
        return app
    }

    func type(_ s: inout TestApp, _ text: String) { for c in text { reduce(&s, .key(.char(c))) } }

    @Test func pOpensTheOutageTemplateToEditAndCtrlSPinsItUntilTheTimeTyped() throws {
        var s = try app([])
        reduce(&s, .key(.char("P")))
        #expect(s.mode == .pin)
        let screen = render(s).text
        #expect(screen.contains("Pin an announcement") && screen.contains("Some of you can't use our site"), "the outage template, to edit")
        // Edit: the text is the agent's to change; then the end time.
        reduce(&s, .key(.end))
        type(&s, " Updates at 12:00.")
        reduce(&s, .key(.tab))
        type(&s, "2h")
        let effects = reduce(&s, .key(.ctrl("s")))
        #expect(s.mode == .queue)
        try s.apply(effects)
        let pin = try #require(s.model.activePins.last)
        #expect(pin.text.hasSuffix("each of you personally. Updates at 12:00.") && pin.agent == "olga")
        #expect(pin.until == Timestamp.parse("2026-11-20T20:30:00Z"))
        let top = render(s).text.split(separator: "\n").map(String.init)[1]
        #expect(top.hasPrefix(" 📌 olga, 18:30: Some of you can't use our site"), "\(top)")
        // Past its end it is gone, with no record needed.
        reduce(&s, .tick(Timestamp.parse("2026-11-20T20:31:00Z")!))
        #expect(!render(s).text.contains("📌"))
    }

    @Test func aBadEndTimeSaysSoAndPinsNothing() throws {
        var s = try app([])
        reduce(&s, .key(.char("P")))
        reduce(&s, .key(.tab))
        type(&s, "someday")
        let effects = reduce(&s, .key(.enter))
        #expect(effects.isEmpty && s.mode == .pin)
        #expect(s.message?.isError == true && s.message?.text.contains("no time to come") == true)
        reduce(&s, .key(.escape))
        #expect(s.mode == .queue && s.pinDraft != nil, "Esc keeps the draft for the next P")
    }

    @Test func aPinThatCannotBeWrittenKeepsItsText() throws {
        var s = try app([])
        reduce(&s, .key(.char("P")))
        for c in " Back soon." { reduce(&s, .key(.char(c))) }
        let effects = reduce(&s, .key(.ctrl("s")))
        guard case .append(_, let unsent?)? = effects.first else { Issue.record("no append"); return }
        #expect(s.pinDraft == nil)
        reduce(&s, .appendFailed(reason: "the disk is full", unsent: unsent))
        #expect(s.pinDraft?.editor.text.hasSuffix("Back soon.") == true)
        #expect(s.message?.text == "Not pinned: the disk is full. P to retry; the text is kept.")
    }

    @Test func uTakesThePinDownAndAsksWhichWhenThereAreSeveral() throws {
        var s = try app()
        #expect(s.state.pinsUp(s.model).map(\.id) == ["pin-fixed", "pin-evening"])
        reduce(&s, .key(.char("U")))
        #expect(s.mode == .unpin)
        let menu = render(s).text
        #expect(menu.contains("Take which pin down?") && menu.contains("1  Checkout works again") && menu.contains("2  We're offline"))
        let effects = reduce(&s, .key(.char("2")))
        try s.apply(effects)
        #expect(s.state.pinsUp(s.model).map(\.id) == ["pin-fixed"])
        try s.apply(reduce(&s, .key(.char("U"))))
        #expect(s.state.pinsUp(s.model).isEmpty, "one left: U takes it down at once")
        reduce(&s, .key(.char("U")))
        #expect(s.message?.text == "No pin is up. P pins an announcement.")
    }

    @Test func afterHoursTheBannerOffersTheAfterHoursPinAndPStartsFromIt() throws {
        let berlin = BusinessCalendar(timeZone: TimeZone(identifier: "Europe/Berlin")!, window: OpeningWindow("09:00-18:00")!,
                                      on: [.monday, .tuesday, .wednesday, .thursday, .friday])
        var s = try app([], now: "2026-11-20T20:00:00Z", hours: berlin)
        #expect(render(s).text.contains("After hours, and nothing pinned │ P pins a notice"))
        reduce(&s, .key(.char("P")))
        #expect(render(s).text.contains("We're away right now and back on Monday at 09:00"), "\(render(s).text)")
    }

    @Test func aReplyInASurgeQuotesThePinWithPin() throws {
        let lines = (0..<9).map { i in
            #"{"type":"message","id":"m\#(i)","at":"2026-11-20T18:0\#(i):00Z","thread":"t\#(i)","channel":"twitter","visibility":"public","direction":"in","author":{"id":"u\#(i)","name":"Person \#(i)"},"text":"site is down, 502 at checkout"}"#
        } + [#"{"type":"pin","id":"p1","at":"2026-11-20T18:09:00Z","agent":"olga","text":"Checkout is down; we're on it."}"#]
        let scratch = try ScratchInbox(lines: lines)
        var s = try TestApp(path: scratch.path, width: 120, height: 30, now: Timestamp.parse("2026-11-20T18:10:00Z")!, surges: SurgeProjection())
        s.scratch = scratch
        s.state.templates = TemplateLibrary(sources: [.files(origin: "test", [("t.mustache", "---\nname: with-pin\n---\nHi {{first_name}}. {{pin}}")])])
        reduce(&s, .key(.char("t")))
        reduce(&s, .key(.enter))
        #expect(s.compose?.editor.text == "Hi Person. Checkout is down; we're on it.")
    }
}
