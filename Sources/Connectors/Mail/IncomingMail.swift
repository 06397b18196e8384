import Foundation
import InboxFormat

/// What mail-in takes from one mail: who wrote, when, about what, in reply to which mail,
/// the text a person reads, and what came attached.
struct IncomingMail {
    /// Why a mail cannot be read.
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    struct Attachment: Equatable {
        var name: String
        var size: Int
        var type: String
    }

    /// The Message-ID without its angle brackets (the record's id); for a mail without
    /// one, `mail-` and a hash of its bytes, so that reading it again finds the same id.
    var messageID: String
    /// When it was written (`Date`); nil when it has none that reads as a date.
    var date: Timestamp?
    var inReplyTo: String?
    /// Oldest first, as the header lists them.
    var references: [String]
    var subject: String?
    var fromAddress: String
    var fromName: String?
    var text: String
    var attachments: [Attachment]

    init(_ bytes: [UInt8]) throws(Problem) {
        let mail = MIMEEntity(bytes[...])
        guard !mail.fields.isEmpty else { throw Problem(description: "no mail header") }
        guard let from = mail.field("from").flatMap(Self.mailbox) else {
            throw Problem(description: "no sender address in From: \(mail.field("from").map { TextSafety.singleLine($0, maxScalars: 80) } ?? "none")")
        }
        (fromAddress, fromName) = from
        messageID = mail.field("message-id").flatMap { Self.ids(in: $0).first ?? Self.bare($0) } ?? Self.hashID(bytes)
        date = mail.field("date").flatMap(MailDate.parse)
        inReplyTo = mail.field("in-reply-to").flatMap { Self.ids(in: $0).first }
        references = mail.field("references").map(Self.ids(in:)) ?? []
        subject = mail.field("subject").map { HeaderWords.decode($0).trimmingCharacters(in: .whitespaces) }
        // Lines end in \n in the inbox, however the mail ended them.
        text = (Self.readable(mail) ?? "").replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        var found: [Attachment] = []
        Self.collectAttachments(mail, into: &found)
        attachments = found
    }

    // MARK: Addresses and ids

    /// `Name <address>`, `address (Name)` or a bare address; the name decoded. The first
    /// mailbox when there are several.
    static func mailbox(_ field: String) -> (address: String, name: String?)? {
        let value = field.trimmingCharacters(in: .whitespaces)
        if let open = value.lastIndex(of: "<"), let close = value[open...].firstIndex(of: ">") {
            let address = value[value.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            guard address.contains("@") else { return nil }
            var name = value[..<open].trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 {
                name = String(name.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
            }
            name = HeaderWords.decode(name).trimmingCharacters(in: .whitespaces)
            return (address.lowercased(), name.isEmpty ? nil : name)
        }
        var address = value
        var name: String?
        if let open = value.firstIndex(of: "("), let close = value.lastIndex(of: ")"), open < close {
            name = HeaderWords.decode(String(value[value.index(after: open)..<close]))
            address = String(value[..<open]).trimmingCharacters(in: .whitespaces)
        }
        address = address.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard address.contains("@"), !address.contains(" ") else { return nil }
        return (address.lowercased(), name)
    }

    /// The `<...>` ids in a field, without their brackets.
    static func ids(in field: String) -> [String] {
        var out: [String] = []
        var rest = Substring(field)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let id = rest[rest.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            if !id.isEmpty { out.append(id) }
            rest = rest[rest.index(after: close)...]
        }
        return out
    }

    private static func bare(_ field: String) -> String? {
        let id = field.trimmingCharacters(in: .whitespaces)
        return id.isEmpty || id.contains(" ") ? nil : id
    }

    /// `mail-` and 16 hex digits of FNV-1a over the mail's bytes.
    static func hashID(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        let hex = String(h, radix: 16)
        return "mail-" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    // MARK: Text

    /// The text a person reads: text/plain where there is a choice, else the HTML made
    /// readable; the parts of a mixed mail one after the other; attachments left out.
    static func readable(_ entity: MIMEEntity) -> String? {
        let type = entity.mediaType
        if type == "multipart/alternative" {
            let candidates = entity.parts.filter { !$0.isAttachment }
            if let plain = candidates.first(where: { $0.mediaType == "text/plain" }) { return plain.text }
            // A nested multipart (related, with the HTML and its images) may hold the text.
            for part in candidates.reversed() {
                if let text = readable(part) { return text }
            }
            return nil
        }
        if type.hasPrefix("multipart/") {
            let texts = entity.parts.filter { !$0.isAttachment }.compactMap(readable).filter { !$0.isEmpty }
            return texts.isEmpty ? nil : texts.joined(separator: "\n\n")
        }
        guard !entity.isAttachment else { return nil }
        if type == "text/plain" || type == "text" { return entity.text }
        if type == "text/html" { return HTMLText.readable(entity.text) }
        return nil
    }

    static func collectAttachments(_ entity: MIMEEntity, into found: inout [Attachment]) {
        if entity.mediaType.hasPrefix("multipart/") {
            for part in entity.parts { collectAttachments(part, into: &found) }
            return
        }
        guard entity.isAttachment || !(entity.mediaType.hasPrefix("text/") || entity.mediaType == "text") else { return }
        // A part that is neither text nor multipart (an image inline in HTML) is listed too:
        // the customer sent it.
        found.append(Attachment(name: entity.fileName ?? "unnamed", size: entity.decodedBody.count, type: entity.mediaType))
    }
}

/// HTML made into text to read: tags dropped, breaks and paragraphs kept, entities decoded,
/// styles and scripts left out.
enum HTMLText {
    static func readable(_ html: String) -> String {
        var out = ""
        var rest = Substring(html.replacingOccurrences(of: "\r\n", with: "\n"))
        // Tags whose closing tag is not in the rest: not looked for again, so a page of
        // unclosed <title>s costs no more than its length.
        var unclosed: Set<String> = []
        while let open = rest.firstIndex(of: "<") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: ">") else {
                rest = rest[rest.endIndex...]
                break
            }
            let tag = rest[rest.index(after: open)..<close].lowercased()
            let name = tag.split(whereSeparator: { $0 == " " || $0 == "/" || $0 == "\n" || $0 == "\t" }).first.map(String.init) ?? ""
            rest = rest[rest.index(after: close)...]
            if name == "style" || name == "script" || name == "head" || name == "title" {
                // Their content is not text to read: skip to the closing tag.
                guard !unclosed.contains(name) else { continue }
                if let end = rest.range(of: "</\(name)", options: .caseInsensitive) {
                    rest = rest[end.upperBound...]
                    if let gt = rest.firstIndex(of: ">") { rest = rest[rest.index(after: gt)...] }
                } else {
                    unclosed.insert(name)
                }
                continue
            }
            switch name {
            case "br": out += "\n"
            case "p", "/p", "div", "/div", "tr", "/tr", "h1", "h2", "h3", "h4", "/h1", "/h2", "/h3", "/h4", "ul", "/ul", "ol", "/ol", "blockquote", "/blockquote":
                out += "\n"
            case "li": out += "\n• "
            case "td", "th": out += " "
            default: break
            }
        }
        out += rest
        let decoded = entities(out)
        // White space as a browser shows it: runs collapse, line breaks as the tags said.
        let lines = decoded.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\u{A0}" }).joined(separator: " ")
        }
        var kept: [String] = []
        for line in lines where !(line.isEmpty && (kept.last?.isEmpty ?? true)) { kept.append(line) }
        return kept.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func entities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "mdash": "—", "ndash": "–",
                     "laquo": "«", "raquo": "»", "hellip": "…", "copy": "©", "euro": "€", "rsquo": "’", "lsquo": "‘",
                     "rdquo": "”", "ldquo": "“"]
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semi = after.prefix(12).firstIndex(of: ";") else {
                out += "&"
                rest = after
                continue
            }
            let name = after[..<semi]
            var replacement: String?
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
            } else if name.hasPrefix("#") {
                replacement = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
            } else {
                replacement = named[name.lowercased()]
            }
            if let replacement {
                out += replacement
                rest = after[after.index(after: semi)...]
            } else {
                out += "&"
                rest = after
            }
        }
        return out + rest
    }
}

