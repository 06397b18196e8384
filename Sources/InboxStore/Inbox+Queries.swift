import InboxFormat
/// Questions asked of the folded state: the queue, one thread, a person's threads.
extension Inbox {
    /// The thread with this `thread` id, if it has any message.
    public func thread(id: String) -> ThreadRef? {
        guard let index = state.threadIDs.lookup(id), state.threads[Int(index)].messageCount > 0 else { return nil }
        return ThreadRef(index: index)
    }

    /// Every thread that has at least one message.
    public var threadCount: Int { state.threads.reduce(0) { $0 + ($1.messageCount > 0 ? 1 : 0) } }

    /// A thread's status at `now`: a snooze whose time has come is open again.
    public func status(of ref: ThreadRef, at now: Timestamp) -> ThreadStatus {
        let row = state.threads[Int(ref.index)]
        if row.status == .snoozed && row.snoozeUntil <= now.milliseconds { return .open }
        return row.status
    }

    /// Since when the customer has waited for an answer, when the thread is open at `now`
    /// and someone waits: the start of its response clock. nil for a thread that waits for
    /// nobody (answered, resolved, snoozed, or reopened with nothing unanswered). No file read.
    public func waitingSince(of ref: ThreadRef, at now: Timestamp) -> Timestamp? {
        let row = state.threads[Int(ref.index)]
        guard row.pendingSince != ThreadRow.none, status(of: ref, at: now) == .open else { return nil }
        return Timestamp(milliseconds: row.pendingSince)
    }

    /// Until when the thread sleeps, while it is snoozed (whether or not that time has
    /// come: see ``status(of:at:)``). No file read.
    public func snoozedUntil(of ref: ThreadRef) -> Timestamp? {
        let row = state.threads[Int(ref.index)]
        return row.status == .snoozed ? Timestamp(milliseconds: row.snoozeUntil) : nil
    }

    /// Every thread where a customer waits for an answer, snoozed ones included, in table order.
    public func threadsWhereCustomerWaits() -> [ThreadRef] {
        threads(where: { $0.pendingSince != ThreadRow.none })
    }

    /// The threads whose latest message is the customer's: those with customer messages
    /// since the company last spoke, whether or not anyone waits now (a thread resolved
    /// without a reply has them). No file read.
    public func threadsWithOpenCustomerMessages() -> [ThreadRef] {
        threads(where: { $0.lastInbound > $0.lastOutbound })
    }

    /// The threads whose row holds `condition`, in ordinal order.
    private func threads(where condition: (ThreadRow) -> Bool) -> [ThreadRef] {
        state.threads.indices.filter { condition(state.threads[$0]) }.map(ThreadRef.init(ordinal:))
    }

    /// Whether a customer message in the thread waits for an answer, whatever the thread's
    /// status at any moment (a snoozed thread's customer still waits).
    public func customerWaits(in ref: ThreadRef) -> Bool { state.threads[Int(ref.index)].pendingSince != ThreadRow.none }

    /// Whether the company has answered a customer waiting in the thread before: the clock
    /// running is then a next response's, not a first response's. A company message that
    /// answered nobody (the company starting the thread) does not count, as the shift
    /// report does not count it. No file read.
    public func wasAnswered(_ ref: ThreadRef) -> Bool { state.threads[Int(ref.index)].answered }

    /// The thread's visibility (that of its first message). No file read.
    public func visibility(of ref: ThreadRef) -> Visibility { state.threads[Int(ref.index)].visibility }

    /// The ids of the thread's customer messages since the company last spoke, oldest first:
    /// what the customer is still waiting on. Walks the thread's rows; no file read.
    public func openCustomerMessages(of ref: ThreadRef) -> [MessageRef] {
        var out: [MessageRef] = []
        let thread = state.threads[Int(ref.index)]
        // Everything after the company's last message is the customer's.
        var m = thread.lastOutbound >= 0 ? state.messages[Int(thread.lastOutbound)].next : thread.firstMessage
        while m >= 0 {
            out.append(MessageRef(index: m))
            m = state.messages[Int(m)].next
        }
        return out
    }

