import Foundation
import Testing

/// `shiftdesk ingest`, as a connector pipes into it.
@Suite struct IngestTests {
    static func message(_ id: String, thread: String = "mail-1", text: String = "Hello, my order is late") -> String {
        #"{"type":"message","id":"\#(id)","at":"2026-11-20T17:00:00Z","thread":"\#(thread)","channel":"email","visibility":"private","direction":"in","author":{"id":"ann@example.com","name":"Ann"},"text":"\#(text)"}"#
    }

    @Test func validRecordsAreAppendedBadLinesNamedAndReDeliveriesLeftOut() throws {
        let s = try Scratch()
        let before = s.contents.split(separator: "\n").count
        let firstSample = String(s.contents.split(separator: "\n")[1])
        let input = [
            Self.message("in-1"),
            "this is not json",
            Self.message("in-2", text: "Второе письмо"),
            Self.message("in-1"),  // the same again: a re-delivery
            firstSample,  // already in the inbox
            #"{"type":"message","id":"in-3","at":"yesterday","thread":"t","channel":"email","visibility":"private","direction":"in","author":{"id":"x"},"text":"x"}"#,
        ].joined(separator: "\n") + "\n"
        let r = try CLI.run(["ingest", s.inbox], input: Data(input.utf8))
        #expect(r.status == 1, "a bad line: exit 1")
        let errors = r.stderr.split(separator: "\n").map(String.init)
        #expect(errors.count == 3, "\(r.stderr)")
        #expect(errors[0].hasPrefix("stdin:2: not JSON"), "\(errors[0])")
        #expect(errors[1] == #"stdin:6: field "at" is not an RFC 3339 time with a zone: "yesterday""#, "the words check uses")
        #expect(errors[2] == "appended 2, already present 2, rejected 2")
        let lines = s.contents.split(separator: "\n").map(String.init)
        #expect(lines.count == before + 2)
        #expect(lines.suffix(2) == [Self.message("in-1"), Self.message("in-2", text: "Второе письмо")], "appended as they came")
        // The inbox reads clean, and the app's commands see the new thread.
        let check = try CLI.run(["check", s.inbox])
        #expect(check.status == 0, "\(check.stdout)")
        let thread = try CLI.run(["thread", s.inbox, "mail-1"])
        #expect(thread.stdout.contains("Второе письмо"))
    }

    @Test func runningTwiceAddsNothingAndExitsZero() throws {
        let s = try Scratch()
        let input = Data((Self.message("again-1") + "\n" + Self.message("again-2")).utf8)  // no final newline
        let first = try CLI.run(["ingest", s.inbox], input: input)
        #expect(first.status == 0 && first.stderr == "appended 2, already present 0, rejected 0\n", "\(first.stderr)")
        let size = s.contents.utf8.count
        let second = try CLI.run(["ingest", s.inbox], input: input)
        #expect(second.status == 0 && second.stderr == "appended 0, already present 2, rejected 0\n", "\(second.stderr)")
        #expect(s.contents.utf8.count == size)
    }

    @Test func aNewInboxIsCreatedAndAnEmptyInputIsNoError() throws {
        let s = try Scratch(copySample: false)
        let empty = try CLI.run(["ingest", s.inbox], input: Data())
        #expect(empty.status == 0 && empty.stderr == "appended 0, already present 0, rejected 0\n")
        let r = try CLI.run(["ingest", s.inbox], input: Data(("\u{FEFF}" + Self.message("first") + "\r\n").utf8))
        #expect(r.status == 0, "a byte-order mark and a Windows line end are the input's, not the record's: \(r.stderr)")
        #expect(s.contents == Self.message("first") + "\n")
    }

    @Test func aFolderThatIsNotThereIsNamed() throws {
        let r = try CLI.run(["ingest", "/nonexistent/folder/inbox.jsonl"], input: Data((Self.message("x") + "\n").utf8))
        #expect(r.status == 1)
        #expect(r.stderr.contains("/nonexistent/folder/inbox.jsonl: the folder does not exist"), "\(r.stderr)")
        #expect(r.stderr.contains("appended 0, already present 0, rejected 0"))
    }
}