/// Dates as mail writes them (RFC 5322, and the older forms still seen): `Sun, 29 Nov 2026
/// 13:55:24 +0300`, without the weekday, with two-digit years, zone names, comments.
enum MailDate {
    static func parse(_ field: String) -> Timestamp? {
        // A date is a few dozen characters: a megabyte of comments is not one.
        guard field.utf8.count <= 200 else { return nil }
        var text = field
        while let open = text.firstIndex(of: "("), let close = text[open...].firstIndex(of: ")") { text.removeSubrange(open...close) }
        var words = text.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        if let first = words.first, Int(first) == nil { words.removeFirst() }  // the weekday
        guard words.count >= 4, let day = Int(words[0]), var year = Int(words[2]) else { return nil }
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        guard let month = months.firstIndex(of: String(words[1].prefix(3)).lowercased()).map({ $0 + 1 }) else { return nil }
        if year < 50 { year += 2000 } else if year < 1000 { year += 1900 }
        let clock = words[3].split(separator: ":").map { Int($0) }
        guard clock.count >= 2, let hour = clock[0], let minute = clock[1] else { return nil }
        let second = clock.count > 2 ? clock[2] ?? 0 : 0
        var offsetMinutes = 0
        if words.count > 4 {
            let zone = words[4]
            let names = ["ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -300, "edt": -240, "cst": -360, "cdt": -300,
                         "mst": -420, "mdt": -360, "pst": -480, "pdt": -420]
            if let known = names[zone.lowercased()] {
                offsetMinutes = known
            } else if (zone.hasPrefix("+") || zone.hasPrefix("-")), zone.count == 5, let v = Int(zone.dropFirst()) {
                offsetMinutes = (zone.hasPrefix("-") ? -1 : 1) * (v / 100 * 60 + v % 100)
            }
        }
        guard (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
              (1900...9999).contains(year) else { return nil }
        var components = DateComponents()
        components.year = year
        components.month = month
        components.day = day
        components.hour = hour
        components.minute = minute
        components.second = min(second, 59)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: components) else { return nil }
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded()) - Int64(offsetMinutes) * 60_000
        return Timestamp(milliseconds: ms)
    }
}
