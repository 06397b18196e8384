import InboxFormat
import InboxStore

/// One thread the next shift takes over: where it stands, who owns it, and the last thing
/// an agent wrote down about it.
public struct HandoverEntry: Sendable, Equatable {
    public var thread: String
    /// `open` (a customer waits, or it was reopened) or `snoozed`.
    public var status: ThreadStatus
    /// Since when the customer has waited (open threads where someone waits).
    public var waitingSince: Timestamp?
    /// Until when it sleeps (snoozed threads).
    public var snoozedUntil: Timestamp?
    public var owner: String?
    public var level: PriorityLevel
    public var channel: String
    public var visibility: Visibility
    /// The customer, untrusted: sanitise before showing.
    public var customer: Person?
    /// The customer's last message, untrusted.
    public var lastCustomerText: String?
    /// The last internal note, untrusted.
    public var lastNote: NoteView?
    /// When the SLA deadline passed, if it had by the end of the window.
    public var overdueSince: Timestamp?

    /// The handover at `until`: open threads first, the most urgent and the longest
    /// waiting at the top, then snoozed ones by when they wake. `owner` keeps only one
    /// agent's threads. With `limit`, only the first that many are read in full (a thread's
    /// summary and notes come from the file): an outage backlog has 167,000 open threads,
    /// and a screen shows a page. The counts are of all of them.
    static func list(in inbox: Inbox, triage: Triage, at until: Timestamp, owner: String?,
                     limit: Int? = nil) -> (entries: [HandoverEntry], open: Int, overdue: Int, snoozed: Int) {
        // Sorted on what the thread table knows, without reading the file.
        struct Key {
            var ref: ThreadRef
            var status: ThreadStatus
            var level: PriorityLevel
            var when: Int64
        }
        var open: [Key] = []
        var snoozed: [Key] = []
        var overdue = 0
        for status in [ThreadStatus.open, .snoozed] {
            for ref in inbox.threads(view: .all, status: status, at: until) {
                if let owner, inbox.assignee(of: ref) != owner { continue }
                if status == .open {
                    let level = triage.level(of: ref, in: inbox).level
                    open.append(Key(ref: ref, status: status, level: level,
                                    when: (inbox.waitingSince(of: ref, at: until) ?? until).milliseconds))
                    if let due = triage.clock(of: ref, level: level, in: inbox, at: until)?.due, due < until { overdue += 1 }
                } else {
                    snoozed.append(Key(ref: ref, status: status, level: .normal, when: inbox.snoozedUntil(of: ref)?.milliseconds ?? until.milliseconds))
                }
            }
        }
        open.sort { a, b in
            if a.level != b.level { return a.level > b.level }
            return (a.when, a.ref) < (b.when, b.ref)
        }
        snoozed.sort { ($0.when, $0.ref) < ($1.when, $1.ref) }
        let chosen = (open + snoozed).prefix(limit ?? .max)
        let entries = chosen.map { key -> HandoverEntry in
            let ref = key.ref
            let summary = inbox.summary(of: ref, at: until)
            let due = triage.clock(of: ref, in: inbox, at: until)?.due
            return HandoverEntry(
                thread: summary.id, status: key.status,
                waitingSince: inbox.waitingSince(of: ref, at: until),
                snoozedUntil: key.status == .snoozed ? summary.snoozedUntil : nil,
                owner: inbox.assignee(of: ref), level: key.status == .open ? key.level : triage.level(of: ref, in: inbox).level,
                channel: summary.channel, visibility: summary.visibility, customer: summary.customer,
                lastCustomerText: summary.lastInboundText, lastNote: inbox.notes(of: ref).last,
                overdueSince: due.flatMap { $0 < until ? $0 : nil })
        }
        return (entries, open.count, overdue, snoozed.count)
    }
}