    /// A message read back from the file: its text, author and the rest.
    public func message(_ ref: MessageRef) -> MessageView { message(at: ref.index) }

    /// The moment a listing sorts by: since when the customer has waited (open threads),
    /// or since when the thread has had its status (the others).
    func since(_ row: ThreadRow, status: ThreadStatus) -> Int64 {
        if status == .open {
            if row.pendingSince != ThreadRow.none { return row.pendingSince }
            if row.status == .snoozed { return row.snoozeUntil }
        }
        return row.statusAt
    }

    /// What the queue sorts a thread by, and whether it belongs in `view` with `status`
    /// (nil: every status): cheap enough to call for one thread on every change.
    public func queuePlace(of ref: ThreadRef, view: ViewFilter, status: ThreadStatus?, at now: Timestamp) -> Int64? {
        let row = state.threads[Int(ref.index)]
        guard row.messageCount > 0, view.includes(row.visibility) else { return nil }
        let current = self.status(of: ref, at: now)
        if let status, current != status { return nil }
        return since(row, status: current)
    }

    /// The threads of one view with one status (nil: every status), longest-waiting first.
    public func threads(view: ViewFilter = .all, status: ThreadStatus? = .open, at now: Timestamp) -> [ThreadRef] {
        var picked: [(Int64, Int32)] = []
        for (i, row) in state.threads.enumerated() where row.messageCount > 0 && view.includes(row.visibility) {
            let ref = ThreadRef(index: Int32(i))
            let current = self.status(of: ref, at: now)
            if let status, current != status { continue }
            picked.append((since(row, status: current), Int32(i)))
        }
        picked.sort { $0 < $1 }
        return picked.map { ThreadRef(index: $0.1) }
    }

    /// The threads whose snooze ends after `start` and not after `end`: the only threads
    /// whose place in the queue changes with time alone. A walk over the thread rows, no
    /// file read.
    public func snoozesEnding(after start: Timestamp, through end: Timestamp) -> [ThreadRef] {
        var out: [ThreadRef] = []
        for (i, row) in state.threads.enumerated()
        where row.status == .snoozed && row.snoozeUntil > start.milliseconds && row.snoozeUntil <= end.milliseconds {
            out.append(ThreadRef(index: Int32(i)))
        }
        return out
    }

    /// When anything last happened in the thread; no file read, unlike `summary`.
    public func lastActivity(of ref: ThreadRef) -> Timestamp {
        Timestamp(milliseconds: state.threads[Int(ref.index)].lastActivity)
    }

    /// When the company wrote in the thread, oldest first: from the rows, no file read, so a
    /// frame may ask.
    public func companyReplyTimes(of ref: ThreadRef) -> [Timestamp] {
        var out: [Timestamp] = []
        var m = state.threads[Int(ref.index)].firstMessage
        while m >= 0 {
            let row = state.messages[Int(m)]
            if row.direction == .outbound { out.append(Timestamp(milliseconds: row.at)) }
            m = row.next
        }
        return out
    }

    /// The texts the company sent since `since`, newest first, at most `limit` of them:
    /// for the check that the same automated text does not go out again and again.
    /// Reads from the end of the inbox, so it costs what the last day holds, not the file.
    public func recentOutboundTexts(since: Timestamp, limit: Int = 2000) -> [String] {
        var out: [String] = []
        var i = state.messages.count - 1
        // Records may arrive out of `at` order; an hour of slack before stopping.
        while i >= 0 && out.count < limit {
            let row = state.messages[i]
            if row.at < since.milliseconds - 3_600_000 { break }
            if row.direction == .outbound && row.at >= since.milliseconds, let text = text(of: row.line) { out.append(text) }
            i -= 1
        }
        return out
    }

