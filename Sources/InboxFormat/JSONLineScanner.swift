/// The JSON type of one value found in a line.
public enum JSONKind: UInt8, Sendable {
    case absent, string, number, object, array, bool, null

    /// How a reason names this kind to a person: "a number", "an object".
    package var phrase: String {
        switch self {
        case .absent: return "nothing"
        case .string: return "a string"
        case .number: return "a number"
        case .object: return "an object"
        case .array: return "an array"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }
}

/// One value of a field the inbox format knows, as the scanner found it:
/// its kind and where its bytes are in the line (for a string, the bytes between the quotes).
public struct FieldValue: Sendable {
    // Packed into eight bytes: a record keeps 23 of these, and a million records pass
    // through the loader, so every byte here is a megabyte of memory traffic.
    private var offset: UInt32 = 0
    /// Length in the low 28 bits, then `escaped`, then the kind in the top 3 bits.
    private var packed: UInt32 = 0

    /// The longest value the packing can hold; the scanner refuses longer lines.
    package static let maxLength = (1 << 28) - 1

    public var kind: JSONKind { JSONKind(rawValue: UInt8(packed >> 29)) ?? .absent }
    /// True when a string holds a backslash escape and must be decoded before use.
    public var escaped: Bool { packed & (1 << 28) != 0 }
    public var start: Int32 { Int32(bitPattern: offset) }
    public var end: Int32 { Int32(bitPattern: offset &+ (packed & 0x0FFF_FFFF)) }

    package init() {}

    package init(kind: JSONKind, start: Int, end: Int, escaped: Bool = false) {
        offset = UInt32(truncatingIfNeeded: start)
        packed = UInt32(truncatingIfNeeded: end - start) & 0x0FFF_FFFF | (escaped ? 1 << 28 : 0) | UInt32(kind.rawValue) << 29
    }

    package init(kind: JSONKind, start: Int32, end: Int32) {
        self.init(kind: kind, start: Int(start), end: Int(end))
    }

    /// The offsets as a range of the line.
    package var range: Range<Int> { Int(start)..<Int(end) }
}

/// The fields of a record that the format names, each found once at most.
///
/// Unknown fields are checked for JSON syntax and then skipped; their bytes stay in the file.
public struct ScannedFields: Sendable {
    public var type = FieldValue(), id = FieldValue(), at = FieldValue()
    public var thread = FieldValue(), channel = FieldValue(), visibility = FieldValue()
    public var direction = FieldValue(), author = FieldValue(), text = FieldValue()
    public var inReplyTo = FieldValue(), subject = FieldValue(), agent = FieldValue()
    public var template = FieldValue(), templateEdit = FieldValue(), to = FieldValue(), until = FieldValue()
    public var pin = FieldValue(), message = FieldValue(), state = FieldValue()
    public var error = FieldValue(), by = FieldValue(), remoteID = FieldValue()
    public var level = FieldValue(), surge = FieldValue(), timeout = FieldValue()
    public var authorID = FieldValue(), authorHandle = FieldValue()
    public var authorName = FieldValue(), authorFollowers = FieldValue()
    public init() {}
}

/// Why a line is not a strict JSON object (RFC 8259), in words a person can act on.
public struct ScanFailure: Error, Sendable, Equatable {
    public var reason: String
}

/// A strict, non-recursive JSON scanner for one inbox line.
///
/// Foundation's decoders build a whole object tree for every line, which is most of the
/// cost of loading a large inbox. This scanner validates the full RFC 8259 grammar,
/// UTF-8 included, but records only where the known fields are; nesting of any depth
/// is handled with an explicit stack, so a hostile line cannot exhaust the call stack.
public struct JSONLineScanner: ~Copyable {
    private var stack: [UInt8] = []

    public init() { stack.reserveCapacity(64) }

