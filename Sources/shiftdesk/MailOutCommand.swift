import ArgumentParser
import Connectors
import Foundation
import InboxFormat

/// `shiftdesk mail-out`: a delivery command for `deliver`: the reply as an e-mail.
struct MailOutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail-out",
        abstract: "Turn a reply from shiftdesk deliver into an e-mail, and hand it to sendmail.",
        discussion: """
            A filter for `shiftdesk deliver --command` (so the one command without an inbox \
            FILE): it reads deliver's JSON on standard input and writes an RFC 5322 message: \
            From --from (else the reply's account, when that is an address), To the customer, \
            "Re:" and the customer's subject, In-Reply-To and References to the customer's \
            last mail, Date, a new Message-ID, the body as UTF-8 in quoted-printable, headers \
            encoded where they need to be.

            With --sendmail, the message goes to that command's standard input, the \
            Message-ID is printed as the only line of output (deliver records it as the \
            reply's remote_id), and mail-out exits with the command's status. Without it, the \
            message is printed.

            Examples:
              shiftdesk deliver shift.jsonl --channel email --command "shiftdesk mail-out --from support@example.com --sendmail 'sendmail -t -i'"
              shiftdesk mail-out --from support@example.com < reply.json     # see the mail
            """
    )

    @Option(name: .long, help: ArgumentHelp("The sender's address.", valueName: "ADDRESS"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("The command that sends a message read on its standard input, e.g. \"sendmail -t -i\".", valueName: "CMD"))
    var sendmail: String?

    @OptionGroup var clockOption: ClockOption

    func run() throws {
        let input = FileHandle.standardInput.readDataToEndOfFile()
        let now = try clockOption.clock().now()
        let mail: OutgoingMail
        do {
            mail = try OutgoingMail(deliverInput: input, from: from, date: Date(timeIntervalSince1970: Double(now.milliseconds) / 1000))
        } catch {
            throw Output.failure(TextSafety.singleLine(error.description))
        }
        guard let sendmail else {
            FileHandle.standardOutput.write(Data(mail.text.utf8))
            return
        }
        let status = Self.pipe(mail.text, into: sendmail)
        if status != 0 { throw ExitCode(status) }
        Output.line(mail.messageID)
    }

    /// Runs `command` with `/bin/sh -c`, `text` on its standard input (its output and
    /// errors pass through), and returns its exit status.
    static func pipe(_ text: String, into command: String) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let input = Pipe()
        process.standardInput = input
        // Its output is not ours: ours is the Message-ID, for deliver.
        process.standardOutput = FileHandle.standardError
        do { try process.run() } catch {
            Output.note("cannot run \(TextSafety.singleLine(command)): \(error)")
            return 1
        }
        // A command that exits without reading its input (it refused the mail) closes the
        // pipe: that is its status to report, not a signal to die of.
        signal(SIGPIPE, SIG_IGN)
        try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
    }
}
