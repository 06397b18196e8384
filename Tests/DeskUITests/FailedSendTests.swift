import Foundation
import Testing
@testable import DeskUI
import Desk
import InboxFormat
import InboxStore

/// A reply or note that cannot be written (a full disk) costs the agent nothing but a retry.
@Suite struct FailedSendTests {
    let full = "the disk is full; nothing was appended"

    func composing() throws -> TestApp {
        var s = try state(samplePath, width: 120, height: 40)
        _ = reduce(&s, .key(.char("1")))  // public: Jake Brown's thread, tw-6001, is first
        return s
    }

    func type(_ text: String, _ s: inout TestApp) {
        for c in text { _ = reduce(&s, .key(.char(c))) }
    }

    /// What the loop does when the first append of `effects` fails: drops the rest and
    /// hands the failure to `reduce`.
    func failFirstAppend(_ effects: [Effect], _ s: inout TestApp) throws -> [Effect] {
        guard case .append(_, let unsent)? = effects.first else {
            Issue.record("the first effect is not an append: \(effects)")
            return []
        }
        return reduce(&s, .appendFailed(reason: full, unsent: unsent))
    }

    @Test func aReplyThatCannotBeWrittenStaysADraft() throws {
        var s = try composing()
        _ = reduce(&s, .key(.char("r")))
        type("Jake, it's fixed now.", &s)
        let sent = reduce(&s, .key(.ctrl("s")))
        #expect(sent.dropFirst().first == .saveDraft(thread: "tw-6001", text: ""), "the draft goes only after the reply is written")
        let after = try failFirstAppend(sent, &s)
        #expect(after == [.saveDraft(thread: "tw-6001", text: "Jake, it's fixed now.")], "the draft on disk stays")
        #expect(s.drafts["tw-6001"] == "Jake, it's fixed now.")
        #expect(s.mode == .queue)
        #expect(render(s).text.contains("Reply not sent: \(full). Draft kept: r to retry."))
        _ = reduce(&s, .key(.char("r")))
        #expect(s.mode == .compose)
        #expect(s.compose?.editor.text == "Jake, it's fixed now.")
        #expect(render(s).text.contains("Jake, it's fixed now."))
    }

    @Test func aReplyAndResolveThatFailsResolvesNothing() throws {
        var s = try composing()
        _ = reduce(&s, .key(.char("r")))
        type("Jake, it's fixed now.", &s)
        let sent = reduce(&s, .key(.ctrl("x")))
        #expect(s.resolvedThisSession == 1)
        _ = try failFirstAppend(sent, &s)
        #expect(s.resolvedThisSession == 0)
        #expect(s.undoStack.isEmpty, "u has nothing to undo")
        #expect(s.drafts["tw-6001"] == "Jake, it's fixed now.")
    }

    @Test func theMessageFitsEightyColumns() throws {
        var s = try state(samplePath, width: 80, height: 24)
        _ = reduce(&s, .key(.char("1")))
        _ = reduce(&s, .key(.char("r")))
        type("Jake, it's fixed now.", &s)
        _ = try failFirstAppend(reduce(&s, .key(.ctrl("s"))), &s)
        #expect(render(s).text.contains("r to retry"))
    }

    @Test func aNoteThatCannotBeWrittenComesBackToTheNoteLine() throws {
        var s = try composing()
        _ = reduce(&s, .key(.char("n")))
        type("Refund approved, ticket B-1187", &s)
        let sent = reduce(&s, .key(.enter))
        #expect(s.noteText.isEmpty)
        _ = try failFirstAppend(sent, &s)
        #expect(render(s).text.contains("Note not saved: \(full). n to retry."))
        #expect(s.noteText == "Refund approved, ticket B-1187")
        _ = reduce(&s, .key(.char("n")))
        #expect(render(s).text.contains("Note: Refund approved, ticket B-1187"))
        _ = reduce(&s, .key(.escape))
        #expect(reduce(&s, .key(.char("q"))).isEmpty, "quitting asks first: the note is unsent")
        #expect(s.mode == .confirmQuit)
    }

    @Test func aResolveThatCannotBeWrittenSaysSoAndLeavesNothingToUndo() throws {
        var s = try composing()
        let effects = reduce(&s, .key(.char("x")))
        guard case .append(let line, let unsent)? = effects.first else { Issue.record("no append"); return }
        #expect(line.contains(#""type":"resolve""#))
        #expect(s.resolvedThisSession == 1 && s.undoStack.count == 1)
        _ = reduce(&s, .appendFailed(reason: full, unsent: unsent))
        #expect(render(s).text.contains("Not saved: \(full). Nothing changed."))
        #expect(s.resolvedThisSession == 0 && s.undoStack.isEmpty, "the resolve did not happen: u has nothing to take back")
    }

    @Test func aPriorityOrSnoozeThatCannotBeWrittenLeavesTheUndoListAsItWas() throws {
        var s = try composing()
        _ = reduce(&s, .key(.escape))
        for keys in [["p"], ["z", "1"]] {
            var effects: [Effect] = []
            for key in keys { effects = reduce(&s, .key(.char(Character(key)))) }
            guard case .append(_, let unsent)? = effects.first else { Issue.record("no append for \(keys)"); return }
            #expect(s.undoStack.count == 1)
            _ = reduce(&s, .appendFailed(reason: full, unsent: unsent))
            #expect(s.undoStack.isEmpty, "\(keys): nothing to undo")
        }
    }
}