    /// Scans one line (without its `\n`) and returns the known fields it holds.
    public mutating func scan(_ line: UnsafeRawBufferPointer) throws(ScanFailure) -> ScannedFields {
        guard let base = line.baseAddress?.assumingMemoryBound(to: UInt8.self), line.count > 0 else {
            throw ScanFailure(reason: "empty line, not a JSON object")
        }
        guard line.count <= FieldValue.maxLength else { throw ScanFailure(reason: "line longer than 256 MB") }
        var cursor = Cursor(base: base, end: line.count)
        var fields = ScannedFields()
        cursor.skipWhitespace()
        guard cursor.pos < cursor.end else { throw ScanFailure(reason: "blank line, not a JSON object") }
        let first = cursor.peek
        if first != UInt8(ascii: "{") {
            // Say what the line is instead, so "not an object" and "not JSON" stay apart.
            let kind = try cursor.skipValue(stack: &stack)
            cursor.skipWhitespace()
            if cursor.pos < cursor.end { throw cursor.unexpected() }
            throw ScanFailure(reason: "not an object: the line holds \(kind.phrase)")
        }
        try cursor.scanObject(into: &fields, topLevel: true, stack: &stack)
        cursor.skipWhitespace()
        if cursor.pos < cursor.end {
            throw cursor.failure("text after the end of the object", at: cursor.pos)
        }
        return fields
    }
}

/// Reading position inside one line. All offsets are relative to the line's first byte.
struct Cursor {
    let base: UnsafePointer<UInt8>
    let end: Int
    var pos: Int = 0

    init(base: UnsafePointer<UInt8>, end: Int) {
        self.base = base
        self.end = end
    }

    var peek: UInt8 { base[pos] }

    func failure(_ what: String, at offset: Int) -> ScanFailure {
        ScanFailure(reason: "not JSON: \(what) at column \(offset + 1)")
    }

    /// The failure for the byte at `pos`, naming it as precisely as possible.
    func unexpected() -> ScanFailure {
        guard pos < end else { return ScanFailure(reason: "not JSON: the line ends in the middle of a value") }
        let byte = base[pos]
        switch byte {
        case 0:
            return ScanFailure(reason: "NUL byte at column \(pos + 1)")
        case UInt8(ascii: "N") where matches("NaN"):
            return failure("NaN is not a JSON number", at: pos)
        case UInt8(ascii: "I") where matches("Infinity"):
            return failure("Infinity is not a JSON number", at: pos)
        case UInt8(ascii: "\'"):
            return failure("single quotes are not JSON strings", at: pos)
        case 0x80...:
            guard let length = UTF8Check.sequenceLength(base, pos, end) else {
                return ScanFailure(reason: "invalid UTF-8 at column \(pos + 1)")
            }
            // Named by its code point: most such characters are invisible where they stand.
            let scalar = String(decoding: UnsafeBufferPointer(start: base + pos, count: length), as: UTF8.self).unicodeScalars.first?.value ?? 0
            if scalar == 0xFEFF {
                return failure("byte order mark U+FEFF (only the file's first line may begin with one)", at: pos)
            }
            return failure("unexpected character \(UnicodeName.hex(scalar))", at: pos)
        case ..<0x20, 0x7F:
            return failure("unexpected control character \(UnicodeName.hex(UInt32(byte)))", at: pos)
        default:
            return failure("unexpected character '\(Character(Unicode.Scalar(byte)))'", at: pos)
        }
    }

    func matches(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard end - pos >= count else { return false }
        let w = word.utf8Start
        for i in 0..<count where base[pos + i] != w[i] { return false }
        return true
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while pos < end {
            switch base[pos] {
            case 0x20, 0x09, 0x0A, 0x0D: pos += 1
            default: return
            }
        }
    }

    @inline(__always)
    mutating func expect(_ byte: UInt8) throws(ScanFailure) {
        skipWhitespace()
        guard pos < end, base[pos] == byte else { throw unexpected() }
        pos += 1
    }