    /// The company's replies since `since`, newest first, at most `limit`, each with its
    /// thread: for the flood guard, which compares a template's recent public uses.
    /// Reads from the end of the inbox, as ``recentOutboundTexts(since:limit:)`` does.
    public func recentReplies(since: Timestamp, limit: Int = 500) -> [(message: MessageView, thread: ThreadRef)] {
        var out: [(MessageView, ThreadRef)] = []
        var i = state.messages.count - 1
        while i >= 0 && out.count < limit {
            let row = state.messages[i]
            if row.at < since.milliseconds - 3_600_000 { break }
            if row.direction == .outbound && row.at >= since.milliseconds { out.append((message(at: Int32(i)), ThreadRef(index: row.thread))) }
            i -= 1
        }
        return out
    }

    /// Every agent the inbox names (who wrote a reply or a record, whom a thread was given
    /// to), sorted: whom a thread can be given to.
    public var agentNames: [String] { (0..<Int32(state.agents.count)).map { state.agents.string($0) }.sorted() }

    /// Who owns the thread (the last `assign`), nil for nobody: from the thread table.
    public func assignee(of ref: ThreadRef) -> String? {
        let a = state.threads[Int(ref.index)].assignee
        return a >= 0 ? state.agents.string(a) : nil
    }

    /// The thread's id, as the records name it.
    public func threadID(_ ref: ThreadRef) -> String { state.threadIDs.string(ref.index) }

    /// What the queue shows of a thread.
    public func summary(of ref: ThreadRef, at now: Timestamp) -> ThreadSummary {
        let row = state.threads[Int(ref.index)]
        let status = self.status(of: ref, at: now)
        return ThreadSummary(
            ref: ref,
            id: state.threadIDs.string(ref.index),
            visibility: row.visibility,
            channel: row.channel >= 0 ? state.channels.string(row.channel) : "",
            status: status,
            customer: row.customer >= 0 ? person(row.customer) : nil,
            since: Timestamp(milliseconds: since(row, status: status)),
            lastActivity: Timestamp(milliseconds: row.lastActivity),
            messageCount: Int(row.messageCount),
            assignee: row.assignee >= 0 ? state.agents.string(row.assignee) : nil,
            snoozedUntil: status == .snoozed ? Timestamp(milliseconds: row.snoozeUntil) : nil,
            lastInboundText: row.lastInbound >= 0 ? text(of: state.messages[Int(row.lastInbound)].line) : nil,
            lastReplyReport: deliveries.lastReplyReport(in: ref))
    }

    /// A thread's messages, oldest first in file order, their texts read from the file.
    public func messages(of ref: ThreadRef) -> [MessageView] {
        var out: [MessageView] = []
        var m = state.threads[Int(ref.index)].firstMessage
        while m >= 0 {
            out.append(message(at: m))
            m = state.messages[Int(m)].next
        }
        return out
    }

    /// The id of the thread's last message from the customer, for `in_reply_to`.
    public func lastInboundMessageID(of ref: ThreadRef) -> String? {
        let m = state.threads[Int(ref.index)].lastInbound
        return m >= 0 ? state.recordIDs.string(state.messages[Int(m)].id) : nil
    }

    /// What a reply in the thread needs to know: where it goes, whom it answers, and the
    /// company account that already speaks in this thread (the author of its last `out`
    /// message), if any. The account is never taken from another thread: a brand with a
    /// main and a support account answers each thread from the one it started with.
    public func replyTarget(of ref: ThreadRef) -> ReplyTarget {
        let row = state.threads[Int(ref.index)]
        return ReplyTarget(
            thread: state.threadIDs.string(ref.index),
            channel: row.channel >= 0 ? state.channels.string(row.channel) : "",
            visibility: row.visibility,
            threadAccount: row.lastOutbound >= 0 ? person(state.messages[Int(row.lastOutbound)].author) : nil,
            inReplyTo: lastInboundMessageID(of: ref))
    }

    /// The handles of every account the company wrote from, lowercased and without `@`,
    /// so a view can tell the brand's own mentions from a customer's.
    public var companyHandles: Set<String> {
        var handles = Set<String>()
        for author in state.companyPeople {
            guard let handle = state.persons[Int(author)].handle?.drop(while: { $0 == "@" }), !handle.isEmpty else { continue }
            handles.insert(handle.lowercased())
        }
        return handles
    }

