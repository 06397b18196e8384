import InboxFormat
/// Tallies kept while reading; `Inbox.statistics(at:)` reports them with the rest.
struct ReadTally {
    /// Lines read in full (good and bad), the BOM and torn last line aside.
    var lines = 0
    /// Valid records, re-deliveries included.
    var records = 0
    /// Records whose `id` was seen before: ignored.
    var duplicates = 0
    /// Records of a type this version does not know: skipped.
    var unknownTypes = 0
    /// Valid records left out because their `at` is after the time the inbox was read as of.
    var afterAsOf = 0
}

/// The folded state of an inbox: every record applied in file order.
///
/// This is the one place where the format's state rules live (see the "Thread status"
/// table of the format): what each record does to its thread, who the customer is,
/// which replies were delivered.
struct InboxState {
    var recordIDs = ByteInterner(capacity: 1024)
    /// Per record id: its message row (>= 0), or -1 for a record that is not a message.
    var recordTargets: [Int32] = []
    var threadIDs = ByteInterner()
    var threads: [ThreadRow] = []
    var people = ByteInterner()
    var persons: [PersonRow] = []
    var agents = ByteInterner()
    var channels = ByteInterner()
    var messages: [MessageRow] = []
    /// Per message, the classifiers' bits; empty when the inbox has no classifiers.
    var messageTags: [UInt32] = []
    /// Per message, the bits of the classifiers that run on waiting customer messages
    /// (``ClassifierScope/waitingCustomerMessages``), with ``WaitingTags/known`` once they
    /// ran; empty when the inbox has none of them.
    var waitingTags: [UInt32] = []
    /// Whether `waitingTags` is kept (the inbox has such classifiers).
    var keepsWaitingTags = false
    /// Every account the company wrote from, in the order first seen.
    var companyPeople: [Int32] = []
    var counts = ReadTally()
    /// Bumped whenever a person's handle, name or follower count changes: what a view of
    /// any of their threads shows of them (a name arrives in one thread, shows in all).
    var peopleVersion = 0
    /// Threads touched since the last `takeChanged()`, once tracking is on (after the first
    /// read, so a million-record load does not fill it).
    var trackChanges = false
    var changed: Set<Int32> = []

    mutating func reserve(records: Int) {
        messages.reserveCapacity(records)
        recordTargets.reserveCapacity(records)
        recordIDs = ByteInterner(capacity: records)
    }

    /// What the fold made of one new record: what projections are told besides the record.
    struct Applied {
        var record: Int32
        var thread: Int32 = -1
        var message: Int32 = -1
        var referenced: Int32 = -1
        var referencedMessage: Int32 = -1
    }

    /// Applies one valid record. `line` holds the record's bytes; `location` says where they
    /// are. Returns nil for a re-delivery (an `id` seen before), which changes nothing.
    mutating func apply(_ r: borrowing DecodedRecord, tags: UInt32, line: UnsafeRawBufferPointer, location: LineLocation) -> Applied? {
        counts.records += 1
        let tag = r.idTag
        let (id, isNew) = Self.withContent(r.fields.id, line) { recordIDs.intern($0, tag: tag) }
        guard isNew else {
            counts.duplicates += 1
            return nil
        }
        recordTargets.append(-1)
        var applied = Applied(record: id)
        if r.type == .message {
            (applied.thread, applied.message) = applyMessage(r, id: id, tags: tags, line: line, location: location)
            return applied
        }
        let at = r.at.milliseconds
        let f = r.fields
        switch r.type {
        case .resolve, .reopen, .snooze, .assign, .note, .priority:
            let t = thread(f.thread, line)
            applied.thread = Int32(t)
            switch r.type {
            case .resolve:
                threads[t].pendingBeforeResolve = threads[t].pendingSince
                threads[t].pendingSince = ThreadRow.none
                setStatus(.resolved, of: t, at: at)
            case .reopen:
                if threads[t].pendingSince == ThreadRow.none {
                    threads[t].pendingSince = threads[t].pendingBeforeResolve
                }
                setStatus(.open, of: t, at: at)
            case .snooze:
                threads[t].snoozeUntil = r.until?.milliseconds ?? at
                setStatus(.snoozed, of: t, at: at)
            case .assign:
                threads[t].assignee = f.to.kind == .string ? Self.intern(f.to, line, into: &agents) : -1
            default:
                break  // a note or a priority: kept by projections; the thread row only notes the change
            }
        case .unpin:
            applied.referenced = Self.withContent(f.pin, line) { recordIDs.lookup($0) } ?? -1
        case .delivery:
            if let target = Self.withContent(f.message, line, { recordIDs.lookup($0) }) {
                applied.referenced = target
                let m = recordTargets[Int(target)]
                if m >= 0, messages[Int(m)].direction == .outbound {
                    applied.referencedMessage = m
                    if trackChanges { changed.insert(messages[Int(m)].thread) }
                }
            }
        case .unknown:
            counts.unknownTypes += 1
        case .message, .pin, .dismiss:
            break
        }
        return applied
    }

