import Foundation
import Testing
@testable import Desk
import InboxFormat
import InboxStore

/// Rates a message by a word of its text, standing in for the rules: what the projection
/// does with the levels, whatever gives them.
struct WordLevelClassifier: MessageClassifier {
    var bitWidth: Int { 3 }
    /// The real triage classifier's scope unless a test asks for the other.
    var scope: ClassifierScope = .waitingCustomerMessages
    func classify(_ message: ClassifiedMessage) -> UInt32 {
        guard message.direction == .inbound, let text = message.string(.text) else { return 0 }
        if text.contains("URGENT") { return UInt32(PriorityLevel.urgent.rawValue) }
        if text.contains("soon") { return UInt32(PriorityLevel.high.rawValue) }
        if text.contains("thanks") { return UInt32(PriorityLevel.low.rawValue) }
        return 0
    }
}

/// An inbox file in a temporary folder, removed with the value.
final class TriageInbox {
    let path: String
    init(_ lines: [String]) throws {
        path = NSTemporaryDirectory() + "triage-\(UUID().uuidString).jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    func append(_ line: String) throws { try InboxAppender(path: path, durable: false).append(line: line) }
}

func msg(_ id: String, _ at: String, _ thread: String, _ text: String, out: Bool = false, visibility: String = "public") -> String {
    #"{"type":"message","id":"\#(id)","at":"2026-11-20T\#(at):00Z","thread":"\#(thread)","channel":"twitter","visibility":"\#(visibility)","direction":"\#(out ? "out" : "in")","author":{"id":"\#(out ? "brand" : "c-" + thread)"},"text":"\#(text)"}"#
}

func priority(_ id: String, _ thread: String, _ level: String?) -> String {
    #"{"type":"priority","id":"\#(id)","at":"2026-11-20T12:00:00Z","thread":"\#(thread)","agent":"olga","level":\#(level.map { "\"\($0)\"" } ?? "null")}"#
}

@Suite struct TriageTests {
    let noon = Timestamp.parse("2026-11-20T12:00:00Z")!

    func open(_ file: TriageInbox, scope: ClassifierScope = .waitingCustomerMessages,
              patterns: ((String, String, Visibility, Person) -> PriorityLevel?)? = nil) throws -> (Inbox, Triage) {
        let triage = Triage(classifier: WordLevelClassifier(scope: scope), patternLevel: patterns)
        let inbox = try Inbox(path: file.path, classifiers: triage.classifiers, projections: triage.projections)
        triage.afterLoad(in: inbox)
        return (inbox, triage)
    }

