import InboxFormat
/// Tallies kept while reading, for `check` and `stats`.
public struct InboxCounts: Sendable, Equatable {
    /// Lines read in full (good and bad), the BOM and torn last line aside.
    public var lines = 0
    /// Valid records, re-deliveries included.
    public var records = 0
    /// Records whose `id` was seen before: ignored.
    public var duplicates = 0
    /// Records of a type this version does not know: skipped.
    public var unknownTypes = 0
    /// `delivery` records naming no outbound message in the file.
    public var unmatchedDeliveries = 0
    /// Records of each known type that counted (duplicates excluded).
    public var byType: [RecordType: Int] = [:]
}

/// The folded state of an inbox: every record applied in file order.
///
/// This is the one place where the format's state rules live (see the "Thread status"
/// table of the format): what each record does to its thread, who the customer is,
/// which replies were delivered.
struct InboxState {
    var recordIDs = ByteInterner(capacity: 1024)
    /// Per record id: a message row (>= 0), a pin (-2 - index), or nothing (-1).
    var recordTargets: [Int32] = []
    var threadIDs = ByteInterner()
    var threads: [ThreadRow] = []
    var people = ByteInterner()
    var persons: [PersonRow] = []
    var agents = ByteInterner()
    var channels = ByteInterner()
    var messages: [MessageRow] = []
    var notes: [NoteRow] = []
    var pins: [Pin] = []
    var deliveryErrors: [Int32: String] = [:]
    /// Per channel, the account the company last wrote from, so a new reply can use it too.
    var companyAccounts: [Int32: Int32] = [:]
    /// Every account the company wrote from, in the order first seen.
    var companyPeople: [Int32] = []
    var counts = InboxCounts()
    /// Threads touched since the last `takeChanged()`, once tracking is on (after the first
    /// read, so a million-record load does not fill it).
    var trackChanges = false
    var changed: Set<Int32> = []
    /// Per `RecordType.rawValue`; a plain array, as a dictionary would hash on every record.
    var typeCounts = [Int](repeating: 0, count: RecordType.allCases.count)

    mutating func reserve(records: Int) {
        messages.reserveCapacity(records)
        recordTargets.reserveCapacity(records)
        recordIDs = ByteInterner(capacity: records)
    }

    /// Applies one valid record. `line` holds the record's bytes; `location` says where they are.
    mutating func apply(_ r: borrowing DecodedRecord, line: UnsafeRawBufferPointer, location: LineLocation) {
        counts.records += 1
        let tag = r.idTag
        let (id, isNew) = Self.withContent(r.fields.id, line) { recordIDs.intern($0, tag: tag) }
        guard isNew else {
            counts.duplicates += 1
            return
        }
        recordTargets.append(-1)
        typeCounts[Int(r.type.rawValue)] += 1
        let at = r.at.milliseconds
        if r.type == .message {
            applyMessage(r, id: id, line: line, location: location)
            return
        }
        let f = r.fields
        switch r.type {
        case .message:
            break
        case .resolve, .reopen, .snooze, .assign:
            let t = thread(f.thread, line)
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
            default:
                threads[t].assignee = f.to.kind == .string ? Self.intern(f.to, line, into: &agents) : -1
            }
        case .note:
            let t = thread(f.thread, line)
            let note = Int32(notes.count)
            notes.append(NoteRow(line: location, at: at, agent: Self.intern(f.agent, line, into: &agents), next: -1))
            if threads[t].lastNote >= 0 { notes[Int(threads[t].lastNote)].next = note } else { threads[t].firstNote = note }
            threads[t].lastNote = note
        case .pin:
            recordTargets[Int(id)] = -2 - Int32(pins.count)
            pins.append(Pin(id: recordIDs.string(id), agent: Self.string(f.agent, line), text: Self.string(f.text, line),
                            channel: f.channel.kind == .string ? Self.string(f.channel, line) : nil,
                            at: r.at, until: r.until, active: true))
        case .unpin:
            if let target = Self.withContent(f.pin, line, { recordIDs.lookup($0) }), recordTargets[Int(target)] <= -2 {
                pins[Int(-2 - recordTargets[Int(target)])].active = false
            }
        case .delivery:
            guard let target = Self.withContent(f.message, line, { recordIDs.lookup($0) }),
                  case let m = recordTargets[Int(target)], m >= 0, messages[Int(m)].direction == .outbound
            else {
                counts.unmatchedDeliveries += 1
                return
            }
            messages[Int(m)].delivery = r.deliveryState
            if trackChanges { changed.insert(messages[Int(m)].thread) }
            if r.deliveryState == .failed {
                deliveryErrors[m] = f.error.kind == .string ? Self.string(f.error, line) : "no reason given"
            } else {
                deliveryErrors[m] = nil
            }
        case .unknown:
            counts.unknownTypes += 1
        }
    }

    private mutating func applyMessage(_ r: borrowing DecodedRecord, id: Int32, line: UnsafeRawBufferPointer, location: LineLocation) {
        let at = r.at.milliseconds
        let t = thread(r.fields.thread, line)
        let (author, newPerson) = Self.withContent(r.fields.authorID, line) { people.intern($0) }
        if newPerson {
            persons.append(PersonRow())
        }
        // Names change rarely; keep the first ones seen and fill in what was missing.
        if persons[Int(author)].handle == nil, r.fields.authorHandle.kind == .string {
            persons[Int(author)].handle = Self.string(r.fields.authorHandle, line)
        }
        if persons[Int(author)].name == nil, r.fields.authorName.kind == .string {
            persons[Int(author)].name = Self.string(r.fields.authorName, line)
        }
        if let followers = r.followers { persons[Int(author)].followers = followers }

        let index = Int32(messages.count)
        recordTargets[Int(id)] = index
        messages.append(MessageRow(
            line: location, at: at, id: id, thread: Int32(t), author: author,
            agent: r.fields.agent.kind == .string ? Self.intern(r.fields.agent, line, into: &agents) : -1,
            next: -1, direction: r.direction, delivery: r.deliveryState))

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
            row.pendingSince = ThreadRow.none
            row.pendingBeforeResolve = ThreadRow.none
            if companyAccounts[row.channel] != author { companyAccounts[row.channel] = author }
            if !persons[Int(author)].isCompany {
                persons[Int(author)].isCompany = true
                companyPeople.append(author)
            }
            if row.status != .waiting { row.status = .waiting; row.statusAt = at }
        }
        threads[t] = row
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
