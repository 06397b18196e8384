import Foundation
import Testing

/// A customer answered twice in public today: the context counts it, and the third reply
/// is told to go private.
@Suite(.serialized) struct HatersAppTests {
    static func line(_ id: String, _ time: String, out: Bool = false, _ text: String) -> String {
        #"{"type":"message","id":"\#(id)","at":"2026-11-20T\#(time):00Z","thread":"tw-1","channel":"twitter","visibility":"public","direction":"\#(out ? "out" : "in")","author":{"id":"\#(out ? "shop" : "u1")","handle":"\#(out ? "@shop" : "@kate")","name":"\#(out ? "Shop" : "Kate Moss")"},"text":"\#(text)"}"#
    }

    @Test func theThirdPublicReplyIsToldToGoPrivate() throws {
        let s = try Scratch(copySample: false)
        let lines = [Self.line("m1", "09:00", "@shop my order is late"), Self.line("r1", "09:10", out: true, "@kate sorry, checking"),
                     Self.line("m2", "10:00", "@shop still nothing"), Self.line("r2", "10:10", out: true, "@kate it ships today"),
                     Self.line("m3", "11:00", "@shop this is a joke")]
        try (lines.joined(separator: "\n") + "\n").write(toFile: s.inbox, atomically: true, encoding: .utf8)
        let term = try TerminalSession.app(on: s, width: 140)
        try term.waitFor("Same customer: Kate Moss · 2 public replies to them here today")
        try term.type("r")
        try term.waitFor("The third public reply in this thread today: take it private (Esc, then m).")
        try term.press("Escape")
        try term.type("m")
        try term.waitFor("move-to-dm")
        try term.press("Escape")
        try term.type("q")
    }
}
