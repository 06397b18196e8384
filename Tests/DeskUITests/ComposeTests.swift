import Foundation
import Testing
@testable import DeskUI
import Desk
import InboxFormat
import InboxStore

let templateFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Resources/templates").path

/// Replies: the picker, the editor pane, the personal-touch check before sending, drafts.
@Suite struct ComposeTests {
    func composing(_ path: String = samplePath, width: Int = 120, height: Int = 40) throws -> TestApp {
        var s = try state(path, width: width, height: height)
        s.templates = TemplateLibrary(folders: [templateFolder])
        _ = reduce(&s, .key(.char("1")))  // public: Jake Brown's complaint about checkout is first
        return s
    }

    func type(_ text: String, _ s: inout TestApp) -> [Effect] {
        var effects: [Effect] = []
        for c in text { effects += reduce(&s, .key(.char(c))) }
        return effects
    }

    func appended(_ effects: [Effect]) -> [String] {
        effects.compactMap { if case .append(let line, _) = $0 { line } else { nil } }
    }

    @Test func withNoTemplatesThePickerSaysWhyInsteadOfNoMatch() throws {
        var s = try composing()
        s.templates = TemplateLibrary(folders: ["/nonexistent/shiftdesk-templates"])
        _ = reduce(&s, .key(.char("t")))
        let picker = render(s).text
        #expect(picker.contains("No templates loaded: no template files in /nonexistent/shiftdesk-templates"))
        #expect(!picker.contains("No template matches."))
        _ = type("zzz", &s)
        #expect(render(s).text.contains("No templates loaded"), "the reason stays while filtering")
        s.templates = TemplateLibrary(folders: [templateFolder])
        #expect(render(s).text.contains("No template matches."), "with templates, a filter that fits none says so")
    }

    @Test func pickATemplateSeeItsPreviewAndMeetTheUntouchedWarning() throws {
        var s = try composing()
        _ = reduce(&s, .key(.char("t")))
        #expect(s.mode == .picker)
        _ = type("outage", &s)
        #expect(s.pickerTemplates.first?.name == "outage-ack")
        #expect(s.pickerTemplates.first?.language == "en", "the English one first, as it is listed first")
        let picker = render(s).text
        #expect(picker.contains("Preview for this thread:"))
        #expect(picker.contains("@jakeb Sorry Jake, checkout is failing"))
        _ = reduce(&s, .key(.enter))
        #expect(s.mode == .compose)
        #expect(s.compose?.editor.text.hasPrefix("@jakeb Sorry Jake, checkout is failing") == true)
        // Nobody from the company has answered Jake yet and no account is configured: the agent.
        #expect(render(s).text.contains("To Jake Brown from \(s.agent) · twitter public · outage-ack"))
        // Sent as rendered: the check stops it and says why.
        #expect(appended(reduce(&s, .key(.ctrl("s")))).isEmpty)
        #expect(s.compose?.pendingWarnings?.map(\.kind).contains(.untouched) == true)
        #expect(render(s).text.contains("⚠ This is the template exactly as rendered"))
        _ = reduce(&s, .key(.char("n")))
        #expect(s.compose?.pendingWarnings == nil && s.mode == .compose)
    }

    @Test func anEditedReplyIsSentAsAMessageRecordAndTheThreadWaits() throws {
        let copy = try ScratchInbox(copying: samplePath)
        var s = try composing(copy.path)
        let thread = try #require(s.selectedThread)
        _ = reduce(&s, .key(.char("t")))
        _ = type("outage", &s)
        _ = reduce(&s, .key(.enter))
        _ = reduce(&s, .key(.end))
        _ = type(" Jake, your three cards were never charged.", &s)
        let effects = reduce(&s, .key(.ctrl("s")))
        let lines = appended(effects)
        #expect(lines.count == 1)
        let record = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(record["type"] as? String == "message" && record["direction"] as? String == "out")
        #expect(record["template"] as? String == "outage-ack")
        // The sentence added at the end is all the agent changed, for the shift report.
        #expect(record["template_edit"] as? Int == 43)
        #expect(record["agent"] as? String == "olga")
        #expect((record["text"] as? String)?.hasSuffix("Jake, your three cards were never charged.") == true)
        #expect(effects.contains(.saveDraft(thread: "tw-6001", text: "")), "the draft is removed once sent")
        for line in lines { try InboxAppender(path: copy.path, durable: false).append(line: line) }
        _ = try s.follow()
        #expect(s.inbox.status(of: thread, at: shiftEnd) == .waiting)
        #expect(!s.visibleThreads.contains(thread), "a thread that waits on the customer leaves the open queue")
        #expect(render(s).text.contains("queued"))
    }

    /// A reply from a template, left for another thread and taken up again, still says
    /// which template it started from and how much was changed.
    @Test func aTemplateDraftTakenUpAgainKeepsItsTemplate() throws {
        var s = try composing()
        _ = reduce(&s, .key(.char("t")))
        _ = type("outage", &s)
        _ = reduce(&s, .key(.enter))
        _ = reduce(&s, .key(.end))
        _ = type(" Jake, all three cards are safe.", &s)
        _ = reduce(&s, .key(.escape))
        // Another thread's reply opens, then back to Jake's draft.
        _ = reduce(&s, .key(.down))
        _ = reduce(&s, .key(.char("r")))
        _ = reduce(&s, .key(.escape))
        _ = reduce(&s, .key(.up))
        _ = reduce(&s, .key(.char("r")))
        #expect(s.compose?.templateName == "outage-ack")
        let lines = appended(reduce(&s, .key(.ctrl("s"))))
        let line = try #require(lines.first)
        let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(record["template"] as? String == "outage-ack")
        #expect(record["template_edit"] as? Int == 32)
    }

