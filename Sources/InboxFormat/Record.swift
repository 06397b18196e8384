import Foundation

/// The kinds of record in inbox format version 1.1.
public enum RecordType: UInt8, Sendable, CaseIterable {
    case message, resolve, reopen, note, assign, snooze, pin, unpin, delivery, priority, dismiss
    /// A type this version does not know: skipped, and kept in the file.
    case unknown

    package init(bytes: UnsafeRawBufferPointer) {
        @inline(__always) func eq(_ s: StaticString) -> Bool {
            bytes.count == s.utf8CodeUnitCount && memcmp(bytes.baseAddress!, s.utf8Start, bytes.count) == 0
        }
        if bytes.isEmpty { self = .unknown }
        else if eq("message") { self = .message }
        else if eq("delivery") { self = .delivery }
        else if eq("resolve") { self = .resolve }
        else if eq("note") { self = .note }
        else if eq("reopen") { self = .reopen }
        else if eq("assign") { self = .assign }
        else if eq("snooze") { self = .snooze }
        else if eq("pin") { self = .pin }
        else if eq("unpin") { self = .unpin }
        else if eq("priority") { self = .priority }
        else if eq("dismiss") { self = .dismiss }
        else { self = .unknown }
    }
}

/// Public (everyone sees it) or private (a direct message, an e-mail).
public enum Visibility: UInt8, Sendable, CaseIterable {
    case `public`, `private`
    public var name: String { self == .public ? "public" : "private" }
}

/// From a customer (`in`) or from the company (`out`).
public enum Direction: UInt8, Sendable {
    case inbound, outbound
    public var name: String { self == .inbound ? "in" : "out" }
}

/// What the delivery connector said of a reply.
public enum DeliveryState: UInt8, Sendable {
    /// Not an outbound message.
    case none
    /// Written here and on disk, not yet taken by a deliverer.
    case queued
    /// A deliverer claimed it (`sending`) and has not said what became of it yet.
    case sending
    case sent, failed

    public var name: String {
        switch self {
        case .none: return "-"
        case .queued: return "queued"
        case .sending: return "sending"
        case .sent: return "sent"
        case .failed: return "failed"
        }
    }
}

/// One valid record of a line: its type, its common fields, and the typed values the fold needs.
/// Strings stay as spans into the line; the fold copies only what it keeps.
package struct DecodedRecord {
    package var type: RecordType
    package var fields: ScannedFields
    package var at: Timestamp
    package var visibility: Visibility = .public
    package var direction: Direction = .inbound
    package var deliveryState: DeliveryState = .none
    package var until: Timestamp?
    package var followers: Int64?
    /// The interner's hash of `id`, computed while scanning (on a worker thread).
    package var idTag: UInt32 = 0

    /// The stand-in for a line that holds no record.
    package static let invalid = DecodedRecord(type: .unknown, fields: ScannedFields(), at: Timestamp(milliseconds: 0))
}

