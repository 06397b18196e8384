import Foundation
import Testing

/// `shiftdesk mail-in`: mails as real mail programs write them, read into the inbox.
@Suite(.serialized) struct MailInTests {
    /// A maildir (new/, cur/, tmp/) in the scratch folder.
    static func maildir(_ s: Scratch) throws -> String {
        let dir = s.dir + "/Maildir"
        for sub in ["new", "cur", "tmp"] {
            try FileManager.default.createDirectory(atPath: dir + "/" + sub, withIntermediateDirectories: true)
        }
        return dir
    }

    /// Delivers `mail` as an MTA does: written in tmp/, then moved into `folder`.
    static func deliver(_ mail: String, named name: String, to maildir: String, folder: String = "new") throws {
        let text = mail.replacingOccurrences(of: "\n", with: "\r\n")
        try text.write(toFile: maildir + "/tmp/" + name, atomically: false, encoding: .utf8)
        try FileManager.default.moveItem(atPath: maildir + "/tmp/" + name, toPath: maildir + "/" + folder + "/" + name)
    }

    /// The inbox's messages on channel email, by id.
    static func mails(_ s: Scratch) -> [String: [String: Any]] {
        var out: [String: [String: Any]] = [:]
        for line in s.contents.split(separator: "\n") {
            guard let r = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any],
                  r["channel"] as? String == "email", let id = r["id"] as? String else { continue }
            out[id] = r
        }
        return out
    }

    static let plain = """
        From: =?UTF-8?B?0JDQvdC90LAg0JrRg9C30L3QtdGG0L7QstCw?= <Anna@Example.RU>
        To: support@shop.example
        Subject: =?UTF-8?Q?=D0=93=D0=B4=D0=B5_=D0=BC=D0=BE=D0=B9?= =?UTF-8?Q?_=D0=B7=D0=B0=D0=BA=D0=B0=D0=B7=3F?=
        Date: Fri, 20 Nov 2026 12:30:00 +0300
        Message-ID: <plain-1@mail.example.ru>
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: quoted-printable

        =D0=97=D0=B4=D1=80=D0=B0=D0=B2=D1=81=D1=82=D0=B2=D1=83=D0=B9=D1=82=D0=B5, =
        =D0=B7=D0=B0=D0=BA=D0=B0=D0=B7 =E2=84=961234 =3D 2 =D0=B4=D0=BD=D1=8F.
        """

    static let alternative = """
        From: "Petrov, Ivan" <ivan@example.ru>
        Subject: =?koi8-r?Q?=F6=C1=CC=CF=C2=C1_=CE=C1_=C4=CF=D3=D4=C1=D7=CB=D5?=
        Date: Fri, 20 Nov 2026 10:00:00 +0000
        Message-ID: <alt-1@example.ru>
        MIME-Version: 1.0
        Content-Type: multipart/alternative; boundary="b1"

        --b1
        Content-Type: text/plain; charset=windows-1251
        Content-Transfer-Encoding: base64

        x+Tw4OLx8uLz6fLlISDH4Org5yC5MTIzNCDt5SDv8Oj4uOsu
        --b1
        Content-Type: text/html; charset=windows-1251

        <p>HTML is the second choice</p>
        --b1--
        """

    static let htmlOnly = """
        From: olga.k@example.org
        Subject: Payment
        Date: Fri, 20 Nov 2026 10:05:00 +0000
        Message-ID: <html-1@example.org>
        Content-Type: multipart/alternative; boundary=zz

        --zz
        Content-Type: text/html; charset="KOI8-R"
        Content-Transfer-Encoding: quoted-printable

        <html><head><style>p{color:red}</style></head><body><p>=E4=CF=C2=D2=D9=CA =
        =C4=C5=CE=D8,</p><p>=CF=D0=CC=C1=D4=C1&nbsp;=CE=C5 =D0=D2=CF=C8=CF=C4=C9=D4=
         &amp; =C4=C5=CE=D8=C7=C9 =D3=D0=C9=D3=C1=CE=D9.<br>=F3=D0=C1=D3=C9=C2=CF</=
        p></body></html>
        --zz--
        """

    static let mixed = """
        From: Hans <hans@example.de>
        Subject: Rechnung
        Date: Fri, 20 Nov 2026 10:10:00 +0100
        Message-ID: <mixed-1@example.de>
        Content-Type: multipart/mixed; boundary="outer"

        This is a multi-part message in MIME format.
        --outer
        Content-Type: multipart/alternative; boundary="inner"

        --inner
        Content-Type: text/plain; charset=iso-8859-1
        Content-Transfer-Encoding: quoted-printable

        Gr=FC=DFe aus K=F6ln, caf=E9
        --inner
        Content-Type: text/html; charset=iso-8859-1

        <b>ignored</b>
        --inner--
        --outer
        Content-Type: text/plain; charset=iso-8859-15
        Content-Transfer-Encoding: quoted-printable

        Preis: 20 =A4 pro St=FCck
        --outer
        Content-Type: application/pdf
        Content-Disposition: attachment; filename*=UTF-8''%D0%A7%D0%B5%D0%BA.pdf
        Content-Transfer-Encoding: base64

        JVBERi0xLjQgZmFrZSByZWNlaXB0ICVQREYtMS40IGZha2UgcmVjZWlwdCAlUERGLTEuNCBmYWtlIHJlY2VpcHQg
        --outer--
        """

    @Test func everyMIMECaseAndCharsetIsReadAsAPersonWouldReadIt() throws {
        let s = try Scratch()
        let maildir = try Self.maildir(s)
        try Self.deliver(Self.plain, named: "1700000001.1.host", to: maildir)
        try Self.deliver(Self.alternative, named: "1700000002.1.host:2,S", to: maildir, folder: "cur")
        try Self.deliver(Self.htmlOnly, named: "1700000003.1.host", to: maildir)
        try Self.deliver(Self.mixed, named: "1700000004.1.host", to: maildir)
        let r = try CLI.run(["mail-in", s.inbox, maildir])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr == "appended 4, already present 0, rejected 0, unreadable 0\n")
        let mails = Self.mails(s)
        let plain = try #require(mails["plain-1@mail.example.ru"])
        #expect(plain["text"] as? String == "Здравствуйте, заказ №1234 = 2 дня.")
        #expect(plain["subject"] as? String == "Где мой заказ?", "adjacent encoded words join without the space between")
        #expect(plain["at"] as? String == "2026-11-20T09:30:00.000Z", "+0300 taken off")
        #expect(plain["thread"] as? String == "plain-1@mail.example.ru" && plain["visibility"] as? String == "private")
        let author = try #require(plain["author"] as? [String: Any])
        #expect(author["id"] as? String == "anna@example.ru" && author["name"] as? String == "Анна Кузнецова")

        let alternative = try #require(mails["alt-1@example.ru"])
        #expect(alternative["text"] as? String == "Здравствуйте! Заказ №1234 не пришёл.", "text/plain chosen, windows-1251 read")
        #expect(alternative["subject"] as? String == "Жалоба на доставку", "KOI8-R, Q-encoded")
        #expect((alternative["author"] as? [String: Any])?["name"] as? String == "Petrov, Ivan")

        let html = try #require(mails["html-1@example.org"])
        #expect(html["text"] as? String == "Добрый день,\n\nоплата не проходит & деньги списаны.\nСпасибо",
                "KOI8-R HTML made readable: paragraphs, a break, entities, no style: \(html["text"] ?? "")")

        let mixed = try #require(mails["mixed-1@example.de"])
        #expect(mixed["text"] as? String == "Grüße aus Köln, café\n\nPreis: 20 € pro Stück", "\(mixed["text"] ?? "")")
        let attachments = try #require(mixed["attachments"] as? [[String: Any]])
        #expect(attachments.count == 1)
        #expect(attachments.first?["name"] as? String == "Чек.pdf" && attachments.first?["size"] as? Int == 66
                && attachments.first?["type"] as? String == "application/pdf")
        // The inbox reads clean.
        #expect(try CLI.run(["check", s.inbox]).status == 0)
    }

    @Test func runningTwiceAddsNothingAndNoMailIsMovedOrChanged() throws {
        let s = try Scratch(copySample: false)
        let maildir = try Self.maildir(s)
        try Self.deliver(Self.plain, named: "1.host", to: maildir)
        try Self.deliver(Self.mixed, named: "2.host:2,S", to: maildir, folder: "cur")
        let before = try FileManager.default.subpathsOfDirectory(atPath: maildir).sorted()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: maildir + "/new/1.host"))
        #expect(try CLI.run(["mail-in", s.inbox, maildir]).stderr == "appended 2, already present 0, rejected 0, unreadable 0\n")
        let size = s.contents.utf8.count
        #expect(try CLI.run(["mail-in", s.inbox, maildir]).stderr == "appended 0, already present 2, rejected 0, unreadable 0\n")
        #expect(s.contents.utf8.count == size)
        #expect(try FileManager.default.subpathsOfDirectory(atPath: maildir).sorted() == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: maildir + "/new/1.host")) == bytes)
    }

    @Test func aReplyJoinsItsThreadWhetherItComesFirstOrAnswersOurReply() throws {
        let s = try Scratch(copySample: false)
        let maildir = try Self.maildir(s)
        // Our reply, delivered by mail-out with this Message-ID.
        try (#"{"type":"message","id":"CAF9@mail.example","at":"2026-11-20T09:00:00Z","thread":"refund-thread","channel":"email","visibility":"private","direction":"in","author":{"id":"ann@example.com"},"text":"Refund?"}"# + "\n"
             + #"{"type":"message","id":"msg-9","at":"2026-11-20T09:10:00Z","thread":"refund-thread","channel":"email","visibility":"private","direction":"out","author":{"id":"support@shop.example"},"agent":"olga","text":"Sent today."}"# + "\n"
             + #"{"type":"delivery","id":"d-9","at":"2026-11-20T09:10:01Z","message":"msg-9","state":"sent","by":"mail","remote_id":"msg-9.k3@shop.example"}"# + "\n")
            .write(toFile: s.inbox, atomically: true, encoding: .utf8)
        let answer = """
            From: ann@example.com
            Subject: Re: Refund
            Date: Fri, 20 Nov 2026 11:00:00 +0000
            Message-ID: <ann-2@example.com>
            In-Reply-To: <msg-9.k3@shop.example>
            References: <CAF9@mail.example> <msg-9.k3@shop.example>
            Content-Type: text/plain; charset=us-ascii

            Thanks!
            """
        // A reply read before its parent: the parent comes in a later run.
        let child = """
            From: bob@example.com
            Subject: Re: Broken
            Date: Fri, 20 Nov 2026 12:00:00 +0000
            Message-ID: <bob-2@example.com>
            In-Reply-To: <bob-1@example.com>

            Any news?
            """
        try Self.deliver(answer, named: "a.host", to: maildir)
        try Self.deliver(child, named: "b.host", to: maildir)
        #expect(try CLI.run(["mail-in", s.inbox, maildir]).status == 0)
        let parent = """
            From: bob@example.com
            Subject: Broken
            Date: Fri, 20 Nov 2026 11:30:00 +0000
            Message-ID: <bob-1@example.com>
            References: <older-root@example.com>

            My kettle is broken.
            """
        try Self.deliver(parent, named: "c.host", to: maildir)
        #expect(try CLI.run(["mail-in", s.inbox, maildir]).status == 0)
        let mails = Self.mails(s)
        #expect(mails["ann-2@example.com"]?["thread"] as? String == "refund-thread", "the answer to our reply joins its thread")
        #expect(mails["ann-2@example.com"]?["in_reply_to"] as? String == "msg-9")
        #expect(mails["ann-2@example.com"]?["text"] as? String == "Thanks!", "US-ASCII")
        #expect(mails["bob-1@example.com"]?["thread"] as? String == mails["bob-2@example.com"]?["thread"] as? String,
                "the late parent joins the thread its reply started")
    }

    @Test func aMailThatCannotBeReadIsNamedAndTheOthersGoOn() throws {
        let s = try Scratch(copySample: false)
        let maildir = try Self.maildir(s)
        try Self.deliver("Subject: no sender\n\nhello", named: "bad.host", to: maildir)
        try "garbage without a header".write(toFile: maildir + "/new/worse.host", atomically: true, encoding: .utf8)
        try Self.deliver(Self.plain, named: "good.host", to: maildir)
        let r = try CLI.run(["mail-in", s.inbox, maildir])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(maildir)/new/bad.host: no sender address in From: none"), "\(r.stderr)")
        #expect(r.stderr.contains("\(maildir)/new/worse.host: "))
        #expect(r.stderr.hasSuffix("appended 1, already present 0, rejected 0, unreadable 2\n"))
        #expect(Self.mails(s).count == 1)
        #expect(try CLI.run(["mail-in", s.inbox, s.dir]).stderr.contains("not a maildir"))
    }

    @Test func followTakesInNewMailWithinASecond() throws {
        let s = try Scratch(copySample: false)
        let maildir = try Self.maildir(s)
        try Self.deliver(Self.alternative, named: "first.host", to: maildir)
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["mail-in", s.inbox, maildir, "--follow"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // Its first pass is done once the mail that was there is in the inbox.
        var deadline = Date().addingTimeInterval(10)
        while Self.mails(s).isEmpty && Date() < deadline { usleep(10_000) }
        #expect(Self.mails(s).count == 1)
        let sent = Date()
        try Self.deliver(Self.plain, named: "late.host", to: maildir)
        deadline = Date().addingTimeInterval(10)
        while Self.mails(s).count < 2 && Date() < deadline { usleep(20_000) }
        #expect(Self.mails(s)["plain-1@mail.example.ru"] != nil)
        #expect(Date().timeIntervalSince(sent) < 1.5, "within a second, give or take the machine")
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "SIGTERM ends it cleanly")
    }
}

