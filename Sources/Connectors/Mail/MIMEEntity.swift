import Foundation

/// One MIME entity of a mail (RFC 2045/2046): its header fields and its body, the parts
/// of a multipart body parsed in turn.
///
/// Lenient as mail readers are, since real mail is often a little wrong: header lines
/// may end in `\n` or `\r\n`, a multipart without its closing boundary ends with the mail,
/// and bad base64 or quoted-printable is decoded as far as it goes.
struct MIMEEntity {
    /// Header fields in order, names lower-cased, values unfolded (still encoded).
    var fields: [(name: String, value: String)]
    /// The body as it stands in the mail (transfer-encoded).
    var body: ArraySlice<UInt8>
    /// The parts of a multipart body; empty otherwise.
    var parts: [MIMEEntity] = []

    /// How deep multiparts may nest: a hostile mail must not exhaust the stack.
    static let deepest = 30

    init(_ bytes: ArraySlice<UInt8>, depth: Int = 0) {
        let (fields, body) = Self.split(bytes)
        self.fields = fields
        self.body = body
        if mediaType.hasPrefix("multipart/"), let boundary = parameter("boundary", of: "content-type"), !boundary.isEmpty,
           depth < Self.deepest {
            parts = Self.parts(of: body, boundary: boundary).map { MIMEEntity($0, depth: depth + 1) }
        }
    }