/// Checks that a scanned line is a record of the format and says exactly what is wrong when not.
package enum RecordDecoder {
    package static func decode(_ f: ScannedFields, line: UnsafeRawBufferPointer) throws(ScanFailure) -> DecodedRecord {
        func bytes(_ v: FieldValue) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: line[v.range]) }
        // A string's content with escapes decoded; the rare escaped case pays for a copy.
        func decoded(_ v: FieldValue) -> [UInt8] {
            v.escaped ? JSONEscapes.decode(UnsafeBufferPointer(rebasing: line.bindMemory(to: UInt8.self)[v.range])) : Array(bytes(v))
        }
        func requireString(_ v: FieldValue, _ name: FieldName, nonEmpty: Bool = true) throws(ScanFailure) {
            if v.kind == .absent { throw ScanFailure(reason: "missing field \"\(name.jsonName)\"") }
            if v.kind != .string {
                throw ScanFailure(reason: "field \"\(name.jsonName)\" must be a string, not \(v.kind.phrase)")
            }
            if nonEmpty && v.end == v.start { throw ScanFailure(reason: "field \"\(name.jsonName)\" is empty") }
        }
        func oneOf(_ v: FieldValue, _ name: FieldName, _ allowed: [String]) throws(ScanFailure) -> Int {
            try requireString(v, name, nonEmpty: false)
            if !v.escaped {
                let raw = bytes(v)
                for (index, word) in allowed.enumerated() where word.utf8.count == raw.count {
                    if word.utf8.withContiguousStorageIfAvailable({ memcmp($0.baseAddress!, raw.baseAddress!, raw.count) == 0 }) == true {
                        return index
                    }
                }
            }
            let raw = decoded(v)
            if let index = allowed.firstIndex(where: { $0.utf8.elementsEqual(raw) }) { return index }
            let shown = TextSafety.excerpt(String(decoding: raw, as: UTF8.self), limit: 30, keepingSpaces: true)
            throw ScanFailure(reason: "field \"\(name.jsonName)\" must be \(allowed.map { "\"\($0)\"" }.joined(separator: " or ")), not \"\(shown)\"")
        }
        func time(_ v: FieldValue, _ name: FieldName) throws(ScanFailure) -> Timestamp {
            try requireString(v, name)
            if !v.escaped, let t = Timestamp.parse(bytes(v)) { return t }
            let raw = decoded(v)
            if v.escaped, let t = raw.withUnsafeBytes({ Timestamp.parse($0) }) { return t }
            let shown = String(decoding: raw, as: UTF8.self)
            throw ScanFailure(reason: "field \"\(name.jsonName)\" is not an RFC 3339 time with a zone: \"\(TextSafety.excerpt(shown, limit: 40, keepingSpaces: true))\"")
        }

        // An empty type is a type this reader does not know, as the contract treats those: skipped.
        try requireString(f.type, .type, nonEmpty: false)
        try requireString(f.id, .id)
        let at = try time(f.at, .at)
        let type = f.type.escaped ? decoded(f.type).withUnsafeBytes { RecordType(bytes: $0) } : RecordType(bytes: bytes(f.type))
        var record = DecodedRecord(type: type, fields: f, at: at)
        switch type {
        case .message:
            try requireString(f.thread, .thread)
            try requireString(f.channel, .channel)
            record.visibility = try oneOf(f.visibility, .visibility, ["public", "private"]) == 0 ? .public : .private
            record.direction = try oneOf(f.direction, .direction, ["in", "out"]) == 0 ? .inbound : .outbound
            if f.author.kind == .absent { throw ScanFailure(reason: "missing field \"author\"") }
            if f.author.kind != .object { throw ScanFailure(reason: "field \"author\" must be an object, not \(f.author.kind.phrase)") }
            try requireString(f.authorID, .authorID)
            try requireString(f.text, .text, nonEmpty: false)
            if f.authorFollowers.kind == .number { record.followers = Self.integer(bytes(f.authorFollowers)) }
        case .resolve, .reopen:
            try requireString(f.thread, .thread)
            try requireString(f.agent, .agent)
        case .note:
            try requireString(f.thread, .thread)
            try requireString(f.agent, .agent)
            try requireString(f.text, .text, nonEmpty: false)
        case .assign:
            try requireString(f.thread, .thread)
            try requireString(f.agent, .agent)
            if f.to.kind == .absent { throw ScanFailure(reason: "missing field \"to\" (an agent, or null to unassign)") }
            if f.to.kind != .null { try requireString(f.to, .to) }
        case .snooze:
            try requireString(f.thread, .thread)
            try requireString(f.agent, .agent)
            record.until = try time(f.until, .until)
        case .pin:
            try requireString(f.agent, .agent)
            try requireString(f.text, .text, nonEmpty: false)
            if f.until.kind == .string {
                record.until = f.until.escaped ? decoded(f.until).withUnsafeBytes { Timestamp.parse($0) } : Timestamp.parse(bytes(f.until))
            }
        case .unpin:
            try requireString(f.agent, .agent)
            try requireString(f.pin, .pin)
        case .delivery:
            try requireString(f.message, .message)
            switch try oneOf(f.state, .state, ["sending", "sent", "failed"]) {
            case 0: record.deliveryState = .sending
            case 1: record.deliveryState = .sent
            default: record.deliveryState = .failed
            }
        case .priority:
            try requireString(f.thread, .thread)
            try requireString(f.agent, .agent)
            if f.level.kind == .absent { throw ScanFailure(reason: "missing field \"level\" (urgent, high, normal, low, or null for the rules' verdict)") }
            if f.level.kind != .null { _ = try oneOf(f.level, .level, ["urgent", "high", "normal", "low"]) }
        case .dismiss:
            try requireString(f.agent, .agent)
            try requireString(f.surge, .surge)
        case .unknown:
            break
        }
        return record
    }

    /// An integer without fraction or exponent that fits in 64 bits; anything else counts as missing.
    package static func integer(_ raw: UnsafeRawBufferPointer) -> Int64? {
        var value: Int64 = 0
        var negative = false
        for (i, byte) in raw.enumerated() {
            if i == 0 && byte == UInt8(ascii: "-") { negative = true; continue }
            let d = byte &- UInt8(ascii: "0")
            guard d < 10 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(d))
            if o1 || o2 { return nil }
            value = s
        }
        return negative ? -value : value
    }
}