    /// Scans a string starting at the opening quote; returns its content span.
    mutating func scanString() throws(ScanFailure) -> FieldValue {
        // A local index, so the hot loop keeps it in a register rather than in `self`.
        var i = pos + 1
        let start = i
        var escaped = false
        while true {
            // Eight plain ASCII bytes at a time: no quote, backslash, control or non-ASCII byte.
            while i + 8 <= end {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if Self.isPlain(word) { i += 8 } else { break }
            }
            guard i < end else { break }
            let c = base[i]
            if c >= 0x80 {
                // Runs of two-byte characters (Cyrillic, accents) are the common case: check them inline.
                if c &- 0xC2 < 0x1E, i + 1 < end, base[i + 1] & 0xC0 == 0x80 {
                    i += 2
                    while i + 1 < end, base[i] &- 0xC2 < 0x1E, base[i + 1] & 0xC0 == 0x80 { i += 2 }
                    continue
                }
                guard let length = UTF8Check.sequenceLength(base, i, end) else {
                    throw ScanFailure(reason: "invalid UTF-8 at column \(i + 1)")
                }
                i += length
            } else if c == UInt8(ascii: "\"") {
                pos = i + 1
                return FieldValue(kind: .string, start: start, end: i, escaped: escaped)
            } else if c == UInt8(ascii: "\\") {
                escaped = true
                pos = i
                try scanEscape()
                i = pos
            } else if c < 0x20 {
                if c == 0 { throw ScanFailure(reason: "NUL byte at column \(i + 1)") }
                throw failure("raw control character \(UnicodeName.hex(UInt32(c))) inside a string", at: i)
            } else {
                i += 1
            }
        }
        throw ScanFailure(reason: "not JSON: a string is not closed before the end of the line")
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// True when no byte of `w` is `"`, `\\`, below 0x20 or 0x80 and above (SWAR byte tests).
    @inline(__always)
    static func isPlain(_ w: UInt64) -> Bool {
        let quote = w ^ (ones &* 0x22)
        let slash = w ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote & highs
        let hasSlash = (slash &- ones) & ~slash & highs
        let hasControl = (w &- ones &* 0x20) & ~w & highs
        return (hasQuote | hasSlash | hasControl | (w & highs)) == 0
    }

    private mutating func scanEscape() throws(ScanFailure) {
        guard pos + 1 < end else { throw ScanFailure(reason: "not JSON: a string is not closed before the end of the line") }
        switch base[pos + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
             UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            pos += 2
        case UInt8(ascii: "u"):
            guard pos + 5 < end else { throw failure("incomplete \\u escape", at: pos) }
            for i in 2...5 where JSONEscapes.hexValue(base[pos + i]) == nil {
                throw failure("bad \\u escape", at: pos)
            }
            pos += 6
        default:
            throw failure("unknown escape \\\(Character(Unicode.Scalar(base[pos + 1])))", at: pos)
        }
    }

    /// Scans a number in the strict RFC 8259 grammar.
    mutating func scanNumber() throws(ScanFailure) -> FieldValue {
        let start = pos
        if base[pos] == UInt8(ascii: "-") {
            pos += 1
            if pos < end, base[pos] == UInt8(ascii: "I") { throw failure("-Infinity is not a JSON number", at: start) }
        }
        guard pos < end, isDigit(base[pos]) else { throw failure("a number needs a digit", at: pos) }
        if base[pos] == UInt8(ascii: "0") {
            pos += 1
            if pos < end, isDigit(base[pos]) { throw failure("a number cannot start with 0", at: start) }
        } else {
            while pos < end, isDigit(base[pos]) { pos += 1 }
        }
        if pos < end, base[pos] == UInt8(ascii: ".") {
            pos += 1
            guard pos < end, isDigit(base[pos]) else { throw failure("a digit must follow the decimal point", at: pos) }
            while pos < end, isDigit(base[pos]) { pos += 1 }
        }
        if pos < end, base[pos] | 0x20 == UInt8(ascii: "e") {
            pos += 1
            if pos < end, base[pos] == UInt8(ascii: "+") || base[pos] == UInt8(ascii: "-") { pos += 1 }
            guard pos < end, isDigit(base[pos]) else { throw failure("an exponent needs a digit", at: pos) }
            while pos < end, isDigit(base[pos]) { pos += 1 }
        }
        return FieldValue(kind: .number, start: start, end: pos)
    }

    @inline(__always) func isDigit(_ c: UInt8) -> Bool { c &- UInt8(ascii: "0") < 10 }

    /// Scans `true`, `false` or `null`.
    mutating func scanLiteral() throws(ScanFailure) -> FieldValue {
        let start = pos
        if matches("true") { pos += 4; return FieldValue(kind: .bool, start: start, end: pos) }
        if matches("false") { pos += 5; return FieldValue(kind: .bool, start: start, end: pos) }
        if matches("null") { pos += 4; return FieldValue(kind: .null, start: start, end: pos) }
        throw unexpected()
    }

    /// Scans any value without keeping it; containers of any depth use `stack`, never recursion.
    mutating func skipValue(stack: inout [UInt8]) throws(ScanFailure) -> JSONKind {
        let floor = stack.count
        var firstKind = JSONKind.absent
        while true {
            // A value starts here.
            skipWhitespace()
            guard pos < end else { throw unexpected() }
            var kind: JSONKind
            switch base[pos] {
            case UInt8(ascii: "{"):
                pos += 1
                skipWhitespace()
                if pos < end, base[pos] == UInt8(ascii: "}") {
                    pos += 1
                    kind = .object
                } else {
                    if firstKind == .absent { firstKind = .object }
                    stack.append(UInt8(ascii: "{"))
                    try scanMemberKey()
                    continue
                }
            case UInt8(ascii: "["):
                pos += 1
                skipWhitespace()
                if pos < end, base[pos] == UInt8(ascii: "]") {
                    pos += 1
                    kind = .array
                } else {
                    if firstKind == .absent { firstKind = .array }
                    stack.append(UInt8(ascii: "["))
                    continue
                }
            case UInt8(ascii: "\""): kind = try scanString().kind
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): kind = try scanNumber().kind
            default: kind = try scanLiteral().kind
            }
            if firstKind == .absent { firstKind = kind }
            // The value ended: close every container that ends here.
            while stack.count > floor {
                skipWhitespace()
                guard pos < end else { throw unexpected() }
                let c = base[pos]
                pos += 1
                if c == UInt8(ascii: ",") {
                    if stack[stack.count - 1] == UInt8(ascii: "{") { try scanMemberKey() }
                    break
                }
                let closer = stack[stack.count - 1] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                guard c == closer else { pos -= 1; throw unexpected() }
                stack.removeLast()
            }
            if stack.count == floor { return firstKind }
        }
    }

