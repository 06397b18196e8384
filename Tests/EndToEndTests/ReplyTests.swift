import Foundation
import Testing

/// Replies as an agent writes them, in the real app in tmux.
@Suite(.serialized) struct ReplyTests {
    /// The app on a scratch copy of the sample, with drafts and config in the scratch folder.
    func start(_ s: Scratch, editor: String? = nil) throws -> TerminalSession {
        var env = ["XDG_STATE_HOME": s.dir + "/state", "XDG_CONFIG_HOME": s.dir + "/config"]
        if let editor { env["EDITOR"] = editor; env["VISUAL"] = editor }
        let term = try TerminalSession(width: 120, height: 40, environment: env, keeping: s)
        try term.run("\(CLI.binary.path) '\(s.inbox)' --agent olga")
        try term.waitFor("olga │")
        try term.type("1")
        try term.waitFor("[Public 15]")
        return term
    }

    /// Writes an executable shell script standing in for the agent's editor.
    func editorScript(in s: Scratch, _ body: String) throws -> String {
        let script = s.dir + "/editor.sh"
        try ("#!/bin/sh\n" + body + "\n").write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        return script
    }

    /// Opens the reply pane on the first public thread, Jake Brown's.
    func openReply(_ term: TerminalSession) throws {
        try term.type("r")
        try term.waitFor("To Jake Brown from")
    }

    @Test func pickATemplateEditItSendItAndFindTheRecord() throws {
        let s = try Scratch()
        // Jake's thread has no company reply yet: the channel's configured account answers.
        try s.writeConfig("[accounts]\ntwitter = \"@shopwave\"\n")
        let term = try start(s)
        try term.type("t")
        try term.waitFor("Preview for this thread:")
        try term.type("outage")
        try term.waitFor("@jakeb Sorry Jake, checkout is failing")
        try term.press("Enter")
        try term.waitFor("To Jake Brown from @shopwave · twitter public · outage-ack")
        try term.press("End")
        try term.type(" Jake, your cards were not charged.")
        try term.press("C-s")
        try term.waitFor("Reply to tw-6001 saved and queued for delivery")
        let record = s.lastRecord
        #expect(record["type"] as? String == "message")
        #expect(record["direction"] as? String == "out")
        #expect(record["template"] as? String == "outage-ack")
        #expect((record["author"] as? [String: Any])?["id"] as? String == "@shopwave")
        #expect((record["text"] as? String)?.hasSuffix("Jake, your cards were not charged.") == true)
        try term.waitFor("[Public 14]")
        try term.type("q")
    }

    @Test func anUntouchedTemplateMeetsTheWarning() throws {
        let s = try Scratch()
        let term = try start(s)
        let before = s.contents
        try term.type("t")
        try term.type("outage")
        try term.waitFor("Preview for this thread:")
        try term.press("Enter")
        try term.waitFor("twitter public · outage-ack")
        try term.press("C-s")
        try term.waitFor("⚠ This is the template exactly as rendered")
        try declineAndQuit(term, s, unchanged: before)
    }

    /// At the check's question: answers no, sees that nothing was written and the reply is
    /// still there, leaves it as a draft and quits.
    func declineAndQuit(_ term: TerminalSession, _ s: Scratch, unchanged before: String) throws {
        try term.waitFor("Send anyway? y sends")
        #expect(s.contents == before, "nothing was written")
        try term.type("n")
        try term.waitFor("Not sent: the reply is still here to edit.")
        try term.press("Escape")
        try term.type("q")
    }

    /// Selects the first thread the filter finds for `text`.
    func select(_ term: TerminalSession, _ text: String) throws {
        try term.type("/")
        try term.type(text)
        try term.waitFor("/\(text)")
        try term.press("Enter")
        try term.waitFor("filter: \(text)")
    }

