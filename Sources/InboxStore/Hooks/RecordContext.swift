import InboxFormat

/// One new record as a projection sees it: what it is, where it is, what the fold made of
/// it, and its fields.
///
/// A context is valid only during the `apply` call that receives it: its fields point into
/// the bytes being read. Copy out what you keep.
public struct RecordContext {
    /// The record's type (`unknown` for a type this version does not know).
    public let type: RecordType
    /// The record's `at`.
    public let at: Timestamp
    /// Where its line is in the file.
    public let location: LineLocation
    /// The record, as the store numbers records (its interned `id`).
    public let record: RecordRef
    /// The thread it names or belongs to, if any.
    public let thread: ThreadRef?
    /// The message row, when the record is a message.
    public let message: MessageRef?
    /// For a record that names another (`delivery` names a message, `unpin` a pin): that
    /// record, if it is in the inbox.
    public let referenced: RecordRef?
    /// For a `delivery`: the outbound message it names, if it is one.
    public let referencedMessage: MessageRef?
    /// The message's classifier bits (zero for other records or without classifiers).
    public let tags: UInt32
    /// For a message: its direction and visibility.
    public let direction: Direction
    public let visibility: Visibility
    /// For a `delivery`: the state it reports.
    public let deliveryState: DeliveryState
    /// The record's `until`, for a `snooze` or a `pin` that has one.
    public let until: Timestamp?

    let fields: ScannedFields
    let line: UnsafeRawBufferPointer

    /// A string field's value, unescaped; nil when the record has no such string.
    public func string(_ field: FieldName) -> String? {
        let v = fields.value(field)
        guard v.kind == .string else { return nil }
        return InboxState.string(v, line)
    }

    /// The JSON kind of a field (`absent` when the record has none): tells `null` from missing.
    public func kind(_ field: FieldName) -> JSONKind { fields.value(field).kind }

    /// Calls `body` with a string field's UTF-8 bytes (unescaped), without making a String.
    public func withBytes<T>(_ field: FieldName, _ body: (UnsafeRawBufferPointer) -> T) -> T? {
        let v = fields.value(field)
        guard v.kind == .string else { return nil }
        return InboxState.withContent(v, line, body)
    }

    /// A number field's value when it is an integer; nil when absent, not a number, or
    /// not whole (a field of the wrong type counts as missing).
    public func integer(_ field: FieldName) -> Int64? {
        let v = fields.value(field)
        guard v.kind == .number else { return nil }
        return RecordDecoder.integer(UnsafeRawBufferPointer(rebasing: line[v.range]))
    }
}

/// A record of the inbox, numbered in the order ids were first seen.
public struct RecordRef: Hashable, Comparable, Sendable {
    public let index: Int32
    public init(index: Int32) { self.index = index }
    public static func < (a: Self, b: Self) -> Bool { a.index < b.index }
}

/// A message of the inbox, numbered in file order.
public struct MessageRef: Hashable, Comparable, Sendable {
    public let index: Int32
    public init(index: Int32) { self.index = index }
    public static func < (a: Self, b: Self) -> Bool { a.index < b.index }
}