    @Test func sendAndResolveAtOnce() throws {
        var s = try composing()
        _ = reduce(&s, .key(.char("r")))
        _ = type("Jake, it's fixed: please try again now.", &s)
        let lines = appended(reduce(&s, .key(.ctrl("x"))))
        #expect(lines.count == 2)
        #expect(!lines[0].contains("template"), "a reply written from nothing names no template and no edit")
        #expect(lines[1].contains(#""type":"resolve""#))
        #expect(s.resolvedThisSession == 1)
    }

    @Test func overTheLimitWarnsAndSuggestsPrivate() throws {
        var s = try composing()
        _ = reduce(&s, .key(.char("r")))
        _ = type(String(repeating: "Sorry about this. ", count: 17), &s)  // 306 characters
        let screen = render(s).text
        #expect(screen.contains(" 306/280"))
        #expect(screen.contains("⚠ Over twitter's 280 characters"))
        _ = reduce(&s, .key(.ctrl("s")))
        #expect(s.compose?.pendingWarnings?.contains { $0.kind == .tooLong } == true)
    }

    @Test func personalDataInAPublicReplyIsCaught() throws {
        var s = try composing()
        _ = reduce(&s, .key(.char("r")))
        _ = type("Jake, write to me at olga@shopwave.example and I'll sort it.", &s)
        _ = reduce(&s, .key(.ctrl("s")))
        #expect(s.compose?.pendingWarnings?.map(\.kind) == [.personalData])
        let sent = appended(reduce(&s, .key(.char("y"))))
        #expect(sent.count == 1, "confirmed, it goes")
    }

    @Test func draftsComeBackAndTheEditorRoundTrips() throws {
        var s = try composing()
        _ = reduce(&s, .key(.char("r")))
        let effects = type("Hi Jake", &s)
        #expect(effects.last == .saveDraft(thread: "tw-6001", text: "Hi Jake"))
        _ = reduce(&s, .key(.escape))
        #expect(s.mode == .queue && render(s).text.contains("Reply kept as a draft"))
        // After a restart the drafts come from disk.
        var fresh = try composing()
        fresh.drafts = ["tw-6001": "Hi Jake"]
        _ = reduce(&fresh, .key(.char("r")))
        #expect(fresh.compose?.editor.text == "Hi Jake")
        #expect(reduce(&fresh, .key(.ctrl("e"))) == [.openEditor("Hi Jake")])
        _ = reduce(&fresh, .editorReturned("Hi Jake, it's fixed.\n"))
        #expect(fresh.compose?.editor.text == "Hi Jake, it's fixed.")
    }

    @Test func helpListsTheReplyKeys() throws {
        var s = try composing(width: 160, height: 50)
        _ = reduce(&s, .key(.char("?")))
        let text = render(s).text
        for key in Keymap.composeKeys { #expect(text.contains(key.help), "\(key.keys)") }
    }
}

@Suite struct DraftStoreTests {
    @Test func draftsSurviveAndAnyThreadIdIsASafeFileName() throws {
        let dir = NSTemporaryDirectory() + "drafts-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = DraftStore(folder: dir)
        try store.save("Привет, Анна 👋\nвторая строка", for: "tw-6002")
        try store.save("sneaky", for: "../../etc/passwd")
        #expect(store.loadAll() == ["tw-6002": "Привет, Анна 👋\nвторая строка", "../../etc/passwd": "sneaky"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).allSatisfy { !$0.contains("/") && !$0.contains("..") })
        try store.save("", for: "tw-6002")
        #expect(store.loadAll().keys.sorted() == ["../../etc/passwd"])
    }
}

@Suite struct MoveAndRetryTests {
    @Test func moveToPrivatePreparesTheInvitationInTheCustomersLanguage() throws {
        var s = try state(width: 120, height: 40)
        s.templates = TemplateLibrary(folders: [templateFolder])
        _ = reduce(&s, .key(.char("1")))
        _ = reduce(&s, .key(.char("m")))  // Jake writes in English
        #expect(s.mode == .compose && s.compose?.templateName == "move-to-dm")
        #expect(s.compose?.editor.text.hasPrefix("@jakeb Jake, I'd like to sort this out properly.") == true)
        _ = reduce(&s, .key(.escape))
        _ = reduce(&s, .key(.char("/")))
        for c in "Артём" { _ = reduce(&s, .key(.char(c))) }
        _ = reduce(&s, .key(.enter))
        _ = reduce(&s, .key(.char("m")))
        #expect(s.compose?.editor.text.hasPrefix("@artem_z Артём, хочу разобраться как следует.") == true)
    }

    @Test func aFailedReplyComesBackToBeRetried() throws {
        var s = try state(width: 180, height: 40)
        s.templates = TemplateLibrary(folders: [templateFolder])
        _ = reduce(&s, .key(.char("s")))  // waiting: tw-6014's reply failed to deliver
        let index = try #require(s.visibleThreads.firstIndex { s.summary(of: $0).id == "tw-6014" })
        for _ in 0..<index { _ = reduce(&s, .key(.down)) }
        #expect(render(s).text.contains("FAILED: rate limited by twitter (429)"))
        _ = reduce(&s, .key(.char("r")))
        #expect(s.compose?.editor.text.contains("checkout is failing for everyone") == true)
        #expect(render(s).text.contains("The last reply failed (rate limited by twitter (429))"))
    }
}
