import Foundation
import Testing
@testable import DeskUI
import Desk
import InboxFormat
import InboxStore

/// Public exchanges with an unhappy customer: counted, and the third one says to take it private.
@Suite struct HatersTests {
    static func line(_ id: String, _ time: String, out: Bool = false, _ text: String) -> String {
        #"{"type":"message","id":"\#(id)","at":"2026-11-20T\#(time):00Z","thread":"tw-1","channel":"twitter","visibility":"public","direction":"\#(out ? "out" : "in")","author":{"id":"\#(out ? "shop" : "u1")","handle":"\#(out ? "@shop" : "@kate")","name":"\#(out ? "Shop" : "Kate Moss")"},"text":"\#(text)"}"#
    }

    func app(_ lines: [String]) throws -> TestApp {
        let scratch = try ScratchInbox(lines: lines)
        var s = try TestApp(path: scratch.path, width: 140, height: 40)
        s.scratch = scratch
        s.state.templates = TemplateLibrary(folders: [templateFolder])
        return s
    }

    @Test func theThirdPublicExchangeTodaySaysToTakeItPrivate() throws {
        let yesterday = #"{"type":"message","id":"y1","at":"2026-11-19T10:00:00Z","thread":"tw-1","channel":"twitter","visibility":"public","direction":"out","author":{"id":"shop","handle":"@shop"},"text":"@kate yesterday's"}"#
        var s = try app([yesterday, Self.line("m1", "09:00", "@shop my order is late"), Self.line("r1", "09:10", out: true, "@kate sorry, checking"),
                         Self.line("m2", "10:00", "@shop still nothing"), Self.line("r2", "10:10", out: true, "@kate it ships today"),
                         Self.line("m3", "11:00", "@shop this is a joke")])
        #expect(render(s).text.contains("Same customer: Kate Moss · 2 public replies to them here today"), "yesterday's does not count")
        reduce(&s, .key(.char("r")))
        let screen = render(s).text
        #expect(screen.contains("⚠ The third public reply in this thread today: take it private (Esc, then m)."))
        #expect(screen.split(separator: "\n").last { !$0.isEmpty && !$0.hasPrefix("1-5") }?.hasPrefix("Third public reply: Esc, then m moves it to private") == true,
                "the hint line names the way out")
    }

    @Test func twoRepliesAreNoWarningYet() throws {
        var s = try app([Self.line("m1", "09:00", "@shop my order is late"), Self.line("r1", "09:10", out: true, "@kate sorry, checking"),
                         Self.line("m2", "10:00", "@shop still nothing")])
        #expect(render(s).text.contains("1 public reply to them here today"))
        reduce(&s, .key(.char("r")))
        #expect(!render(s).text.contains("third public reply"))
    }

    @Test func theAngryTemplateComesFirstForTheFirstPublicAnswerOnly() throws {
        var first = try app([Self.line("m1", "09:00", "@shop THIRD TIME I'M WRITING!!! Where is my order???")])
        reduce(&first, .key(.char("t")))
        #expect(first.pickerTemplates.first?.name == "angry-public-reply")
        var later = try app([Self.line("m1", "09:00", "@shop THIRD TIME I'M WRITING!!! Where is my order???"),
                             Self.line("r1", "09:10", out: true, "@kate so sorry, looking now"), Self.line("m2", "09:20", "@shop ok")])
        reduce(&later, .key(.char("t")))
        #expect(later.pickerTemplates.first?.name != "angry-public-reply", "answered once already")
        let dm = #"{"type":"message","id":"d1","at":"2026-11-20T09:00:00Z","thread":"dm-1","channel":"twitter","visibility":"private","direction":"in","author":{"id":"u1","name":"Kate Moss"},"text":"THIRD TIME I'M WRITING!!! Where is my order???"}"#
        var privately = try app([dm])
        reduce(&privately, .key(.char("t")))
        #expect(privately.picker?.moment.contains(.angry) == false, "a private thread is no public answer")
    }
}
