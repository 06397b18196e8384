import ArgumentParser
import Foundation
import Desk
import InboxFormat
import InboxStore

/// The FILE argument every subcommand takes, and loading it with errors a person can act on.
struct InboxArgument: ParsableArguments {
    @Argument(help: "The inbox file (JSON lines); left out with --store or $SHIFTDESK_STORE.")
    var file: String

    @OptionGroup var storeOption: StoreOption

    @OptionGroup var clockOption: ClockOption

    init() {}
    init(file: String) { self.file = file }

    /// The file, or the store that stands for it.
    func location() throws -> StoreLocation { try storeOption.location(file: file) }

    /// How messages name the inbox: the path, or the URL without a password.
    var name: String { (try? location().name) ?? file }

    /// What a hint puts where FILE goes (`shift.jsonl`, or `--store URL`).
    var argument: String { (try? location().argument) ?? file }

    /// The store, opened once per process.
    func store() throws -> any RecordStore { try OpenStores.shared.store(try location()) }

    /// The command's clock (`--now`, `$SHIFTDESK_NOW`, else the real time), or `asOf` when
    /// neither is set: a question about the past is answered as of then.
    func clock(asOf: Timestamp? = nil) throws -> RunningClock { try clockOption.clock(fallback: asOf) }

    /// Reads the inbox (as it stood at `asOf`, when given); a file that cannot be read ends
    /// the command with its reason. Malformed lines are summed up on stderr unless `quiet`.
    func load(quiet: Bool = false, asOf: Timestamp? = nil, classifiers: [any MessageClassifier] = [],
              projections: [any InboxProjection] = []) throws -> Inbox {
        Terminal.prepareLocale()
        let inbox: Inbox
        do {
            let store = try self.store()
            try store.catchUp()
            inbox = try Inbox(path: store.readablePath, classifiers: classifiers, projections: projections, asOf: asOf)
        } catch let error as InboxError {
            throw Output.failure(error.message)
        }
        if !quiet && !inbox.problems.isEmpty {
            let n = inbox.problems.count
            Output.note("\(n) malformed line\(n == 1 ? "" : "s") skipped (see: shiftdesk check \(argument))")
        }
        return inbox
    }

    /// The thread named `id`, or an error that says so.
    func thread(_ id: String, in inbox: Inbox) throws -> ThreadRef {
        guard let ref = inbox.thread(id: id) else {
            throw Output.failure("no thread \"\(TextSafety.singleLine(id))\" in \(name) (list them with: shiftdesk queue \(argument) --status all)")
        }
        return ref
    }
}

/// Who acts: `--agent`, else `$SHIFTDESK_AGENT`, else the login name.
struct AgentOption: ParsableArguments {
    @Option(name: .long, help: "The agent's name (default: $SHIFTDESK_AGENT, else the login name).")
    var agent: String?

    var resolved: String {
        if let agent, !agent.isEmpty { return agent }
        if let env = ProcessInfo.processInfo.environment["SHIFTDESK_AGENT"], !env.isEmpty { return env }
        if let login = getlogin() { return String(cString: login) }
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "agent"
    }
}
