import ArgumentParser
import CSupport
import Connectors
import Foundation
import InboxFormat

/// `shiftdesk mail-in FILE MAILDIR [--follow]`: the mails of a maildir as messages.
struct MailInCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail-in",
        abstract: "Take the mails of a maildir into an inbox as private messages on channel email.",
        discussion: """
            Reads every mail in MAILDIR/new and MAILDIR/cur (as mbsync, fetchmail, getmail or \
            the local MTA leave them) and appends each as a message: its Message-ID as the \
            record id (so running it again adds nothing), the sender's address as the \
            author id and their name, the subject, the text (text/plain where there is a \
            choice, else the HTML made readable; quoted-printable, base64 and the charsets \
            UTF-8, windows-1251, KOI8-R, ISO-8859-1/-15 and more read), and attachments \
            listed by name and size (the files are not stored). A mail answering another \
            (In-Reply-To, References), ours included, joins its thread. Mails are never \
            moved or changed. A mail that cannot be read is reported as PATH: reason and \
            the others go on; the exit status is then 1.

            With --follow it keeps watching the maildir and takes in new mail within a second.

            Examples:
              shiftdesk mail-in shift.jsonl ~/Maildir
              shiftdesk mail-in shift.jsonl ~/Mail/support --follow
            """
    )

    @Argument(help: "The inbox file (JSON lines); made if missing. Left out with --store or $SHIFTDESK_STORE.")
    var file: String

    @OptionGroup var storeOption: StoreOption

    @Argument(help: "The maildir (the folder holding new/ and cur/).")
    var maildir: String

    @Flag(name: .long, help: "Keep watching the maildir for new mail.")
    var follow = false

    func run() throws {
        let reader: MailIn
        do {
            switch try storeOption.location(file: file) {
            case .file(let path): reader = try MailIn(inbox: path, maildir: maildir)
            case let location: reader = try MailIn(store: try OpenStores.shared.store(location), maildir: maildir)
            }
        } catch let error as InboxError {
            throw Output.failure(error.message)
        }
        let report = { (path: String, reason: String) in
            FileHandle.standardError.write(Data("\(TextSafety.singleLine(path)): \(TextSafety.singleLine(reason))\n".utf8))
        }
        csupport_install_signal_handlers(nil)
        let watch = FileWatch(paths: reader.folders)
        while true {
            do {
                try reader.readNew(problem: report)
            } catch {
                Output.note(error.message)
                FileHandle.standardError.write(Data((reader.summary.description + "\n").utf8))
                throw ExitCode(1)
            }
            if !follow || csupport_take_signal() != 0 { break }
            // Until a mail arrives (inotify), a second goes by, or a signal comes.
            watch.waitForChange(milliseconds: 1000)
            if csupport_take_signal() != 0 { break }
        }
        let summary = reader.summary
        FileHandle.standardError.write(Data(("\(summary.description), unreadable \(reader.unreadable)\n").utf8))
        if reader.unreadable > 0 || summary.rejected > 0 { throw ExitCode(1) }
    }
}