    /// The channels the threads are on, in the order they first appeared.
    public var channels: [String] { (0..<state.channels.count).map { state.channels.string(Int32($0)) } }

    /// The thread's internal notes, in file order.
    public func notes(of ref: ThreadRef) -> [NoteView] {
        noteLog.rows(of: ref).map { row in
            let text = rescan(row.line) { f, line in InboxState.string(f.text, line) } ?? "(note unreadable: the file changed)"
            return NoteView(at: row.at, agent: row.agent, text: text, line: Int(row.line.number))
        }
    }

    /// The thread as it happened: its messages and notes merged in file order.
    public func timeline(of ref: ThreadRef) -> [TimelineEntry] {
        let messages = self.messages(of: ref)
        let notes = self.notes(of: ref)
        var out: [TimelineEntry] = []
        out.reserveCapacity(messages.count + notes.count)
        var n = 0
        for m in messages {
            while n < notes.count && notes[n].line < m.line {
                out.append(.note(notes[n]))
                n += 1
            }
            out.append(.message(m))
        }
        out += notes[n...].map(TimelineEntry.note)
        return out
    }

    /// What became of a message: `none` for a customer's, `sent` for a company reply a
    /// connector wrote (it already went out), else the latest deliverer's report, or
    /// `queued` while none came.
    public func delivery(of message: MessageRef) -> (state: DeliveryState, error: String?) {
        let row = state.messages[Int(message.index)]
        guard row.direction == .outbound else { return (.none, nil) }
        if let report = deliveries.report(on: message) { return (report.state, report.error) }
        return (row.agent >= 0 ? .queued : .sent, nil)
    }

    /// The customer's threads, public and private, in the order they started; `ref` included.
    /// `limit` stops the walk early, for a view that shows only a few.
    public func customerThreads(of ref: ThreadRef, limit: Int = .max) -> [ThreadRef] {
        let customer = state.threads[Int(ref.index)].customer
        guard customer >= 0 else { return [ref] }
        return threads(ofPerson: customer, limit: limit)
    }

    /// The threads of the person with this `author.id`.
    public func threads(ofCustomer id: String) -> [ThreadRef] {
        guard let p = state.people.lookup(id) else { return [] }
        return threads(ofPerson: p)
    }

    /// Walks the person's list of threads, in the order they started.
    private func threads(ofPerson person: Int32, limit: Int = .max) -> [ThreadRef] {
        var out: [ThreadRef] = []
        var t = state.persons[Int(person)].firstThread
        while t >= 0 && out.count < limit {
            out.append(ThreadRef(index: t))
            t = state.threads[Int(t)].nextOfCustomer
        }
        return out
    }

    func person(_ index: Int32) -> Person {
        let row = state.persons[Int(index)]
        return Person(id: state.people.string(index), handle: row.handle, name: row.name, followers: row.followers)
    }

    func message(at index: Int32) -> MessageView {
        let row = state.messages[Int(index)]
        var view = MessageView(
            id: state.recordIDs.string(row.id), at: Timestamp(milliseconds: row.at), direction: row.direction,
            author: person(row.author), agent: row.agent >= 0 ? state.agents.string(row.agent) : nil,
            text: "(message unreadable: the file changed under the app)", subject: nil, inReplyTo: nil, template: nil,
            delivery: .none, deliveryError: nil, line: Int(row.line.number))
        (view.delivery, view.deliveryError) = delivery(of: MessageRef(index: index))
        view.deliveryReport = deliveries.report(on: MessageRef(index: index))
        _ = rescan(row.line) { f, line in
            view.text = InboxState.string(f.text, line)
            if f.subject.kind == .string { view.subject = InboxState.string(f.subject, line) }
            if f.inReplyTo.kind == .string { view.inReplyTo = InboxState.string(f.inReplyTo, line) }
            if f.template.kind == .string { view.template = InboxState.string(f.template, line) }
        }
        return view
    }

    /// The `text` field of the record at `line`.
    func text(of line: LineLocation) -> String? {
        rescan(line) { f, raw in InboxState.string(f.text, raw) }
    }
}
