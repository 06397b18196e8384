import Foundation

/// A reply as an e-mail (RFC 5322, MIME): what `shiftdesk mail-out` hands to sendmail.
///
/// Made from the JSON that `shiftdesk deliver` gives its command. Every header value that
/// comes from the inbox (names, the subject) is untrusted: line breaks are taken out so
/// nothing can add a header, and text past ASCII is written as RFC 2047 encoded words. The
/// body is UTF-8 in quoted-printable, so no line is too long for any mail server.
public struct OutgoingMail: Sendable {
    /// The whole message, header and body, lines ending in `\n` (sendmail's convention).
    public var text: String
    /// The Message-ID it was given, without its angle brackets.
    public var messageID: String

    /// Why a reply cannot become a mail.
    public struct Problem: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Builds the mail for the `deliver` input `json`. `from` is the sender's address
    /// (else the reply's account, when that is an address); `date` is when it is sent.
    public init(deliverInput json: Data, from: String?, date: Date) throws(Problem) {
        guard let input = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any],
              let reply = input["reply"] as? [String: Any] else {
            throw Problem(description: "the input is not the JSON that shiftdesk deliver gives: {\"reply\": ..., \"to\": ..., \"customer_message\": ...}")
        }
        let customerMessage = input["customer_message"] as? [String: Any]
        let to = input["to"] as? [String: Any]
        guard let toAddress = (to?["id"] as? String).flatMap(Self.address) else {
            throw Problem(description: "the customer's author id is not an e-mail address: \(Self.oneLine(to?["id"] as? String ?? "none"))")
        }
        let account = (reply["author"] as? [String: Any])?["id"] as? String
        guard let fromAddress = (from ?? account).flatMap(Self.address) else {
            throw Problem(description: "no sender address: give --from (the reply's account, \(Self.oneLine(account ?? "none")), is not one)")
        }
        let replyID = (reply["id"] as? String) ?? "reply"
        let domain = fromAddress.split(separator: "@").last.map(String.init) ?? "localhost"
        let unique = String(UInt64.random(in: .min ... .max), radix: 36)
        messageID = "\(Self.idPart(replyID)).\(unique)@\(domain)"

        var headers: [(String, String)] = []
        headers.append(("From", fromAddress))
        headers.append(("To", Self.mailbox(name: to?["name"] as? String, address: toAddress)))
        let subject = (customerMessage?["subject"] as? String).map(Self.oneLine) ?? ""
        headers.append(("Subject", Self.encodedWords(Self.replySubject(subject))))
        headers.append(("Date", Self.rfc5322Date(date)))
        headers.append(("Message-ID", "<\(messageID)>"))
        // Only an id that is one: plain ASCII, no spaces (a customer's record id is theirs to write).
        if let parent = (customerMessage?["id"] as? String).map(Self.oneLine), !parent.isEmpty,
           parent.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) {
            let bracketed = parent.hasPrefix("<") ? parent : "<\(parent)>"
            headers.append(("In-Reply-To", bracketed))
            headers.append(("References", bracketed))
        }
        headers.append(("MIME-Version", "1.0"))
        headers.append(("Content-Type", "text/plain; charset=utf-8"))
        headers.append(("Content-Transfer-Encoding", "quoted-printable"))
        let body = Self.quotedPrintable((reply["text"] as? String) ?? "")
        text = headers.map { "\($0.0): \($0.1)" }.joined(separator: "\n") + "\n\n" + body + "\n"
    }

    // MARK: Headers

    /// `text` without line breaks or control characters: nothing from the inbox can start
    /// a header of its own.
    static func oneLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
            .trimmingCharacters(in: .whitespaces)
    }

    /// An address as given, when it is one: `local@domain`, ASCII, no spaces, brackets or
    /// line breaks.
    static func address(_ text: String) -> String? {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && !"<>()[]\\,;:\"".unicodeScalars.contains($0) })
        else { return nil }
        return text
    }

    /// `Name <address>`, the name quoted or encoded as it needs.
    static func mailbox(name: String?, address: String) -> String {
        guard let name = name.map(oneLine), !name.isEmpty else { return address }
        if name.unicodeScalars.allSatisfy({ $0.isASCII }) {
            let quoted = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(quoted)\" <\(address)>"
        }
        return "\(encodedWords(name)) <\(address)>"
    }

    /// `Re: ` and the customer's subject, without piling up `Re:`s.
    static func replySubject(_ subject: String) -> String {
        var rest = Substring(subject)
        while rest.lowercased().hasPrefix("re:") { rest = rest.dropFirst(3).drop { $0 == " " } }
        return "Re: " + (rest.isEmpty ? "your message" : rest)
    }

    /// `text` as it may stand in a header: itself when ASCII, else RFC 2047 encoded words
    /// (UTF-8, base64), each at most 75 characters, never splitting a character, folded
    /// onto lines of their own.
    static func encodedWords(_ text: String) -> String {
        // Short ASCII stands as it is; long ASCII is encoded too, so that it folds and no
        // line passes RFC 5322's limits.
        guard !text.unicodeScalars.allSatisfy({ $0.isASCII }) || text.utf8.count > 60 else { return text }
        var words: [String] = []
        var chunk: [UInt8] = []
        // 39 bytes of UTF-8 make 52 of base64, and 12 more of =?UTF-8?B? ?= make 64: with
        // "Subject: " before the first, every line stays under 76. Split
        // between code points (RFC 2047 asks no more): a cluster of a thousand combining
        // marks still makes words of at most that.
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > 39, !chunk.isEmpty {
                words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words.joined(separator: "\n ")
    }

    /// A Message-ID's left part from a record id: the characters RFC 5322 allows there.
    static func idPart(_ id: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.+".unicodeScalars)
        let kept = String(String.UnicodeScalarView(id.unicodeScalars.filter { allowed.contains($0) }))
        return kept.trimmingCharacters(in: CharacterSet(charactersIn: ".")).isEmpty ? "reply" : kept.trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }

    /// `Sun, 29 Nov 2026 13:55:24 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    // MARK: Body

    /// UTF-8 `text` in quoted-printable (RFC 2045): lines kept, each at most 76 characters
    /// with soft breaks, `=`, controls and bytes past ASCII as `=XX`, and white space at a
    /// line's end encoded so no server strips it.
    static func quotedPrintable(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var lines: [String] = []
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array(line.utf8)
            var tokens: [String] = []
            for (i, byte) in bytes.enumerated() {
                let last = i == bytes.count - 1
                if (byte == 0x20 || byte == 0x09) && !last {
                    tokens.append(String(UnicodeScalar(byte)))
                } else if byte >= 0x21 && byte <= 0x7E && byte != 0x3D {
                    tokens.append(String(UnicodeScalar(byte)))
                } else {
                    tokens.append(String(format: "=%02X", byte))
                }
            }
            // Soft breaks: at most 75 characters and `=` a line, never inside `=XX`.
            var current = ""
            for token in tokens {
                if current.count + token.count > 75 {
                    lines.append(current + "=")
                    current = ""
                }
                current += token
            }
            lines.append(current)
        }
        return lines.joined(separator: "\n")
    }
}
