import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Text in the charsets mail arrives in: UTF-8 and ASCII here, the rest (windows-1251,
/// KOI8-R, ISO-8859-1 and -15, and whatever else glibc knows) through iconv, which has
/// every charset Foundation on Linux lacks.
enum Charsets {
    /// `bytes` in `charset` as a string; a charset nobody knows is read as UTF-8, and bytes
    /// that are not text in it become U+FFFD: a mail is never refused for its charset.
    static func decode(_ bytes: [UInt8], charset: String) -> String {
        let name = charset.trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'")).lowercased()
        switch name {
        case "utf-8", "utf8", "us-ascii", "ascii", "":
            return String(decoding: bytes, as: UTF8.self)
        default:
            return viaIconv(bytes, from: name) ?? String(decoding: bytes, as: UTF8.self)
        }
    }

    private static func viaIconv(_ bytes: [UInt8], from charset: String) -> String? {
        let converter = iconv_open("UTF-8", charset)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 4 + 16)
        var result: [UInt8] = []
        input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
                var inLeft = inBuffer.count
                while inLeft > 0 {
                    var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
                    var outLeft = outBuffer.count
                    let done = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    let produced = outBuffer.count - outLeft
                    result += UnsafeRawBufferPointer(start: outBuffer.baseAddress, count: produced).map { $0 }
                    if done == -1 {
                        if errno == E2BIG { continue }
                        // A byte that is not a character in the charset: U+FFFD, and on.
                        result += [0xEF, 0xBF, 0xBD]
                        inPointer = inPointer.map { $0 + 1 }
                        inLeft -= 1
                    }
                }
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}

/// Header text: unfolding, and RFC 2047 encoded words (`=?koi8-r?B?...?=`).
enum HeaderWords {
    /// A field's raw bytes as text: folded lines joined, UTF-8 (which RFC 6532 allows)
    /// read as it is, anything else as Latin-1 so that no byte is lost.
    static func unfold(_ bytes: [UInt8]) -> String {
        let text = String(validating: bytes, as: UTF8.self) ?? String(bytes.map { Character(Unicode.Scalar($0)) })
        return text.replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\n", with: "")
    }

    /// `text` with its encoded words decoded; white space between two encoded words goes.
    static func decode(_ text: String) -> String {
        guard text.contains("=?") else { return text }
        var out = ""
        var rest = Substring(text)
        var pendingSpace = ""
        var lastWasWord = false
        while !rest.isEmpty {
            if rest.hasPrefix("=?"), let (decoded, after) = word(rest) {
                // Space between encoded words is not part of the text (RFC 2047, 6.2).
                if !lastWasWord { out += pendingSpace }
                pendingSpace = ""
                out += decoded
                rest = after
                lastWasWord = true
                continue
            }
            let c = rest.removeFirst()
            if c == " " || c == "\t" {
                pendingSpace.append(c)
                continue
            }
            out += pendingSpace
            pendingSpace = ""
            out.append(c)
            lastWasWord = false
        }
        return out + pendingSpace
    }

    /// One encoded word at the start of `text`, decoded, and what follows it.
    ///
    /// A word holds no white space and is at most 75 characters (RFC 2047); looking no
    /// further than that keeps a header full of `=?` that never close from costing the
    /// square of its length.
    private static func word(_ text: Substring) -> (String, Substring)? {
        let bounded = text.prefix(while: { !$0.isWhitespace }).prefix(1024)
        let body = bounded.dropFirst(2)
        let parts = body.split(separator: "?", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let close = parts[2].range(of: "?=") else { return nil }
        // charset*language (RFC 2231) allowed.
        let charset = String(parts[0].split(separator: "*").first ?? "")
        let encoded = parts[2][..<close.lowerBound]
        guard !encoded.contains(" ") else { return nil }
        let bytes: [UInt8]
        switch parts[1].lowercased() {
        case "b": bytes = TransferEncoding.base64(Array(encoded.utf8)[...])
        case "q": bytes = TransferEncoding.quotedPrintable(Array(encoded.replacingOccurrences(of: "_", with: " ").utf8)[...])
        default: return nil
        }
        // Indices of the bounded look are indices of the whole text: go on from there.
        return (Charsets.decode(bytes, charset: charset), text[close.upperBound...])
    }
}