    /// The first value of the field `name` (lower case).
    func field(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    /// `type/subtype`, lower case; `text/plain` when not said (RFC 2045's default).
    var mediaType: String {
        guard let value = field("content-type") else { return "text/plain" }
        let type = value.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return type.contains("/") ? type : "text/plain"
    }

    /// A parameter of a structured field (`charset` of `content-type`), unquoted and, when
    /// RFC 2231- or RFC 2047-encoded (file names often are), decoded.
    func parameter(_ name: String, of fieldName: String) -> String? {
        guard let value = field(fieldName) else { return nil }
        var extended: [(index: Int, text: String, encoded: Bool)] = []
        for piece in Self.parameterPieces(value).dropFirst() {
            guard let eq = piece.firstIndex(of: "=") else { continue }
            let key = piece[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            var raw = piece[piece.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if raw.hasPrefix("\""), raw.hasSuffix("\""), raw.count >= 2 {
                raw = String(raw.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
            }
            if key == name { return HeaderWords.decode(raw) }
            // RFC 2231: name*=charset''text, or continued as name*0*=, name*1=, ...
            guard key.hasPrefix(name + "*") else { continue }
            let rest = key.dropFirst(name.count + 1)
            let encoded = rest.hasSuffix("*") || rest.isEmpty
            let index = Int(rest.trimmingCharacters(in: CharacterSet(charactersIn: "*"))) ?? 0
            extended.append((index, raw, encoded))
        }
        guard !extended.isEmpty else { return nil }
        extended.sort { $0.index < $1.index }
        var charset = "utf-8"
        var bytes: [UInt8] = []
        for (i, piece) in extended.enumerated() {
            var text = Substring(piece.text)
            if i == 0 && piece.encoded {
                let sections = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                if sections.count == 3 {
                    charset = sections[0].isEmpty ? "us-ascii" : String(sections[0])
                    text = sections[2]
                }
            }
            bytes += piece.encoded ? Self.percentDecoded(text) : Array(text.utf8)
        }
        return Charsets.decode(bytes, charset: charset)
    }

    /// The body without its transfer encoding.
    var decodedBody: [UInt8] {
        switch field("content-transfer-encoding")?.trimmingCharacters(in: .whitespaces).lowercased() {
        case "base64": return TransferEncoding.base64(body)
        case "quoted-printable": return TransferEncoding.quotedPrintable(body)
        default: return Array(body)
        }
    }

    /// The body as text, in its charset.
    var text: String { Charsets.decode(decodedBody, charset: parameter("charset", of: "content-type") ?? "us-ascii") }

    /// Whether it is an attachment rather than text to read: said so, or named.
    var isAttachment: Bool {
        let disposition = field("content-disposition")?.lowercased() ?? ""
        if disposition.hasPrefix("attachment") { return true }
        if disposition.hasPrefix("inline") && fileName == nil { return false }
        return fileName != nil && !mediaType.hasPrefix("multipart/")
    }

    /// The attachment's file name, from `content-disposition` or the older `name`.
    var fileName: String? { parameter("filename", of: "content-disposition") ?? parameter("name", of: "content-type") }

    // MARK: Parsing

    /// Header fields and body: the first empty line parts them.
    private static func split(_ bytes: ArraySlice<UInt8>) -> ([(name: String, value: String)], ArraySlice<UInt8>) {
        var fields: [(name: String, value: String)] = []
        var i = bytes.startIndex
        var current: (name: String, value: [UInt8])?
        func flush() {
            if let c = current { fields.append((c.name, HeaderWords.unfold(c.value))) }
            current = nil
        }
        while i < bytes.endIndex {
            let end = bytes[i...].firstIndex(of: 0x0A) ?? bytes.endIndex
            var line = bytes[i..<end]
            if line.last == 0x0D { line = line.dropLast() }
            let next = end == bytes.endIndex ? end : end + 1
            if line.isEmpty {
                flush()
                return (fields, bytes[next...])
            }
            if line.first == 0x20 || line.first == 0x09 {
                current?.value += [0x20] + line.drop { $0 == 0x20 || $0 == 0x09 }
            } else if let colon = line.firstIndex(of: 0x3A) {
                flush()
                let name = String(decoding: line[..<colon], as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased()
                current = (name, Array(line[(colon + 1)...].drop { $0 == 0x20 || $0 == 0x09 }))
            } else if i == bytes.startIndex, line.starts(with: Array("From ".utf8)) {
                // An mbox "From " line before the header: not a field.
            } else {
                // Not a header line: the header is over and this is the body.
                flush()
                return (fields, bytes[i...])
            }
            i = next
        }
        flush()
        return (fields, bytes[bytes.endIndex...])
    }

    /// The parts between `--boundary` lines, up to `--boundary--` (or the end).
    private static func parts(of body: ArraySlice<UInt8>, boundary: String) -> [ArraySlice<UInt8>] {
        let marker = Array(("--" + boundary).utf8)
        var parts: [ArraySlice<UInt8>] = []
        var start: Int?
        var i = body.startIndex
        while i < body.endIndex {
            let end = body[i...].firstIndex(of: 0x0A) ?? body.endIndex
            var line = body[i..<end]
            if line.last == 0x0D { line = line.dropLast() }
            if line.starts(with: marker) {
                let rest = line.dropFirst(marker.count)
                let closing = rest.starts(with: [0x2D, 0x2D])
                if closing || rest.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                    // The line break before a boundary belongs to the boundary.
                    if let s = start {
                        var partEnd = i
                        if partEnd > s, body[partEnd - 1] == 0x0A { partEnd -= 1 }
                        if partEnd > s, body[partEnd - 1] == 0x0D { partEnd -= 1 }
                        parts.append(body[s..<partEnd])
                    }
                    if closing { return parts }
                    start = end == body.endIndex ? end : end + 1
                }
            }
            i = end == body.endIndex ? end : end + 1
        }
        if let s = start, s < body.endIndex { parts.append(body[s...]) }
        return parts
    }

    /// `type/subtype; a=1; b="x;y"` cut at the semicolons outside quotes.
    private static func parameterPieces(_ value: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for c in value {
            if escaped { current.append(c); escaped = false; continue }
            if c == "\\" && quoted { current.append(c); escaped = true; continue }
            if c == "\"" { quoted.toggle() }
            if c == ";" && !quoted {
                pieces.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        pieces.append(current)
        return pieces
    }

    private static func percentDecoded(_ text: Substring) -> [UInt8] {
        var out: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        while let b = bytes.popFirst() {
            if b == 0x25, bytes.count >= 2, let v = UInt8(String(decoding: bytes.prefix(2), as: UTF8.self), radix: 16) {
                out.append(v)
                bytes = bytes.dropFirst(2)
            } else {
                out.append(b)
            }
        }
        return out
    }
}

/// Base64 and quoted-printable, decoded leniently: what cannot be read is skipped.
enum TransferEncoding {
    static func base64(_ body: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(body.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in body {
            let v: UInt32
            switch byte {
            case 0x41...0x5A: v = UInt32(byte - 0x41)
            case 0x61...0x7A: v = UInt32(byte - 0x61 + 26)
            case 0x30...0x39: v = UInt32(byte - 0x30 + 52)
            case 0x2B, 0x2D: v = 62
            case 0x2F, 0x5F: v = 63
            case 0x3D: return out  // padding: the end
            default: continue      // line breaks and anything else
            }
            buffer = buffer << 6 | v
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return out
    }

    static func quotedPrintable(_ body: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var i = body.startIndex
        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case 0x30...0x39: return b - 0x30
            case 0x41...0x46: return b - 0x41 + 10
            case 0x61...0x66: return b - 0x61 + 10
            default: return nil
            }
        }
        while i < body.endIndex {
            let b = body[i]
            if b == 0x3D {
                let rest = body[(i + 1)...]
                // A soft line break: "=" and the line's end (white space before it allowed).
                let afterSpace = rest.firstIndex { $0 != 0x20 && $0 != 0x09 } ?? body.endIndex
                if afterSpace == body.endIndex {
                    i = body.endIndex
                    continue
                }
                if body[afterSpace] == 0x0A {
                    i = afterSpace + 1
                    continue
                }
                if body[afterSpace] == 0x0D, afterSpace + 1 < body.endIndex, body[afterSpace + 1] == 0x0A {
                    i = afterSpace + 2
                    continue
                }
                if i + 2 < body.endIndex, let h = hex(body[i + 1]), let l = hex(body[i + 2]) {
                    out.append(h << 4 | l)
                    i += 3
                    continue
                }
                out.append(b)
                i += 1
                continue
            }
            if b == 0x0D, i + 1 < body.endIndex, body[i + 1] == 0x0A {
                out.append(0x0A)
                i += 2
                continue
            }
            out.append(b)
            i += 1
        }
        return out
    }
}
