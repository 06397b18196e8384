/// Makes untrusted text (a message, a name, a subject) safe to print on a terminal.
///
/// Every byte of customer text is hostile until shown otherwise: an `ESC` could start a
/// sequence that sets the clipboard or clears the screen, `\r` and `\b` could draw over
/// other output, and bidi overrides could reorder what the reader sees. The one rule here:
/// such characters become visible placeholders and never reach the terminal as themselves.
public enum TextSafety {
    /// True for the characters that may not be printed as themselves.
    @inline(__always)
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return true }
        return isBidiControl(v) || v == 0x2028 || v == 0x2029 || v == 0xFEFF
    }

    /// Bidi embeddings, overrides and isolates, and the invisible direction marks.
    @inline(__always)
    package static func isBidiControl(_ v: UInt32) -> Bool {
        (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069) || v == 0x200E || v == 0x200F || v == 0x061C
    }

    /// True for characters that the JSON writer escapes although JSON would allow them raw.
    package static func needsEscape(_ scalar: Unicode.Scalar) -> Bool { isUnsafe(scalar) }

    /// The visible stand-in for an unsafe character: the control pictures (`␛` for ESC,
    /// `␀` for NUL), and `⟦U+202E⟧` for the invisible ones.
    public static func placeholder(for scalar: Unicode.Scalar) -> String {
        let v = scalar.value
        if v < 0x20 { return String(Unicode.Scalar(0x2400 + v)!) }
        if v == 0x7F { return "\u{2421}" }
        return "\u{27E6}" + UnicodeName.hex(v) + "\u{27E7}"
    }

    /// One line of text: newlines and tabs become spaces (runs collapse to one),
    /// every other unsafe character becomes its placeholder.
    ///
    /// Walks the UTF-8 bytes and copies the safe characters' bytes as they are: the queue
    /// asks for every row of every frame, and appending scalar by scalar cost most of it.
    public static func singleLine(_ text: String, maxScalars: Int = .max) -> String {
        let original = text
        var text = text
        return text.withUTF8 { bytes -> String? in
            if let kept = unchangedPrefix(bytes, maxScalars: maxScalars) {
                return kept == bytes.count ? nil : String(decoding: UnsafeBufferPointer(rebasing: bytes[..<kept]), as: UTF8.self)
            }
            var out: [UInt8] = []
            out.reserveCapacity(min(bytes.count, maxScalars.multipliedReportingOverflow(by: 4).partialValue & Int.max))
            var lastWasSpace = false
            var count = 0
            var i = 0
            while i < bytes.count {
                // A row shows a few dozen columns of a text that may be a megabyte long.
                count += 1
                if count > maxScalars { break }
                let lead = bytes[i]
                if lead < 0x80 {
                    i += 1
                    if lead == 0x0A || lead == 0x09 || lead == 0x0D || lead == 0x20 {
                        if !lastWasSpace { out.append(0x20) }
                        lastWasSpace = true
                        continue
                    }
                    lastWasSpace = false
                    if lead < 0x20 || lead == 0x7F {
                        out.append(contentsOf: placeholder(for: Unicode.Scalar(lead)).utf8)
                    } else {
                        out.append(lead)
                    }
                    continue
                }
                // A valid string's lead byte says its length; the value is needed only to
                // tell the unsafe characters, all of them below U+10000.
                let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
                lastWasSpace = false
                if let scalar = Unicode.Scalar(value), isUnsafe(scalar) {
                    out.append(contentsOf: placeholder(for: scalar).utf8)
                } else {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<(i + length)]))
                }
                i += length
            }
            return String(decoding: out, as: UTF8.self)
        } ?? original
    }

    /// How many of `bytes` ``singleLine(_:maxScalars:)`` would give back as they are, when
    /// it would change none of them: the first `maxScalars` characters hold no byte below
    /// space, no DEL, no two spaces in a row and no unsafe character. Nil when it would
    /// change something. Most queue rows are then shown with one copy, or none.
    private static func unchangedPrefix(_ bytes: UnsafeBufferPointer<UInt8>, maxScalars: Int) -> Int? {
        var scalars = 0
        var lastWasSpace = false
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte & 0xC0 != 0x80 {
                if scalars == maxScalars { return i }
                scalars += 1
            }
            switch byte {
            case 0x20:
                if lastWasSpace { return nil }
                lastWasSpace = true
                i += 1
                continue
            case ..<0x20, 0x7F: return nil
            // The lead bytes under which the unsafe characters above ASCII lie: a look at
            // the bytes after them tells which (a valid string has them).
            case 0xC2 where bytes[i + 1] < 0xA0: return nil  // C1 controls
            case 0xD8 where bytes[i + 1] == 0x9C: return nil  // U+061C
            case 0xE2 where bytes[i + 1] == 0x80 && (bytes[i + 2] == 0x8E || bytes[i + 2] == 0x8F || (0xA8...0xAE).contains(bytes[i + 2])):
                return nil  // direction marks, line and paragraph separators, embeddings and overrides
            case 0xE2 where bytes[i + 1] == 0x81 && (0xA6...0xA9).contains(bytes[i + 2]): return nil  // isolates
            case 0xEF where bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF: return nil  // U+FEFF
            default: break
            }
            lastWasSpace = false
            i += 1
        }
        return bytes.count
    }

    /// Several lines of text: `\n` is kept, a tab becomes spaces, `\r\n` becomes `\n`,
    /// and every other unsafe character (a lone `\r` included) becomes its placeholder.
    public static func multiLine(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        let scalars = Array(text.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            switch scalar {
            case "\n": out.append("\n")
            case "\t": out.append("    ")
            case "\r" where i + 1 < scalars.count && scalars[i + 1] == "\n": continue
            default:
                if isUnsafe(scalar) { out.append(placeholder(for: scalar)) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// The first `limit` characters of `text` on one line, with `…` when cut.
    public static func excerpt(_ text: String, limit: Int) -> String {
        excerpt(text, limit: limit, keepingSpaces: false)
    }

    /// ``excerpt(_:limit:)`` that keeps the spaces around `text` when `keepingSpaces`: for a
    /// value quoted in a reason, where " urgent" must not read as "urgent".
    public static func excerpt(_ text: String, limit: Int, keepingSpaces: Bool) -> String {
        let line = keepingSpaces ? singleLine(text) : singleLine(text).trimmingSpaces()
        guard line.count > limit else { return line }
        return String(line.prefix(max(0, limit - 1))) + "…"
    }
}

extension String {
    package func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
