import InboxFormat

/// A set of kinds of record: those a projection takes in while an inbox first loads.
public struct RecordTypes: Sendable, Equatable {
    /// Bit n: the record type whose raw value is n.
    public let rawValue: UInt32

    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// The set of `types`.
    public init(_ types: RecordType...) {
        rawValue = types.reduce(0) { $0 | 1 << UInt32($1.rawValue) }
    }

    /// Every kind, the unknown included.
    public static let all = RecordTypes(rawValue: ~0)

    /// Whether records of `type` are in the set.
    @inline(__always)
    public func includes(_ type: RecordType) -> Bool { rawValue & 1 << UInt32(type.rawValue) != 0 }
}