    @Test func anotherCustomersNameAtTheStartMeetsTheWarning() throws {
        let s = try Scratch()
        let term = try start(s)
        let before = s.contents
        try select(term, "Мария")
        try term.type("r")
        try term.waitFor("To Мария В. from")
        // Анна's name and handle, copied from her thread into Мария's.
        try term.type("@anna_k Анна, простите, оплата уже работает.")
        try term.press("C-s")
        try term.waitFor("⚠ It opens with “Анна”, another customer's name")
        try term.waitFor("⚠ It mentions @anna_k, not in this thread")
        try declineAndQuit(term, s, unchanged: before)
    }

    @Test func thePickerOpensOnTheRussianCustomersLanguage() throws {
        let s = try Scratch()
        let term = try start(s)
        try select(term, "Артём")
        try term.type("t")
        try term.waitFor("Templates · answering in ru")
        // The first template, preselected, is the Russian one, with a Russian fallback.
        try term.waitFor("Здравствуйте, Артём, спасибо, что написали.")
        try term.press("Enter")
        try term.waitFor("To Артём Зайцев from olga · twitter public · ack-response")
        try term.press("C-s")
        try term.waitFor("⚠ This is the template exactly as rendered")
        try term.type("y")
        try term.waitFor("saved and queued")
        let record = s.lastRecord
        #expect(record["template"] as? String == "ack-response-time")
        // Артём has waited for hours: the promise is to answer now, in five minutes.
        #expect((record["text"] as? String)?.contains("Отвечу в течение 5 минут.") == true, "\(record)")
        try term.type("q")
    }

    @Test func aPublicReplyOver280CharactersShowsTheWarning() throws {
        let s = try Scratch()
        let term = try start(s)
        try openReply(term)
        try term.type(String(repeating: "Sorry about this. ", count: 17))
        let screen = try term.waitFor("306/280")
        #expect(screen.joined().contains("⚠ Over twitter's 280 characters"))
        try term.press("Escape")
        try term.type("q")
    }

    @Test func theExternalEditorRoundTrip() throws {
        let s = try Scratch()
        // A scripted editor: replaces the draft's text, as an agent in vim would.
        let term = try start(s, editor: editorScript(in: s, "printf 'Jake, written in my own editor.\\n' > \"$1\""))
        try openReply(term)
        try term.type("draft")
        try term.press("C-e")
        try term.waitFor("Back from the editor.")
        try term.waitFor("Jake, written in my own editor.")
        try term.press("C-s")
        try term.waitFor("saved and queued")
        #expect(s.lastRecord["text"] as? String == "Jake, written in my own editor.")
        try term.type("q")
    }

    @Test func ctrlCInTheEditorDoesNotQuitTheApp() throws {
        let s = try Scratch()
        // An editor session in which the agent pressed Ctrl-C: SIGINT to the whole group.
        let term = try start(s, editor: editorScript(in: s, "trap '' INT\nkill -INT 0\nprintf 'after Ctrl-C\\n' > \"$1\""))
        try openReply(term)
        try term.press("C-e")
        try term.waitFor("after Ctrl-C")
        // A key typed now is drawn only after the loop has gone round again, past the
        // check where a Ctrl-C still pending would have ended it.
        try term.type(" and still here")
        try term.waitFor("and still here")
        #expect(term.alternateScreen, "the app is still running")
        try term.press("Escape")
        try term.type("q")
    }

    @Test func aDraftSurvivesKillMinus9() throws {
        let s = try Scratch()
        let term = try start(s)
        try openReply(term)
        try term.type("Jake, half a thought")
        try term.waitFor("half a thought")
        let pid = try #require(try term.foregroundPID())
        kill(pid, SIGKILL)
        // Nothing can tidy up after SIGKILL: the shell gets the app's terminal modes back
        // (Enter sends a bare CR), so reset them with a line ended by Ctrl-J.
        try term.type("stty sane; tput rmcup")
        try term.press("C-j")
        try term.waitUntil("the shell to come back") { _ in !term.alternateScreen }
        try term.run("\(CLI.binary.path) '\(s.inbox)' --agent olga")
        try term.waitFor("olga │")
        try term.type("1")
        try term.type("r")
        let screen = try term.waitFor("Jake, half a thought")
        #expect(screen.joined().contains("To Jake Brown from"))
        try term.press("Escape")
        try term.type("q")
    }
}