    /// Scans `"key" :` inside an object that is being skipped.
    private mutating func scanMemberKey() throws(ScanFailure) {
        skipWhitespace()
        guard pos < end, base[pos] == UInt8(ascii: "\"") else { throw unexpected() }
        _ = try scanString()
        try expect(UInt8(ascii: ":"))
    }

    /// Scans an object whose known members are kept in `fields`: the record itself
    /// (`topLevel`) or its `author`.
    mutating func scanObject(into fields: inout ScannedFields, topLevel: Bool, stack: inout [UInt8]) throws(ScanFailure) {
        pos += 1  // the opening brace
        skipWhitespace()
        if pos < end, base[pos] == UInt8(ascii: "}") { pos += 1; return }
        while true {
            skipWhitespace()
            guard pos < end, base[pos] == UInt8(ascii: "\"") else { throw unexpected() }
            let key = try scanString()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            guard pos < end else { throw unexpected() }
            let slot = topLevel ? FieldName.topLevel(base, key) : FieldName.author(base, key)
            if slot == .author, base[pos] == UInt8(ascii: "{") {
                if fields.author.kind != .absent { throw ScanFailure(reason: "field \"author\" appears twice") }
                let start = pos
                try scanObject(into: &fields, topLevel: false, stack: &stack)
                fields.author = FieldValue(kind: .object, start: start, end: pos)
            } else {
                let value: FieldValue
                switch base[pos] {
                case UInt8(ascii: "\""): value = try scanString()
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): value = try scanNumber()
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    let start = pos
                    let kind = try skipValue(stack: &stack)
                    value = FieldValue(kind: kind, start: start, end: pos)
                default: value = try scanLiteral()
                }
                if slot != .unknown { try fields.store(value, in: slot) }
            }
            skipWhitespace()
            guard pos < end else { throw unexpected() }
            let c = base[pos]
            pos += 1
            if c == UInt8(ascii: "}") { return }
            guard c == UInt8(ascii: ",") else { pos -= 1; throw unexpected() }
        }
    }
}
