import InboxFormat
import InboxStore

/// What the shift report is made from, kept as records arrive: every thread's wait and
/// episode, and the events of the report's window (messages, responses, resolutions).
///
/// A projection, so the report never rescans the inbox: the command feeds it during its
/// one load, and the app keeps one from its start, so the report screen is ready at once.
/// Per thread it keeps 32 bytes; per event in the window a few more. Records whose `at`
/// falls outside the window update the threads' state (a reply before the shift still ends
/// the wait it answered) but count for nothing.
public final class ReportLog: InboxProjection {
    /// The first instant that counts.
    public let since: Timestamp
    /// The last instant that counts; nil: no end (the app's report runs up to its clock).
    public let until: Timestamp?

    /// One thread's state, mirroring the fold: since when a customer waits, and since when
    /// the thread has been unresolved.
    struct ThreadState {
        var waitingSince: Int64 = none
        /// The wait a resolve set aside, which a `reopen` brings back (the fold does the same).
        var waitBeforeResolve: Int64 = none
        var episodeSince: Int64 = none
        var known = false
        var resolved = false
        var answered = false
        var isPublic = false
        static let none = Int64.min
    }

    /// A customer message in the window.
    struct Received {
        var at: Int64
        var isPublic: Bool
    }

    /// A company message in the window: a reply written here (with its agent) or one a
    /// connector wrote about a reply sent elsewhere (no agent).
    struct Sent {
        var at: Int64
        var agent: Int32
        var template: Int32
        /// The reply's `template_edit`; -1 when it has none (not from a template, or written
        /// by a version that did not measure it).
        var edit: Int32
        var isPublic: Bool
    }

    /// The company's first message after a customer began waiting, in the window.
    struct Response {
        var thread: Int32
        var waitedSince: Int64
        var at: Int64
        var agent: Int32
        var first: Bool
        var isPublic: Bool
    }

    /// A resolve that ended an episode, in the window.
    struct Resolution {
        var thread: Int32
        var openedAt: Int64
        var at: Int64
        var agent: Int32
    }

    /// A thread seen for the first time, or one brought back from resolved, in the window.
    struct Opening {
        var thread: Int32
        var at: Int64
        var isPublic: Bool
        var reopened: Bool
    }

    private(set) var threads: [ThreadState] = []
    private(set) var received: [Received] = []
    private(set) var sent: [Sent] = []
    private(set) var responses: [Response] = []
    private(set) var resolutions: [Resolution] = []
    private(set) var openings: [Opening] = []
    /// Agents' and templates' names, numbered as first seen.
    private(set) var names: [String] = []
    private var numbers: [String: Int32] = [:]

    /// A log of what happens from `since` to `until` (no end when nil).
    public init(since: Timestamp, until: Timestamp? = nil) {
        self.since = since
        self.until = until
    }

    func name(_ number: Int32) -> String? { number >= 0 ? names[Int(number)] : nil }

    /// The number of an agent or template name, nil for one never seen.
    func number(of name: String) -> Int32? { numbers[name] }

    private func intern(_ name: String?) -> Int32 {
        guard let name else { return -1 }
        if let n = numbers[name] { return n }
        let n = Int32(names.count)
        names.append(name)
        numbers[name] = n
        return n
    }

    private func counts(_ at: Int64) -> Bool {
        at >= since.milliseconds && (until.map { at <= $0.milliseconds } ?? true)
    }

    public func apply(_ record: RecordContext) {
        guard let ref = record.thread else { return }
        let t = ref.ordinal
        if t >= threads.count { threads.append(contentsOf: repeatElement(ThreadState(), count: t + 1 - threads.count)) }
        let at = record.at.milliseconds
        let inWindow = counts(at)
        var s = threads[t]
        switch record.type {
        case .message:
            if !s.known {
                // A resolve may name a thread before its first message: the message starts it anyway.
                s.known = true
                s.resolved = false
                s.isPublic = record.visibility == .public
                s.episodeSince = at
                if inWindow { openings.append(Opening(thread: Int32(t), at: at, isPublic: s.isPublic, reopened: false)) }
            } else {
                bringBack(&s, thread: t, at: at, inWindow: inWindow)
            }
            if record.direction == .inbound {
                if s.waitingSince == ThreadState.none { s.waitingSince = at }
                if inWindow { received.append(Received(at: at, isPublic: s.isPublic)) }
            } else {
                if inWindow {
                    // Names are read only in the window: at load, most replies are older.
                    let agent = intern(record.string(.agent))
                    let template = intern(record.string(.template))
                    // A negative edit, or one past any reply's length, is no measure: it counts as
                    // missing, like a field of the wrong type.
                    let measured = template >= 0 ? record.integer(.templateEdit).flatMap { Int32(exactly: $0) } : nil
                    let edit = measured.flatMap { $0 >= 0 ? $0 : nil } ?? -1
                    sent.append(Sent(at: at, agent: agent, template: template, edit: edit, isPublic: s.isPublic))
                    if s.waitingSince != ThreadState.none {
                        responses.append(Response(thread: Int32(t), waitedSince: s.waitingSince, at: at, agent: agent,
                                                  first: !s.answered, isPublic: s.isPublic))
                    }
                }
                // Only an answer to someone waiting makes the thread answered: in a thread the
                // company started, the first answer to the customer is still the first response.
                if s.waitingSince != ThreadState.none { s.answered = true }
                s.waitingSince = ThreadState.none
                s.waitBeforeResolve = ThreadState.none
            }
        case .resolve:
            if !s.resolved, s.known, inWindow {
                resolutions.append(Resolution(thread: Int32(t), openedAt: s.episodeSince, at: at, agent: intern(record.string(.agent))))
            }
            s.resolved = true
            s.waitBeforeResolve = s.waitingSince
            s.waitingSince = ThreadState.none
        case .reopen:
            bringBack(&s, thread: t, at: at, inWindow: inWindow)
            if s.waitingSince == ThreadState.none { s.waitingSince = s.waitBeforeResolve }
        case .snooze:
            // A resolved thread snoozed comes back when the snooze ends, as the fold has it:
            // it is unresolved from now, and its next resolve counts.
            bringBack(&s, thread: t, at: at, inWindow: inWindow)
        default:
            break
        }
        threads[t] = s
    }

    /// A record that makes a resolved thread unresolved again starts a new episode, and
    /// counts as a re-opening in the window.
    private func bringBack(_ s: inout ThreadState, thread t: Int, at: Int64, inWindow: Bool) {
        guard s.resolved else { return }
        s.resolved = false
        s.episodeSince = at
        if s.known, inWindow { openings.append(Opening(thread: Int32(t), at: at, isPublic: s.isPublic, reopened: true)) }
    }
}
