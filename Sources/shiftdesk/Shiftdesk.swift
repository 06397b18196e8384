import ArgumentParser
import Foundation
import Desk
import InboxFormat
import InboxStore

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
        version: Version.current,
        subcommands: [
            OpenCommand.self, CheckCommand.self, QueueCommand.self, ThreadCommand.self,
            ResolveCommand.self, ReopenCommand.self, NoteCommand.self, ReplyCommand.self,
            PriorityCommand.self, SnoozeCommand.self, AssignCommand.self, SurgesCommand.self, PinCommand.self, UnpinCommand.self, PinsCommand.self,
            StatsCommand.self, ReportCommand.self, ConfigCommand.self, CheckConfigCommand.self, IngestCommand.self, DeliverCommand.self, MailInCommand.self, MailOutCommand.self, StoreCommand.self, ManCommand.self,
        ],
        defaultSubcommand: OpenCommand.self
    )

    /// Ignores SIGXFSZ before anything runs: a file-size limit (`ulimit -f`) then makes an
    /// append fail with EFBIG, which the appender undoes and reports, rather than killing
    /// the process halfway through a line.
    static func main() {
        signal(SIGXFSZ, SIG_IGN)
        main(StoreArguments.rewrite(Array(CommandLine.arguments.dropFirst())))
    }
}

/// `shiftdesk [FILE]`: what starts when no subcommand is named: the full-screen app on a
/// terminal, the open queue as text when output goes to a pipe or a file.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open an inbox in the full-screen app (the default); the sample inbox when no FILE is given.",
        discussion: """
            Press ? in the app for every key. When standard input or output is not a \
            terminal, the open queue is printed instead.

            Examples:
              shiftdesk                  # a working copy of the sample inbox
              shiftdesk shift.jsonl --agent olga
            """
    )

    @Argument(help: "The inbox file (default: a working copy of the sample inbox).")
    var file: String?

    @OptionGroup var agent: AgentOption

    @OptionGroup var clockOption: ClockOption

    func run() throws {
        Terminal.prepareLocale()
        let path: String
        if let file {
            path = file
        } else {
            path = try SampleInbox.workingCopy()
            Output.note("sample inbox: \(path)")
        }
        guard isatty(0) == 1, isatty(1) == 1 else {
            try QueueCommand.parse([path] + (clockOption.now.map { ["--now", $0] } ?? [])).run()
            return
        }
        let agent = self.agent.resolved
        let clock = try clockOption.clock()
        do {
            let templates = TemplateSources.all()
            try MainActor.assumeIsolated { try DeskApp.run(path: path, agent: agent, templates: templates, clock: clock) }
        } catch let error as InboxError {
            throw Output.failure(error.message)
        }
    }
}
