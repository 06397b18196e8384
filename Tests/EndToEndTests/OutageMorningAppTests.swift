import Foundation
import Testing
import TestSupport

/// The outage morning of `TestSupport` in the real app, at 09:13: 42 complaints in 12
/// minutes among everyday e-mails. The banner comes, `S` lists the people, `B` answers
/// them one by one, each reply lands in the file with its own person's name, and the
/// reply that differs from another only by the name is caught.
@Suite(.serialized) struct OutageMorningAppTests {
    @Test func bAnswersEachPersonOfTheSurgeByName() throws {
        let s = try Scratch(copySample: false)
        try (OutageMorning.lines.joined(separator: "\n") + "\n").write(toFile: s.inbox, atomically: true, encoding: .utf8)
        let term = try TerminalSession.app(on: s, width: 140, now: "2026-11-24T09:13:00Z")
        let banner = try #require(try term.waitFor("S see them · P pin an answer").first { $0.contains("⚡") })
        #expect(banner.contains("people since 09:00"), "\(banner)")
        try term.type("S")
        try term.waitFor("Surge · ")
        #expect(!term.screenText.contains("Everyday"), "the everyday e-mails are not in it")
        try term.type("B")
        try term.waitFor("Enter use")
        try term.type("outage-ack")
        try term.press("Enter")
        try term.waitFor("1 of ")
        try term.waitFor(": Ctrl-S send, then the next · Ctrl-N skip")  // the batch's keys, on the message line
        // The first person, in English: sent as the template made it, after the warning.
        try term.press("C-s")
        try term.waitFor("Send anyway?")
        try term.type("y")
        try term.waitFor("2 of ")
        #expect(s.lastRecord["thread"] as? String == "tw-0")
        #expect((s.lastRecord["text"] as? String)?.contains("Customer0") == true)
        // The second writes in Russian: the Russian template, with her name; made personal,
        // it goes at once.
        try term.type(" Ваш заказ в безопасности.")
        try term.press("C-s")
        try term.waitFor("3 of ")
        #expect(s.lastRecord["thread"] as? String == "tw-1")
        #expect((s.lastRecord["text"] as? String)?.contains("Клиент1") == true)
        #expect((s.lastRecord["text"] as? String)?.contains("Ваш заказ в безопасности.") == true)
        // The third, in English again, unedited: the same as the first but for the name.
        try term.press("C-s")
        try term.waitFor("Apart from the name, this is your reply to tw-0")
        try term.type("n")
        try term.press("C-n")
        try term.waitFor("4 of ")
        try term.press("Escape")
        try term.waitFor("Left the batch")
        try term.type("q")
    }
}
