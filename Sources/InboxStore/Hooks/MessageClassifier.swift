import InboxFormat

/// Work done on every message where its text is at hand: inside the parallel scan, on all
/// cores, once. The result is a few bits kept per message (an urgency level, a language, a
/// surge signature's bucket) that projections and views read later without touching the
/// file again.
///
/// A classifier must not depend on other records or on their order: it sees one message
/// at a time, on a worker thread, so it is `Sendable` and pure.
public protocol MessageClassifier: Sendable {
    /// How many bits of the message's tag word this classifier keeps (1 to 16).
    var bitWidth: Int { get }
    /// Which messages it runs on, and when (``ClassifierScope/everyMessage`` unless it says).
    var scope: ClassifierScope { get }
    /// The value to keep for `message`; only the low `bitWidth` bits are stored.
    func classify(_ message: ClassifiedMessage) -> UInt32
}

extension MessageClassifier {
    public var scope: ClassifierScope { .everyMessage }
}

/// Which messages a classifier reads, and when: what it costs the load.
public enum ClassifierScope: Sendable {
    /// Every message, during the scan, on every core: for what every message needs (a
    /// surge signature), whatever became of its thread.
    case everyMessage
    /// Only what customers still wait on: after the load, on every core and while the file
    /// is still mapped, the open customer messages (those since the company last spoke) of
    /// the threads where a customer waits; then each new customer message as it is read;
    /// any other message the first time ``Inbox/classification(_:of:)`` asks for it. In a
    /// shift's inbox most threads are answered, so this reads a small part of the text.
    case waitingCustomerMessages
}

/// A message as a classifier sees it, valid only during the call.
///
/// Small, because a classifier may pass it around: the scan's fields (some 250 bytes) stay
/// where the scan keeps them, and are reached through a pointer that lives as long as the
/// call, like the line itself.
public struct ClassifiedMessage {
    public let direction: Direction
    public let visibility: Visibility
    /// The line's fields as the scan found them; nil after the load, where only `text` is
    /// known (the others are read again from `line` when a classifier asks for one).
    let fields: UnsafePointer<ScannedFields>?
    /// Where the text is in `line`.
    let text: FieldValue
    let line: UnsafeRawBufferPointer

    /// Calls `body` with the message whose fields the scan found, for the duration of the call.
    static func with<T>(direction: Direction, visibility: Visibility, fields: borrowing ScannedFields,
                        line: UnsafeRawBufferPointer, _ body: (ClassifiedMessage) -> T) -> T {
        withUnsafePointer(to: fields) { fields in
            body(ClassifiedMessage(direction: direction, visibility: visibility, fields: fields, text: fields.pointee.text, line: line))
        }
    }

    init(direction: Direction, visibility: Visibility, text: FieldValue, line: UnsafeRawBufferPointer) {
        self.init(direction: direction, visibility: visibility, fields: nil, text: text, line: line)
    }

    private init(direction: Direction, visibility: Visibility, fields: UnsafePointer<ScannedFields>?,
                 text: FieldValue, line: UnsafeRawBufferPointer) {
        self.direction = direction
        self.visibility = visibility
        self.fields = fields
        self.text = text
        self.line = line
    }

    /// Calls `body` with the UTF-8 bytes of a string field (unescaped), e.g. `.text` or `.channel`.
    public func withBytes<T>(_ field: FieldName, _ body: (UnsafeRawBufferPointer) -> T) -> T? {
        let v = field == .text ? text : value(field)
        guard v.kind == .string else { return nil }
        return InboxState.withContent(v, line, body)
    }

    /// The author's `followers`, a JSON number (not a string field, so not in `withBytes`);
    /// nil when absent or not an integer, as the record's reader takes it.
    public var followers: Int64? {
        let v = fields?.pointee.authorFollowers ?? rescanned().authorFollowers
        guard v.kind == .number else { return nil }
        return RecordDecoder.integer(UnsafeRawBufferPointer(rebasing: line[v.range]))
    }

    /// Where a field is: from the scan's fields, or from the line scanned again.
    private func value(_ field: FieldName) -> FieldValue {
        fields?.pointee.value(field) ?? rescanned().value(field)
    }

    /// The fields of the line scanned again (a valid record's line, so it scans).
    private func rescanned() -> ScannedFields {
        var scanner = JSONLineScanner()
        return (try? scanner.scan(line)) ?? ScannedFields()
    }

    /// A string field as a String (allocates: prefer `withBytes` on hot paths).
    public func string(_ field: FieldName) -> String? {
        withBytes(field) { String(decoding: $0, as: UTF8.self) }
    }
}

/// The classifiers of one inbox, each given its own bits of a message's 32-bit tag word.
public struct ClassifierSet: Sendable {
    let classifiers: [any MessageClassifier]
    let shifts: [UInt32]
    let masks: [UInt32]

    /// Packs `classifiers` into one word in the order given; nil if they need more than 32 bits.
    public init?(_ classifiers: [any MessageClassifier]) {
        var shift: UInt32 = 0
        var shifts: [UInt32] = []
        var masks: [UInt32] = []
        for c in classifiers {
            guard (1...16).contains(c.bitWidth), Int(shift) + c.bitWidth <= 32 else { return nil }
            shifts.append(shift)
            masks.append(UInt32((1 << c.bitWidth) - 1))
            shift += UInt32(c.bitWidth)
        }
        self.classifiers = classifiers
        self.shifts = shifts
        self.masks = masks
    }

    /// No classifiers: messages keep no tags at all.
    public static let none = ClassifierSet([])!

    public var isEmpty: Bool { classifiers.isEmpty }

    /// The classifiers narrow enough (five bits at most) that the set of values a thread's
    /// messages have fits a 32-bit word: those whose sets the load gathers per thread.
    var summarisable: [Int] { classifiers.indices.filter { classifiers[$0].bitWidth <= 5 } }

    /// The value that classifier number `index` kept in `tags`.
    public func value(_ index: Int, in tags: UInt32) -> UInt32 { (tags >> shifts[index]) & masks[index] }

    /// Every classifier's value for one message, packed.
    func tags(direction: Direction, visibility: Visibility, fields: borrowing ScannedFields, line: UnsafeRawBufferPointer) -> UInt32 {
        ClassifiedMessage.with(direction: direction, visibility: visibility, fields: fields, line: line) { tags($0) }
    }

    /// Every classifier's value for one message, packed.
    func tags(_ message: ClassifiedMessage) -> UInt32 {
        var tags: UInt32 = 0
        for i in classifiers.indices {
            tags |= (classifiers[i].classify(message) & masks[i]) << shifts[i]
        }
        return tags
    }
}
