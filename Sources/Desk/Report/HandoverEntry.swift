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
    /// agent's threads.
    static func list(in inbox: Inbox, triage: Triage, at until: Timestamp, owner: String?) -> [HandoverEntry] {
        var open: [HandoverEntry] = []
        var snoozed: [HandoverEntry] = []
        for status in [ThreadStatus.open, .snoozed] {
            for ref in inbox.threads(view: .all, status: status, at: until) {
                let assignee = inbox.assignee(of: ref)
                if let owner, assignee != owner { continue }
                let summary = inbox.summary(of: ref, at: until)
                let due = triage.clock(of: ref, in: inbox, at: until)?.due
                let entry = HandoverEntry(
                    thread: summary.id, status: status,
                    waitingSince: inbox.waitingSince(of: ref, at: until),
                    snoozedUntil: status == .snoozed ? summary.snoozedUntil : nil,
                    owner: assignee, level: triage.level(of: ref, in: inbox).level,
                    channel: summary.channel, visibility: summary.visibility, customer: summary.customer,
                    lastCustomerText: summary.lastInboundText, lastNote: inbox.notes(of: ref).last,
                    overdueSince: due.flatMap { $0 < until ? $0 : nil })
                if status == .open { open.append(entry) } else { snoozed.append(entry) }
            }
        }
        open.sort { a, b in
            if a.level != b.level { return a.level > b.level }
            return (a.waitingSince ?? until) < (b.waitingSince ?? until)
        }
        snoozed.sort { ($0.snoozedUntil ?? until) < ($1.snoozedUntil ?? until) }
        return open + snoozed
    }
}
