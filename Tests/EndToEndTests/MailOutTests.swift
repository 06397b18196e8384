import Foundation
import Testing

/// `shiftdesk mail-out`: the mails it writes, read back by an independent parser (Python's
/// standard `email` package).
@Suite struct MailOutTests {
    /// What Python's `email` makes of the mail in `path`: its headers decoded, its body.
    static func parsed(_ path: String) throws -> [String: String] {
        let script = """
            import email, email.policy, json, sys
            m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
            out = {k: str(m[k]) for k in ['From', 'To', 'Subject', 'Date', 'Message-ID', 'In-Reply-To', 'References', 'Bcc'] if m[k] is not None}
            out['body'] = m.get_content()
            out['to_address'] = m['To'].addresses[0].addr_spec
            out['to_name'] = m['To'].addresses[0].display_name
            out['defects'] = str(len(m.defects) + sum(len(h.defects) for h in m.values() if hasattr(h, 'defects')))
            out['longest'] = str(max(len(l) for l in open(sys.argv[1], 'rb').read().split(b'\\n')))
            print(json.dumps(out))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
    }

    static func input(name: String = "Анна Кузнецова", text: String, subject: String? = "Re: Где мой заказ?", customerID: String? = "CAF123@mail.example.ru") -> Data {
        var object: [String: Any] = [
            "reply": ["id": "msg-1", "thread": "mail-1", "text": text, "author": ["id": "support@shop.example"]],
            "to": ["id": "anna@example.ru", "name": name],
        ]
        var customer: [String: Any] = [:]
        if let subject { customer["subject"] = subject }
        if let customerID { customer["id"] = customerID }
        object["customer_message"] = customer.isEmpty ? NSNull() : customer
        return try! JSONSerialization.data(withJSONObject: object)
    }

    @Test func aReplyBecomesAMailThatAnotherParserReadsBackExactly() throws {
        let s = try Scratch(copySample: false)
        let text = "Здравствуйте, Анна!\nВаш заказ №5 = отправлен.  \nA long line " + String(repeating: "слово ", count: 40) + "end.\n.\nС уважением, поддержка"
        let r = try CLI.run(["mail-out", "--from", "support@shop.example"], environment: ["SHIFTDESK_NOW": "2026-11-20T18:00:00Z"], input: Self.input(text: text))
        #expect(r.status == 0, "\(r.stderr)")
        try r.stdout.write(toFile: s.dir + "/mail.eml", atomically: true, encoding: .utf8)
        let mail = try Self.parsed(s.dir + "/mail.eml")
        #expect(mail["From"] == "support@shop.example")
        #expect(mail["to_address"] == "anna@example.ru" && mail["to_name"] == "Анна Кузнецова")
        #expect(mail["Subject"] == "Re: Где мой заказ?", "one Re:, not two")
        #expect(mail["In-Reply-To"] == "<CAF123@mail.example.ru>" && mail["References"] == "<CAF123@mail.example.ru>")
        #expect(mail["Date"] == "Fri, 20 Nov 2026 18:00:00 +0000")
        #expect(mail["Message-ID"]?.hasPrefix("<msg-1.") == true && mail["Message-ID"]?.hasSuffix("@shop.example>") == true)
        #expect(mail["body"] == text + "\n", "the text, every character, the spaces at a line's end too")
        #expect(mail["defects"] == "0")
        #expect(Int(mail["longest"] ?? "999")! <= 78, "no line longer than RFC 5322 asks")
    }

    @Test func nothingFromTheInboxCanAddAHeader() throws {
        let s = try Scratch(copySample: false)
        let r = try CLI.run(["mail-out", "--from", "support@shop.example"],
                            input: Self.input(name: "Eve\r\nBcc: all@evil.example", text: "hi", subject: "x\nBcc: all@evil.example"))
        #expect(r.status == 0)
        try r.stdout.write(toFile: s.dir + "/mail.eml", atomically: true, encoding: .utf8)
        let mail = try Self.parsed(s.dir + "/mail.eml")
        #expect(mail["Bcc"] == nil)
        #expect(mail["Subject"] == "Re: x Bcc: all@evil.example")
        let notAnAddress = String(decoding: Self.input(text: "hi"), as: UTF8.self).replacingOccurrences(of: "anna@example.ru", with: "anna")
        let bad = try CLI.run(["mail-out"], input: Data(notAnAddress.utf8))
        #expect(bad.status == 1 && bad.stderr.contains("not an e-mail address"), "\(bad.stderr)")
    }

    @Test func longSubjectsAndLongClustersStillMakeShortLines() throws {
        let s = try Scratch(copySample: false)
        let subject = String(repeating: "a very long subject ", count: 75)
        let zalgo = "Z" + String(repeating: "\u{0301}", count: 400)
        let r = try CLI.run(["mail-out", "--from", "support@shop.example"], input: Self.input(name: zalgo, text: "hi", subject: subject))
        #expect(r.status == 0)
        try r.stdout.write(toFile: s.dir + "/mail.eml", atomically: true, encoding: .utf8)
        let mail = try Self.parsed(s.dir + "/mail.eml")
        #expect(mail["Subject"] == "Re: " + subject.trimmingCharacters(in: .whitespaces))
        // (Python reads a display name made of several encoded words with spaces between
        // them, where RFC 2047 says none; the name is not compared here.)
        #expect(mail["to_name"]?.isEmpty == false && mail["to_address"] == "anna@example.ru")
        #expect(Int(mail["longest"] ?? "999")! <= 78, "every header line folded")
    }

    @Test func withSendmailItPrintsTheMessageIDAndPassesTheStatusOn() throws {
        let s = try Scratch(copySample: false)
        let sent = try CLI.run(["mail-out", "--from", "support@shop.example", "--sendmail", "cat > '\(s.dir)/sent.eml'"],
                               input: Self.input(text: "hello", subject: nil, customerID: nil))
        #expect(sent.status == 0)
        let mail = try Self.parsed(s.dir + "/sent.eml")
        #expect(sent.stdout == String((mail["Message-ID"] ?? "").dropFirst().dropLast()) + "\n")
        #expect(mail["Subject"] == "Re: your message" && mail["In-Reply-To"] == nil)
        // A long mail, more than a pipe holds: the command leaves without reading it.
        let refused = try CLI.run(["mail-out", "--from", "support@shop.example", "--sendmail", "echo 'relay refused' >&2; exit 75"],
                                  input: Self.input(text: String(repeating: "Длинное письмо. ", count: 20_000)))
        #expect(refused.status == 75 && refused.stdout.isEmpty && refused.stderr.contains("relay refused"))
    }

    /// The whole loop the README gives: deliver hands each reply to mail-out, which hands it
    /// to "sendmail"; the reply is recorded sent, with the mail's Message-ID.
    @Test func deliverAndMailOutMakeTheEmailLoop() throws {
        let s = try Scratch()
        let lines = [
            #"{"type":"message","id":"CAF9@mail.example","at":"2026-11-20T17:00:00Z","thread":"mail-9","channel":"email","visibility":"private","direction":"in","author":{"id":"ann@example.com","name":"Ann"},"subject":"Refund","text":"Where is my refund?"}"#,
            #"{"type":"message","id":"msg-9","at":"2026-11-20T17:10:00Z","thread":"mail-9","channel":"email","visibility":"private","direction":"out","author":{"id":"support@shop.example"},"agent":"olga","text":"Ann, it went out today."}"#,
        ]
        let handle = try #require(FileHandle(forWritingAtPath: s.inbox))
        handle.seekToEndOfFile()
        handle.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        try handle.close()
        let command = "'\(CLI.binary.path)' mail-out --sendmail \"cat > '\(s.dir)/out.eml'\""
        let r = try CLI.run(["deliver", s.inbox, "--command", command, "--once"])
        #expect(r.status == 0, "\(r.stderr)")
        let mail = try Self.parsed(s.dir + "/out.eml")
        #expect(mail["From"] == "support@shop.example", "the reply's account, an address")
        #expect(mail["to_address"] == "ann@example.com" && mail["Subject"] == "Re: Refund" && mail["In-Reply-To"] == "<CAF9@mail.example>")
        let id = String((mail["Message-ID"] ?? "").dropFirst().dropLast())
        #expect(r.stdout == "sent msg-9 in mail-9 (remote id \(id))\n")
        #expect(s.lastRecord["state"] as? String == "sent" && s.lastRecord["remote_id"] as? String == id)
    }
}