/// Mails written to hurt: each is read in its length's time, lands where it belongs, and
/// is dated when it came if its own date lies.
@Suite(.serialized) struct HostileMailTests {
    @Test func hostileHeadersAndHTMLAreReadInTheirLengthsTime() throws {
        let s = try Scratch(copySample: false)
        let maildir = try MailInTests.maildir(s)
        let subject = String(repeating: "=?a?b? ", count: 30_000)
        let html = String(repeating: "<title>", count: 30_000) + "<p>still here</p>"
        let date = String(repeating: "(", count: 20_000) + "Fri, 20 Nov 2026 10:00:00 +0000"
        let mail = "From: x@example.com\nSubject: \(subject)\nDate: \(date)\nMessage-ID: <hostile-1@example.com>\nContent-Type: text/html\n\n\(html)"
        try MailInTests.deliver(mail, named: "h.host", to: maildir)
        let r = try CLI.run(["mail-in", s.inbox, maildir], timeout: 20)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(MailInTests.mails(s)["hostile-1@example.com"]?["text"] as? String == "still here")
    }

    @Test func aMailCannotJoinAnotherChannelsThreadNorHideByItsDate() throws {
        let s = try Scratch()
        let maildir = try MailInTests.maildir(s)
        // tw-6001 is a public twitter thread of the sample.
        let intruder = """
            From: eve@example.com
            Subject: hi
            Date: Fri, 31 Dec 9999 23:00:00 -0200
            Message-ID: <tw-6001>
            References: <tw-6002>
            Content-Type: text/html; charset=utf-8
            Content-Transfer-Encoding: base64

            PHA+SGVsbG8NCndvcmxkPC9wPg==
            """
        try MailInTests.deliver(intruder, named: "e.host", to: maildir)
        let r = try CLI.run(["mail-in", s.inbox, maildir])
        #expect(r.status == 0, "\(r.stderr)")
        let mail = try #require(MailInTests.mails(s)["tw-6001"])
        #expect(mail["thread"] as? String == "email:tw-6001", "not the tweet's thread, nor the one it names")
        #expect((mail["at"] as? String)?.hasPrefix("9999") == false, "dated when it came, not in the year 9999")
        #expect(mail["text"] as? String == "Hello\nworld", "CRLF in a decoded body is one line break")
    }
}
