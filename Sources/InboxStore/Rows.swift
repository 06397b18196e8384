import InboxFormat
/// The compact rows that the folded state keeps per message, thread, note and person.
///
/// Bodies stay in the file: a row knows where its line is and reads it again when shown.
/// Links between rows are `Int32` indexes (-1 for none) so a million messages cost
/// tens of megabytes, not a million objects.

/// Where a record's line is in the file.
public struct LineLocation: Sendable, Hashable {
    public var offset: Int64
    public var length: Int32
    /// 1-based line number in the file.
    public var number: Int32
}

struct MessageRow {
    var line: LineLocation
    var at: Int64
    var id: Int32        // record id, in `Inbox.recordIDs`
    var thread: Int32
    var author: Int32
    var agent: Int32
    var next: Int32      // the next message of the same thread, in file order
    var direction: Direction
    /// Where the text is in the line, so that a classifier run after the load finds it
    /// without scanning the line again (it fits where the row had padding: the row stays
    /// 48 bytes). See ``TextPlace``.
    var textTail: UInt8 = TextPlace.unknownTail
    var textStart: UInt16 = 0
}

/// How a message row notes where its text is: the content's first byte (`textStart`, 0 when
/// it is too far in to say), and in `textTail` whether it holds escapes (the top bit) and how
/// many bytes from its closing quote to the line's end (the low bits; ``unknownTail`` when
/// too many). The text is usually a record's last field, two bytes from the end.
enum TextPlace {
    static let escaped: UInt8 = 0x80
    static let unknownTail: UInt8 = 0x7F

    static func tail(_ text: FieldValue, lineLength: Int) -> UInt8 {
        let distance = lineLength - Int(text.end)
        return (text.escaped ? escaped : 0) | (distance >= 0 && distance < Int(unknownTail) ? UInt8(distance) : unknownTail)
    }

    static func start(_ text: FieldValue) -> UInt16 { text.start <= Int32(UInt16.max) ? UInt16(text.start) : 0 }
}

struct ThreadRow {
    var visibility: Visibility = .public
    var channel: Int32 = -1
    var customer: Int32 = -1
    var status: ThreadStatus = .open
    /// The company has answered a customer waiting in the thread (in padding beside status).
    var answered = false
    var assignee: Int32 = -1
    var snoozeUntil: Int64 = 0
    var firstMessage: Int32 = -1
    var lastMessage: Int32 = -1
    var lastInbound: Int32 = -1
    var lastOutbound: Int32 = -1
    var messageCount: Int32 = 0
    var nextOfCustomer: Int32 = -1
    /// When the oldest unanswered customer message arrived; `none` while nobody waits.
    var pendingSince: Int64 = ThreadRow.none
    /// `pendingSince` as it was when the thread was resolved, for a reopen to restore.
    var pendingBeforeResolve: Int64 = ThreadRow.none
    /// When the status last changed, for a reopened thread with no customer message waiting.
    var statusAt: Int64 = 0
    var lastActivity: Int64 = 0

    static let none = Int64.min
}

struct PersonRow {
    var handle: String?
    var name: String?
    var followers: Int64?
    var firstThread: Int32 = -1
    var lastThread: Int32 = -1
    /// Wrote an outbound message: one of the company's accounts.
    var isCompany = false
}

/// A pinned announcement. Pins are few, so their text is kept.
public struct Pin: Sendable, Equatable {
    public var id: String
    public var agent: String
    public var text: String
    public var channel: String?
    public var at: Timestamp
    public var until: Timestamp?
    public var active: Bool
}