    @Test(arguments: [ClassifierScope.waitingCustomerMessages, .everyMessage])
    func aThreadIsAsUrgentAsItsMostUrgentOpenMessage(scope: ClassifierScope) throws {
        let file = try TriageInbox([
            msg("a1", "10:00", "a", "hello"), msg("a2", "10:05", "a", "URGENT: can't pay"), msg("a3", "10:06", "a", "thanks"),
            msg("b1", "10:00", "b", "thanks"), msg("b2", "10:01", "b", "thanks again"),
            msg("c1", "10:00", "c", "thanks"), msg("c2", "10:01", "c", "where is it?"),
            msg("d1", "09:00", "d", "URGENT"), msg("d2", "09:10", "d", "sorted", out: true), msg("d3", "09:20", "d", "soon please"),
        ])
        let (inbox, triage) = try open(file, scope: scope)
        func level(_ id: String) throws -> PriorityLevel { triage.level(of: try #require(inbox.thread(id: id)), in: inbox).level }
        #expect(try level("a") == .urgent)
        #expect(try level("b") == .low, "every open message is a thank-you")
        #expect(try level("c") == .normal, "a question no rule rates counts as normal, over a thank-you")
        #expect(try level("d") == .high, "the urgent message was answered; only what came after counts")
        try file.append(msg("d4", "09:30", "d", "ok", out: true))
        _ = try inbox.follow()
        #expect(try level("d") == .normal, "everything answered")
    }

    @Test func aThreadNobodyWaitedOnAtLoadGetsItsLevelWhenAskedAndWhenReopened() throws {
        let resolve = #"{"type":"resolve","id":"r1","at":"2026-11-20T10:10:00Z","thread":"a","agent":"olga"}"#
        let file = try TriageInbox([msg("a1", "10:00", "a", "URGENT: locked out"), resolve, msg("b1", "10:00", "b", "hello")])
        let (inbox, triage) = try open(file)
        let a = try #require(inbox.thread(id: "a"))
        #expect(!inbox.customerWaits(in: a))
        var readAtLoad: [String] = []
        inbox.forEachWaitingClassification(0) { _, m, _ in readAtLoad.append(inbox.message(m).id) }
        #expect(readAtLoad == ["b1"], "resolved without a reply: its message was not read at load")
        #expect(triage.level(of: a, in: inbox).level == .urgent, "read when its level is asked for, as the resolved view's row does")
        try file.append(msg("a2", "11:00", "a", "still can't get in"))
        _ = try inbox.follow()
        #expect(inbox.customerWaits(in: a))
        #expect(triage.level(of: a, in: inbox).level == .urgent, "the customer wrote again: both open messages count")
        #expect(triage.clock(of: a, in: inbox, at: noon) != nil)
    }

    @Test func theLoadGivesEachThreadTheLevelThatEveryRecordInTurnGives() throws {
        // The projection takes in no message while the inbox loads, and works out after it
        // what they would have told it: the levels must be those of a projection that took
        // in every record, one at a time, as it does while following.
        let resolve = #"{"type":"resolve","id":"r1","at":"2026-11-20T10:10:00Z","thread":"resolved","agent":"olga"}"#
        let lines = [
            msg("o1", "10:00", "open", "hello"), msg("o2", "10:01", "open", "soon please"),
            msg("a1", "10:00", "answered", "URGENT"), msg("a2", "10:05", "answered", "done", out: true),
            msg("g1", "10:00", "again", "URGENT"), msg("g2", "10:05", "again", "on it", out: true), msg("g3", "10:06", "again", "thanks"),
            msg("r0", "10:00", "resolved", "URGENT: locked out"), resolve,
            msg("c1", "10:00", "company", "we are down, sorry", out: true),
            msg("p1", "10:00", "overridden", "URGENT"), priority("pp1", "overridden", "low"),
            msg("q1", "10:00", "cleared", "soon"), priority("pp2", "cleared", "urgent"), priority("pp3", "cleared", nil),
            msg("s1", "10:00", "settled", "thanks"), priority("pp4", "settled", "high"), msg("s2", "10:20", "settled", "ok", out: true),
        ]
        let ids = ["open", "answered", "again", "resolved", "company", "overridden", "cleared", "settled"]
        func levels(_ inbox: Inbox, _ triage: Triage) throws -> [String] {
            try ids.map { id in
                let (level, agent) = triage.level(of: try #require(inbox.thread(id: id)), in: inbox)
                return "\(id) \(level.name) \(agent ?? "rules")"
            }
        }
        let whole = try TriageInbox(lines)
        let (loaded, triage) = try open(whole)
        let expected = ["open high rules", "answered normal rules", "again low rules", "resolved urgent rules", "company normal rules",
                        "overridden low olga", "cleared high rules", "settled high olga"]
        #expect(try levels(loaded, triage) == expected)

        // Record by record, through follow().
        let growing = try TriageInbox([lines[0]])
        let (following, followed) = try open(growing)
        for line in lines.dropFirst() {
            try growing.append(line)
            _ = try following.follow()
        }
        #expect(try levels(following, followed) == expected)

        // Asked before anyone said the load was done: the projection works it out itself.
        let late = Triage(classifier: WordLevelClassifier())
        let unprepared = try Inbox(path: whole.path, classifiers: late.classifiers, projections: late.projections)
        #expect(try levels(unprepared, late) == expected)
    }

    @Test func anAgentsLevelOverridesTheRulesUntilNull() throws {
        let file = try TriageInbox([msg("a1", "10:00", "a", "URGENT"), priority("p1", "a", "low")])
        let (inbox, triage) = try open(file)
        let a = try #require(inbox.thread(id: "a"))
        #expect(triage.level(of: a, in: inbox) == (.low, "olga"))
        try file.append(priority("p2", "a", nil))
        _ = try inbox.follow()
        #expect(triage.level(of: a, in: inbox) == (.urgent, nil))
        try file.append(priority("p3", "a", "high"))
        _ = try inbox.follow()
        #expect(triage.level(of: a, in: inbox) == (.high, "olga"))
    }

    @Test func theClockStartsWithTheFirstUnansweredMessage() throws {
        let file = try TriageInbox([
            msg("a1", "10:00", "a", "hello"), msg("a2", "10:20", "a", "hello?"),
            msg("b1", "10:00", "b", "URGENT", visibility: "private"),
            msg("c1", "09:00", "c", "hi"), msg("c2", "09:05", "c", "hi!", out: true),
        ])
        let (inbox, triage) = try open(file)
        let a = try #require(inbox.thread(id: "a"))
        #expect(triage.clock(of: a, in: inbox, at: noon)?.due == Timestamp.parse("2026-11-20T10:30:00Z"), "public normal: 30 minutes")
        let b = try #require(inbox.thread(id: "b"))
        #expect(triage.clock(of: b, in: inbox, at: noon)?.due == Timestamp.parse("2026-11-20T11:00:00Z"), "private urgent: an hour")
        #expect(triage.clock(of: try #require(inbox.thread(id: "c")), in: inbox, at: noon) == nil, "answered: no clock")
    }

    @Test func theDeadlineOrderPutsOverdueFirstAndBreaksTiesByPriority() throws {
        let file = try TriageInbox([
            msg("n1", "11:40", "normal", "hello"),          // due 12:10
            msg("u1", "11:55", "urgent", "URGENT"),         // due 12:10, urgent
            msg("o1", "11:00", "overdue", "hello"),         // due 11:30
            msg("w1", "11:00", "answered", "hi"), msg("w2", "11:01", "answered", "hi", out: true),
        ])
        let (inbox, triage) = try open(file)
        let refs = inbox.threads(view: .all, status: nil, at: noon)
        let sorted = refs.map { ref in
            (triage.place(of: ref, since: inbox.queuePlace(of: ref, view: .all, status: nil, at: noon)!, in: inbox, order: .deadline, at: noon), ref)
        }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map { inbox.summary(of: $0.1, at: noon).id }
        #expect(sorted == ["overdue", "urgent", "normal", "answered"])
        let waiting = refs.map { ref in
            (triage.place(of: ref, since: inbox.queuePlace(of: ref, view: .all, status: nil, at: noon)!, in: inbox, order: .waiting, at: noon), ref)
        }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map { inbox.summary(of: $0.1, at: noon).id }
        #expect(waiting.first == "overdue" && waiting.last == "urgent", "longest waiting first")
    }

    @Test func patternRulesReadOnlyOpenCustomerMessagesOfWaitedOnThreads() throws {
        let file = try TriageInbox([
            msg("a1", "10:00", "a", "order #123 lost"),
            msg("b1", "10:00", "b", "order #456 lost"), msg("b2", "10:10", "b", "found it", out: true),
        ])
        final class Seen: @unchecked Sendable { var texts: [String] = [] }
        let seen = Seen()
        let (inbox, triage) = try open(file, patterns: { text, _, _, _ in
            seen.texts.append(text)
            return text.contains("lost") ? .high : nil
        })
        #expect(seen.texts == ["order #123 lost"], "answered threads are not read")
        #expect(triage.level(of: try #require(inbox.thread(id: "a")), in: inbox).level == .high)
        #expect(triage.level(of: try #require(inbox.thread(id: "b")), in: inbox).level == .normal)
        try file.append(msg("b3", "10:20", "b", "lost again"))
        _ = try inbox.follow()
        triage.checkPatterns(in: inbox, threads: inbox.takeChangedThreads())
        #expect(seen.texts.suffix(1) == ["lost again"], "the new record's thread, its open messages only")
        #expect(triage.level(of: try #require(inbox.thread(id: "b")), in: inbox).level == .high)
    }

    @Test func patternRulesReadSnoozedThreadsTooAtLoad() throws {
        let file = try TriageInbox([
            msg("a1", "10:00", "a", "order lost"),
            #"{"type":"snooze","id":"z1","at":"2026-11-20T10:05:00Z","thread":"a","agent":"olga","until":"2026-11-20T13:00:00Z"}"#,
        ])
        let (inbox, triage) = try open(file, patterns: { text, _, _, _ in text.contains("lost") ? .high : nil })
        let a = try #require(inbox.thread(id: "a"))
        #expect(inbox.status(of: a, at: noon) == .snoozed)
        #expect(triage.level(of: a, in: inbox).level == .high, "rated while snoozed: when the snooze ends, it is already high")
    }

    @Test func clockTextIsFourColumnsAtMost() {
        let now = noon
        func left(_ minutes: Int) -> String { ClockText.left(until: Timestamp(milliseconds: now.milliseconds + Int64(minutes) * 60_000), at: now) }
        #expect(left(12) == "12m" && left(-7) == "-7m" && left(0) == "0m")
        #expect(left(59) == "59m" && left(60) == "1h" && left(-119) == "-1h" && left(47 * 60) == "47h")
        #expect(left(3 * 1440) == "3d" && left(-20 * 1440) == "-2w" && left(-800 * 1440) == "-2y" && left(-200 * 365 * 1440) == "-99y")
        #expect(ClockText.left(until: Timestamp(milliseconds: now.milliseconds + 1_000), at: now) == "1m", "seconds left still say a minute")
        #expect(ClockText.left(until: Timestamp(milliseconds: now.milliseconds - 1_000), at: now) == "-1m")
        for m in stride(from: -1_000_000, through: 1_000_000, by: 997) { #expect(left(m).count <= 4) }
    }
}
