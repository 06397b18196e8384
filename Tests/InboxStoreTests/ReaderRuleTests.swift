import Foundation
import Testing
@testable import InboxStore
import InboxFormat

/// Every reader rule of the format: bad lines are reported with their number and reason,
/// skipped, and never stop the reader.
@Suite struct ReaderRuleTests {
    /// Reads a file of one good line, `bad`, and another good line; returns the problems.
    func problems(afterGoodLineWith bad: [UInt8]) throws -> (Inbox, [LineProblem]) {
        var raw = Array((Line.message("m1") + "\n").utf8)
        raw += bad + [0x0A]
        raw += Array((Line.message("m2", text: "after") + "\n").utf8)
        let file = TestInbox(raw: raw)
        let inbox = try file.load()
        #expect(inbox.messageCount == 2, "the good lines around a bad one are both read")
        return (inbox, inbox.problems)
    }

    func reason(_ bad: String) throws -> String {
        try reason(Array(bad.utf8))
    }

    func reason(_ bad: [UInt8]) throws -> String {
        let (_, problems) = try problems(afterGoodLineWith: bad)
        #expect(problems.count == 1)
        #expect(problems.first?.line == 2)
        return problems.first?.reason ?? ""
    }

    @Test func reportsFileLineAndReason() throws {
        let (inbox, problems) = try problems(afterGoodLineWith: Array("not json".utf8))
        #expect(problems.first?.description == "\(inbox.path):2: not JSON: unexpected character 'n' at column 1")
    }

    @Test func invalidUTF8IsItsOwnReason() throws {
        #expect(try reason([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D]).contains("invalid UTF-8"))
        // An overlong encoding of "/" and a UTF-16 surrogate encoded in UTF-8 are not UTF-8 either.
        #expect(try reason(Array(#"{"text":""#.utf8) + [0xC0, 0xAF] + Array(#""}"#.utf8)).contains("invalid UTF-8"))
        #expect(try reason(Array(#"{"text":""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}"#.utf8)).contains("invalid UTF-8"))
    }

    @Test func nulByteIsNamed() throws {
        var line = Array(Line.message("m9").utf8)
        line[40] = 0
        #expect(try reason(line).contains("NUL byte"))
    }

    @Test func rawControlCharacterInsideAStringIsNotJSON() throws {
        let r = try reason(Line.message("m9", text: "x").replacingOccurrences(of: "\"x\"", with: "\"a\tb\""))
        #expect(r.contains("raw control character U+0009"))
    }

    @Test func nanAndInfinityAreNotNumbers() throws {
        #expect(try reason(#"{"type":"message","followers":NaN}"#).contains("NaN"))
        #expect(try reason(#"{"x":-Infinity}"#).contains("-Infinity"))
        #expect(try reason(#"{"x":01}"#).contains("cannot start with 0"))
        #expect(try reason(#"{"x":1.}"#).contains("decimal point"))
    }