    private mutating func applyMessage(_ r: borrowing DecodedRecord, id: Int32, tags: UInt32, line: UnsafeRawBufferPointer,
                                       location: LineLocation) -> (thread: Int32, message: Int32) {
        let at = r.at.milliseconds
        let t = thread(r.fields.thread, line)
        let (author, newPerson) = Self.withContent(r.fields.authorID, line) { people.intern($0) }
        if newPerson {
            persons.append(PersonRow())
        }
        // Names change rarely; keep the first ones seen and fill in what was missing.
        if persons[Int(author)].handle == nil, r.fields.authorHandle.kind == .string {
            persons[Int(author)].handle = Self.string(r.fields.authorHandle, line)
            peopleVersion &+= 1
        }
        if persons[Int(author)].name == nil, r.fields.authorName.kind == .string {
            persons[Int(author)].name = Self.string(r.fields.authorName, line)
            peopleVersion &+= 1
        }
        if let followers = r.followers, persons[Int(author)].followers != followers {
            persons[Int(author)].followers = followers
            peopleVersion &+= 1
        }

        let index = Int32(messages.count)
        recordTargets[Int(id)] = index
        let text = r.fields.text
        messages.append(MessageRow(
            line: location, at: at, id: id, thread: Int32(t), author: author,
            agent: r.fields.agent.kind == .string ? Self.intern(r.fields.agent, line, into: &agents) : -1,
            next: -1, direction: r.direction, textTail: TextPlace.tail(text, lineLength: line.count), textStart: TextPlace.start(text)))
        if keepsWaitingTags { waitingTags.append(0) }
        if !messageTags.isEmpty || tags != 0 {
            // Tags are kept only once some message has any, so an inbox without
            // classifiers pays nothing for them.
            if messageTags.count < messages.count - 1 { messageTags.append(contentsOf: repeatElement(0, count: messages.count - 1 - messageTags.count)) }
            messageTags.append(tags)
        }

        var row = threads[t]
        if row.messageCount == 0 {
            // A thread has the visibility and channel of its first message.
            row.visibility = r.visibility
            row.channel = Self.intern(r.fields.channel, line, into: &channels)
            row.firstMessage = index
        } else {
            messages[Int(row.lastMessage)].next = index
        }
        row.lastMessage = index
        row.messageCount += 1
        row.lastActivity = max(row.lastActivity, at)
        if r.direction == .inbound {
            row.lastInbound = index
            if row.pendingSince == ThreadRow.none { row.pendingSince = at }
            if row.status != .open { row.status = .open; row.statusAt = at }
            if row.customer < 0 {
                row.customer = author
                if persons[Int(author)].lastThread >= 0 {
                    threads[Int(persons[Int(author)].lastThread)].nextOfCustomer = Int32(t)
                } else {
                    persons[Int(author)].firstThread = Int32(t)
                }
                persons[Int(author)].lastThread = Int32(t)
            }
        } else {
            // An answer to someone waiting: the next clock in the thread is a next response's.
            // A company message that answers nobody (the company starting a thread) is not.
            if row.pendingSince != ThreadRow.none { row.answered = true }
            row.pendingSince = ThreadRow.none
            row.pendingBeforeResolve = ThreadRow.none
            row.lastOutbound = index
            if !persons[Int(author)].isCompany {
                persons[Int(author)].isCompany = true
                companyPeople.append(author)
            }
            if row.status != .waiting { row.status = .waiting; row.statusAt = at }
        }
        threads[t] = row
        return (Int32(t), index)
    }

    private mutating func setStatus(_ status: ThreadStatus, of t: Int, at: Int64) {
        threads[t].status = status
        threads[t].statusAt = at
        threads[t].lastActivity = max(threads[t].lastActivity, at)
    }

    /// The thread row for a `thread` field, created on first mention: a note or a resolve
    /// may name a thread whose messages come later in the file.
    private mutating func thread(_ v: FieldValue, _ line: UnsafeRawBufferPointer) -> Int {
        let (t, inserted) = Self.withContent(v, line) { threadIDs.intern($0) }
        if inserted { threads.append(ThreadRow()) }
        if trackChanges { changed.insert(t) }
        return Int(t)
    }

    private static func intern(_ v: FieldValue, _ line: UnsafeRawBufferPointer, into interner: inout ByteInterner) -> Int32 {
        Self.withContent(v, line) { interner.intern($0).index }
    }

    /// Calls `body` with a string field's content, decoding escapes only when there are some.
    static func withContent<T>(_ v: FieldValue, _ line: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        if !v.escaped { return body(UnsafeRawBufferPointer(rebasing: line[v.range])) }
        let decoded = JSONEscapes.decode(UnsafeBufferPointer(rebasing: line.bindMemory(to: UInt8.self)[v.range]))
        return decoded.withUnsafeBytes(body)
    }

    static func string(_ v: FieldValue, _ line: UnsafeRawBufferPointer) -> String {
        withContent(v, line) { String(decoding: $0, as: UTF8.self) }
    }
}
