import ArgumentParser
import Foundation
import InboxKit

/// The `shiftdesk` command: a terminal inbox for customer-support agents.
@main
struct Shiftdesk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shiftdesk",
        abstract: "A terminal inbox for customer-support agents: public and private threads, one file.",
        discussion: """
            An inbox is one JSON-lines file that connectors and agents append to. With no \
            subcommand, shiftdesk shows the queue of FILE, or of a working copy of the \
            sample inbox when no FILE is given.

            Examples:
              shiftdesk                         # the sample inbox's queue
              shiftdesk check shift.jsonl       # find malformed lines
              shiftdesk queue shift.jsonl --view public
              shiftdesk reply shift.jsonl t42 "Anna, thanks for waiting: it's fixed now."
            """,
        subcommands: [
            OpenCommand.self, CheckCommand.self, QueueCommand.self, ThreadCommand.self,
            ResolveCommand.self, ReopenCommand.self, NoteCommand.self, ReplyCommand.self,
            StatsCommand.self,
        ],
        defaultSubcommand: OpenCommand.self
    )

}

/// `shiftdesk [FILE]`: what starts when no subcommand is named.
///
/// It shows the queue for now; the terminal UI will take its place.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open an inbox (the default): shows its open queue, of the sample inbox when no FILE is given.",
        discussion: """
            Examples:
              shiftdesk                  # a working copy of the sample inbox
              shiftdesk shift.jsonl
            """
    )

    @Argument(help: "The inbox file (default: a working copy of the sample inbox).")
    var file: String?

    func run() throws {
        Terminal.prepareLocale()
        let path: String
        if let file {
            path = file
        } else {
            path = try SampleInbox.workingCopy()
            Output.note("sample inbox: \(path)")
        }
        try QueueCommand.parse([path]).run()
    }
}
