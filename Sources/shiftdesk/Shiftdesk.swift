import ArgumentParser
import Foundation
import Desk
import InboxFormat
import InboxStore
import InboxStorePostgres

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

    @Argument(help: "The inbox file (default: $SHIFTDESK_STORE, else a working copy of the sample inbox).")
    var file: String?

    @OptionGroup var storeOption: StoreOption

    @OptionGroup var agent: AgentOption

    @OptionGroup var clockOption: ClockOption

    func run() throws {
        Terminal.prepareLocale()
        let location: StoreLocation
        if file != nil || storeOption.store != nil || StoreArguments.environmentStore != nil {
            location = try storeOption.location(file: file ?? StoreArguments.placeholder)
        } else {
            let path = try SampleInbox.workingCopy()
            Output.note("sample inbox: \(path)")
            location = .file(path)
        }
        guard isatty(0) == 1, isatty(1) == 1 else {
            var arguments = StoreLocation.arguments(file: file, store: storeOption.store)
            if arguments.isEmpty { arguments = [location.name] }  // the sample's working copy
            if arguments.first == "--store" { arguments.insert(StoreArguments.placeholder, at: 0) }
            try QueueCommand.parse(arguments + (clockOption.now.map { ["--now", $0] } ?? [])).run()
            return
        }
        let agent = self.agent.resolved
        let clock = try clockOption.clock()
        let store = try OpenStores.shared.store(location)
        let folder = DeskPaths(environment: ProcessInfo.processInfo.environment).stateFolder
        if let database = store as? PostgresStore {
            // The app stays responsive and loses nothing while the server is away, a crash
            // included: what it keeps is on disk until stored.
            database.keepsAppendsWhileOffline = true
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            database.outboxFile = folder + "/unstored-\(getpid())-\(clock.now().milliseconds / 1000).jsonl"
        }
        let outboxFile = (store as? PostgresStore)?.outboxFile
        let unstored: [String]
        do {
            let templates = TemplateSources.all()
            unstored = try MainActor.assumeIsolated { try DeskApp.run(store: store, agent: agent, templates: templates, clock: clock) }
        } catch let error as InboxError {
            throw Output.failure(error.message)
        }
        if !unstored.isEmpty { try keep(unstored, for: location, in: outboxFile) }
    }

    /// Says where the records the store never took are (it stayed out of reach until the
    /// app ended: they were written to the outbox file as they were kept) and how to store
    /// them: nothing the agent wrote is lost, and nothing goes in twice.
    private func keep(_ lines: [String], for location: StoreLocation, in file: String?) throws {
        guard let path = file, FileManager.default.fileExists(atPath: path) else {
            for line in lines { Output.line(line) }
            throw Output.failure("\(lines.count) record(s) not stored: the server stayed out of reach, and they could not be saved; they are printed above")
        }
        throw Output.failure("\(lines.count) record(s) not stored: the server stayed out of reach. Kept in \(path); store them with: shiftdesk ingest \(location.argument) < \(path)")
    }
}