    @Test func numberWhereAStringBelongsCountsAsMissing() throws {
        let line = Line.message("m9").replacingOccurrences(of: #""thread":"t1""#, with: #""thread":42"#)
        #expect(try reason(line) == #"field "thread" must be a string, not a number"#)
    }

    @Test func valueOutsideItsListIsReported() throws {
        let line = Line.message("m9", visibility: "secret")
        #expect(try reason(line) == #"field "visibility" must be "public" or "private", not "secret""#)
    }

    @Test func missingRequiredFieldsAreNamed() throws {
        #expect(try reason(#"{"type":"message","id":"x","at":"2026-11-20T09:15:00Z"}"#) == #"missing field "thread""#)
        #expect(try reason(#"{"type":"resolve","id":"x","at":"2026-11-20T09:15:00Z","thread":"t1"}"#) == #"missing field "agent""#)
        #expect(try reason(#"{"id":"x","at":"2026-11-20T09:15:00Z"}"#) == #"missing field "type""#)
        let noAuthorID = Line.message("m9").replacingOccurrences(of: #""id":"u1","#, with: "")
        #expect(try reason(noAuthorID) == #"missing field "author.id""#)
    }

    @Test func timeWithoutZoneIsInvalid() throws {
        #expect(try reason(Line.message("m9", at: "2026-11-20T09:15:00")).contains("not an RFC 3339 time with a zone"))
        #expect(try reason(Line.message("m9", at: "2026-02-30T09:15:00Z")).contains("RFC 3339"))
    }

    @Test func notAnObjectSaysWhatItIs() throws {
        #expect(try reason("[1,2,3]") == "not an object: the line holds an array")
        #expect(try reason("\"just a string\"") == "not an object: the line holds a string")
        #expect(try reason("") == "empty line, not a JSON object")
    }

    @Test func duplicateKnownFieldIsAmbiguous() throws {
        let line = Line.message("m9").replacingOccurrences(of: #"{"type":"message","#, with: #"{"type":"message","type":"resolve","#)
        #expect(try reason(line) == #"field "type" appears twice"#)
    }

    @Test func deepNestingIsReadWithoutRecursion() throws {
        // 100,000 levels in an unknown field: valid JSON, so the record counts.
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let line = Line.message("m9").replacingOccurrences(of: #"{"type""#, with: #"{"deep":\#(deep),"type""#)
        let inbox = try TestInbox([Line.message("m1"), line]).load()
        #expect(inbox.problems.isEmpty)
        #expect(inbox.messageCount == 2)
        // Unclosed, it is a bad line with a reason, not a crash.
        let unclosed = String(repeating: "{\"a\":", count: 100_000)
        #expect(try reason(unclosed).contains("ends in the middle of a value"))
    }

    @Test func megabyteTextIsRead() throws {
        let big = String(repeating: "Привет, мир! 👋 ", count: 40_000)  // over 1 MB of UTF-8
        let file = TestInbox([Line.message("m1", text: big)])
        let inbox = try file.load()
        #expect(inbox.problems.isEmpty)
        let thread = try #require(inbox.thread(id: "t1"))
        #expect(inbox.messages(of: thread).first?.text == big)
    }

    @Test func crlfByteOrderMarkAndLineSeparatorAreAccepted() throws {
        var raw: [UInt8] = [0xEF, 0xBB, 0xBF]
        raw += Array((Line.message("m1") + "\r\n").utf8)
        raw += Array((Line.message("m2", text: "one\u{2028}two") + "\r\n").utf8)
        let inbox = try TestInbox(raw: raw).load()
        #expect(inbox.problems.isEmpty)
        #expect(inbox.messageCount == 2)
        let thread = try #require(inbox.thread(id: "t1"))
        #expect(inbox.messages(of: thread).last?.text == "one\u{2028}two")
    }

    @Test func byteOrderMarkLaterInTheFileIsAnError() throws {
        #expect(try reason([0xEF, 0xBB, 0xBF] + Array(Line.message("m9").utf8))
                == "not JSON: byte order mark U+FEFF (only the file's first line may begin with one) at column 1")
        // Other characters outside ASCII are named by code point: a no-break space looks like a space.
        #expect(try reason("\u{A0}" + Line.message("m9")) == "not JSON: unexpected character U+00A0 at column 1")
    }

    @Test func aQuotedValueKeepsItsSpaces() throws {
        let padded = Line.message("m9", visibility: " public")
        #expect(try reason(padded) == #"field "visibility" must be "public" or "private", not " public""#)
        #expect(try reason(Line.message("m9", at: "2026-11-20T09:15:00Z ")).hasSuffix(#"with a zone: "2026-11-20T09:15:00Z ""#))
    }

    @Test func redeliveredIDsAreIgnoredAndCounted() throws {
        let inbox = try TestInbox([Line.message("m1", text: "first"), Line.message("m1", text: "second"),
                                   Line.event("resolve", "e1"), Line.event("resolve", "e1")]).load()
        #expect(inbox.messageCount == 1)
        #expect(inbox.statistics(at: Timestamp(milliseconds: 0)).duplicates == 2)
        let thread = try #require(inbox.thread(id: "t1"))
        #expect(inbox.messages(of: thread).map(\.text) == ["first"])
    }

    @Test func unknownTypesAndFieldsAreSkipped() throws {
        let unknownType = #"{"type":"reaction","id":"x1","at":"2026-11-20T09:15:00Z","emoji":"👍"}"#
        let extraField = Line.message("m2").replacingOccurrences(of: #"{"type""#, with: #"{"mood":{"a":[1,2,{"b":null}]},"type""#)
        let emptyType = #"{"type":"","id":"x2","at":"2026-11-20T09:15:00Z"}"#
        let inbox = try TestInbox([Line.message("m1"), unknownType, extraField, emptyType]).load()
        #expect(inbox.problems.isEmpty, "\(inbox.problems)")
        #expect(inbox.statistics(at: Timestamp(milliseconds: 0)).unknownTypes == 2, "an empty type is one this reader does not know")
        #expect(inbox.messageCount == 2)
    }

    @Test func escapedKeysAndValuesMeanTheSame() throws {
        let line = #"{"\u0074ype":"mess\u0061ge","id":"m1","at":"2026-11-20T09:15:00Z","thread":"t\u00311","channel":"twitter","visibility":"public","direction":"in","author":{"id":"u1"},"text":"\ud83d\ude00 \u0410"}"#
        let inbox = try TestInbox([line]).load()
        #expect(inbox.problems.isEmpty)
        let thread = try #require(inbox.thread(id: "t11"))
        #expect(inbox.messages(of: thread).first?.text == "😀 А")
    }

    @Test func tornLastLineIsAWriteInProgress() throws {
        let file = TestInbox([Line.message("m1")])
        let second = Line.message("m2", text: "second")
        file.appendRaw(String(second.prefix(30)))
        let inbox = try file.load()
        #expect(inbox.problems.isEmpty)
        #expect(inbox.messageCount == 1)
        #expect(inbox.pendingBytes == 30)
        file.appendRaw(String(second.dropFirst(30)) + "\n")
        #expect(try inbox.follow() == .appended(lines: 1))
        #expect(inbox.messageCount == 2)
        #expect(inbox.problems.isEmpty)
    }

    @Test func fileIsNeverChanged() throws {
        let file = TestInbox(raw: Array("garbage\n\(Line.message("m1"))\n{\"torn".utf8))
        let before = file.bytes
        let inbox = try file.load()
        _ = try inbox.follow()
        _ = inbox.statistics(at: testNow)
        #expect(file.bytes == before)
    }

    @Test func missingFileAndDirectoryHaveTheirOwnMessages() {
        #expect(throws: InboxError("/nonexistent/x.jsonl: no such inbox file")) { try Inbox(path: "/nonexistent/x.jsonl") }
        #expect(throws: InboxError("/tmp: is a directory, not an inbox file")) { try Inbox(path: "/tmp") }
    }

    /// Format 1.1's records are checked like the others: a level or state outside the
    /// listed values is a malformed line, not a silently skipped unknown type.
    @Test func formatOnePointOneRecordsAreChecked() throws {
        let at = #""at":"2026-11-20T10:00:00Z""#
        #expect(try reason(#"{"type":"priority","id":"p1",\#(at),"thread":"t1","agent":"olga","level":"super"}"#)
            == #"field "level" must be "urgent" or "high" or "normal" or "low", not "super""#)
        #expect(try reason(#"{"type":"priority","id":"p1",\#(at),"thread":"t1","agent":"olga"}"#).hasPrefix(#"missing field "level""#))
        #expect(try reason(#"{"type":"dismiss","id":"d1",\#(at),"agent":"olga"}"#) == #"missing field "surge""#)
        #expect(try reason(#"{"type":"delivery","id":"d1",\#(at),"message":"m1","state":"lost"}"#)
            == #"field "state" must be "sending" or "sent" or "failed", not "lost""#)
        let good = TestInbox([
            Line.message("m1"),
            #"{"type":"priority","id":"p1",\#(at),"thread":"t1","agent":"olga","level":"urgent"}"#,
            #"{"type":"priority","id":"p2",\#(at),"thread":"t1","agent":"olga","level":null}"#,
            #"{"type":"dismiss","id":"x1",\#(at),"agent":"olga","surge":"m1"}"#,
        ])
        let inbox = try good.load()
        #expect(inbox.problems.isEmpty)
        #expect(inbox.statistics(at: Timestamp(milliseconds: 0)).unknownTypes == 0)
    }
}
