import Foundation

/// A strict reader of one JSON text that finds keys given twice in one object.
///
/// JSONSerialization (like most JSON readers) keeps the last of two values for a key
/// without a word, so it cannot tell; this reads the text itself. Keys are compared by
/// code point after escapes are decoded: `"a"` and `"\u0061"` are the same key.
enum StrictJSON {
    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    /// Every key repeated in an object, as `path: key` (`$.messages[2].author: id`).
    /// Throws if `text` is not exactly one JSON value (whitespace around it allowed).
    static func repeatedKeys(in text: String) throws -> [String] {
        var reader = Reader(text: Array(text.unicodeScalars))
        reader.skipSpace()
        try reader.value(path: "$")
        reader.skipSpace()
        guard reader.atEnd else { throw reader.invalid("text after the value") }
        return reader.repeated
    }

    private struct Reader {
        let text: [Unicode.Scalar]
        var at = 0
        var repeated: [String] = []

        var atEnd: Bool { at >= text.count }
        var next: Unicode.Scalar? { atEnd ? nil : text[at] }

        func invalid(_ what: String) -> Invalid { Invalid(description: "\(what) at offset \(at)") }

        mutating func skipSpace() {
            while let c = next, c == " " || c == "\t" || c == "\n" || c == "\r" { at += 1 }
        }

        mutating func take(_ c: Unicode.Scalar) throws {
            guard next == c else { throw invalid("expected \"\(c)\"") }
            at += 1
        }

        mutating func value(path: String) throws {
            switch next {
            case "{": try object(path: path)
            case "[": try array(path: path)
            case "\"": _ = try string()
            case "t": try word("true")
            case "f": try word("false")
            case "n": try word("null")
            case let c? where c == "-" || ("0"..."9").contains(c): try number()
            default: throw invalid("expected a value")
            }
        }

        mutating func object(path: String) throws {
            try take("{")
            skipSpace()
            if next == "}" { at += 1; return }
            var keys = Set<[UInt32]>()
            while true {
                skipSpace()
                let key = try string()
                let name = String(String.UnicodeScalarView(key.compactMap(Unicode.Scalar.init)))
                if !keys.insert(key).inserted { repeated.append("\(path): \(name)") }
                skipSpace()
                try take(":")
                skipSpace()
                try value(path: path + "." + name)
                skipSpace()
                if next == "," { at += 1; continue }
                try take("}")
                return
            }
        }

        mutating func array(path: String) throws {
            try take("[")
            skipSpace()
            if next == "]" { at += 1; return }
            var index = 0
            while true {
                skipSpace()
                try value(path: "\(path)[\(index)]")
                index += 1
                skipSpace()
                if next == "," { at += 1; continue }
                try take("]")
                return
            }
        }

        /// A string's code points, escapes decoded (a lone surrogate stays as itself).
        mutating func string() throws -> [UInt32] {
            try take("\"")
            var codes: [UInt32] = []
            while true {
                guard let c = next else { throw invalid("unterminated string") }
                at += 1
                switch c {
                case "\"":
                    return codes
                case "\\":
                    guard let e = next else { throw invalid("unterminated escape") }
                    at += 1
                    switch e {
                    case "\"", "\\", "/": codes.append(e.value)
                    case "b": codes.append(0x08)
                    case "f": codes.append(0x0C)
                    case "n": codes.append(0x0A)
                    case "r": codes.append(0x0D)
                    case "t": codes.append(0x09)
                    case "u":
                        let unit = try hex4()
                        if (0xD800...0xDBFF).contains(unit), next == "\\", at + 1 < text.count, text[at + 1] == "u" {
                            let mark = at
                            at += 2
                            let low = try hex4()
                            if (0xDC00...0xDFFF).contains(low) {
                                codes.append(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                            } else {
                                codes.append(unit)
                                at = mark
                            }
                        } else {
                            codes.append(unit)
                        }
                    default:
                        throw invalid("unknown escape \\\(e)")
                    }
                case let c where c.value < 0x20:
                    throw invalid("control character in a string")
                default:
                    codes.append(c.value)
                }
            }
        }

        mutating func hex4() throws -> UInt32 {
            guard at + 4 <= text.count, let v = UInt32(String(String.UnicodeScalarView(text[at..<at + 4])), radix: 16) else {
                throw invalid("bad \\u escape")
            }
            at += 4
            return v
        }

        mutating func word(_ w: String) throws {
            for c in w.unicodeScalars { try take(c) }
        }

        mutating func number() throws {
            let digits = { (r: inout Reader) -> Int in
                let start = r.at
                while let c = r.next, ("0"..."9").contains(c) { r.at += 1 }
                return r.at - start
            }
            if next == "-" { at += 1 }
            if next == "0" { at += 1 } else if digits(&self) == 0 { throw invalid("expected digits") }
            if next == "." {
                at += 1
                if digits(&self) == 0 { throw invalid("expected digits after \".\"") }
            }
            if next == "e" || next == "E" {
                at += 1
                if next == "+" || next == "-" { at += 1 }
                if digits(&self) == 0 { throw invalid("expected exponent digits") }
            }
        }
    }
}
