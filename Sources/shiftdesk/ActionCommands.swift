import ArgumentParser
import Desk
import InboxFormat
import InboxStore

/// The commands that append a record for an agent: resolve, reopen, note, reply.
protocol AppendingCommand: ParsableCommand {
    var inbox: InboxArgument { get }
    var agent: AgentOption { get }
}

extension AppendingCommand {
    func writer() throws -> RecordWriter {
        let clock = try inbox.clock()
        return RecordWriter(agent: agent.resolved, now: { clock.now() })
    }

    func append(_ line: String) throws {
        do {
            try inbox.store().append(line: line)
        } catch let error as InboxError {
            throw Output.failure(error.message)
        }
    }

    /// Moves `thread` to `target` with the record `make` builds, unless it is there already:
    /// running the same command twice writes one record, not two.
    func changeStatus(of thread: String, to target: ThreadStatus, done: String,
                      record make: (RecordWriter) -> String) throws {
        let loaded = try inbox.load()
        let ref = try inbox.thread(thread, in: loaded)
        let shown = TextSafety.singleLine(thread)
        if loaded.status(of: ref, at: try inbox.clock().now()) == target {
            Output.line("\(shown) is already \(target.name); nothing written.")
            return
        }
        try append(make(try writer()))
        Output.line("\(done) \(shown).")
    }
}

/// `shiftdesk resolve FILE THREAD`.
struct ResolveCommand: AppendingCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Mark a thread resolved: it leaves the queue until the customer writes again.",
        discussion: "Example:\n  shiftdesk resolve shift.jsonl t42 --agent olga"
    )

    @OptionGroup var inbox: InboxArgument
    @Argument(help: "The thread id.") var thread: String
    @OptionGroup var agent: AgentOption

    func run() throws {
        try changeStatus(of: thread, to: .resolved, done: "Resolved") { $0.resolve(thread: thread) }
    }
}

/// `shiftdesk reopen FILE THREAD`.
struct ReopenCommand: AppendingCommand {
    static let configuration = CommandConfiguration(
        commandName: "reopen",
        abstract: "Put a thread back in the open queue.",
        discussion: "Example:\n  shiftdesk reopen shift.jsonl t42"
    )

    @OptionGroup var inbox: InboxArgument
    @Argument(help: "The thread id.") var thread: String
    @OptionGroup var agent: AgentOption

    func run() throws {
        try changeStatus(of: thread, to: .open, done: "Reopened") { $0.reopen(thread: thread) }
    }
}

/// `shiftdesk note FILE THREAD TEXT`.
struct NoteCommand: AppendingCommand {
    static let configuration = CommandConfiguration(
        commandName: "note",
        abstract: "Add an internal note to a thread (never sent to the customer).",
        discussion: "Example:\n  shiftdesk note shift.jsonl t42 \"Refund approved by billing, ticket B-1187\""
    )

    @OptionGroup var inbox: InboxArgument
    @Argument(help: "The thread id.") var thread: String
    @Argument(help: "The note.") var text: String
    @OptionGroup var agent: AgentOption

    func run() throws {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw Output.failure("the note is empty; nothing written")
        }
        let loaded = try inbox.load()
        _ = try inbox.thread(thread, in: loaded)
        try append(try writer().note(thread: thread, text: text))
        Output.line("Note added to \(TextSafety.singleLine(thread)).")
    }
}

/// `shiftdesk reply FILE THREAD TEXT`.
struct ReplyCommand: AppendingCommand {
    static let configuration = CommandConfiguration(
        commandName: "reply",
        abstract: "Reply to a thread: appends an outbound message for the delivery connector, and prints its id once it is on disk.",
        discussion: """
            The reply goes out in the thread's channel and visibility, answering the \
            customer's last message, from the company account that already answers the \
            thread; in a thread no company account has answered yet, from the channel's \
            account in config.toml ([accounts]), else as agent:NAME.

            With --after ID (the last message the reply was written after), it refuses             when someone else has replied in the thread since: two answers to one person.

            Examples:
              shiftdesk reply shift.jsonl t42 "@anna_k Anna, it's fixed: your order 5521 went through."
              shiftdesk reply shift.jsonl t42 "..." --after m-5521    # unless someone answered since
            """
    )

    @OptionGroup var inbox: InboxArgument
    @Argument(help: "The thread id.") var thread: String
    @Argument(help: "The reply's text.") var text: String
    @Option(help: "The message the reply answers: refuse if another agent replied after it.") var after: String?
    @OptionGroup var agent: AgentOption

    func run() throws {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw Output.failure("the reply is empty; nothing written")
        }
        let loaded = try inbox.load()
        let ref = try inbox.thread(thread, in: loaded)
        if let after { try refuseIfAnsweredSince(after, in: loaded.messages(of: ref)) }
        var builder = ReplyBuilder()
        do {
            builder.accounts = try Config.load(path: Config.standardPath()).accounts
        } catch {
            Output.note("config not used: \(error.problem)")
        }
        let reply = builder.reply(to: loaded.replyTarget(of: ref), text: text, writer: try writer())
        try append(reply.line)
        Output.line(reply.id)
    }

    /// Another agent's reply after message `id` in `messages` (the thread's, oldest first)
    /// stops this one: the customer has an answer the reply was not written knowing.
    private func refuseIfAnsweredSince(_ id: String, in messages: [MessageView]) throws {
        let shown = TextSafety.singleLine(id)
        guard let i = messages.firstIndex(where: { $0.id == id }) else {
            throw Output.failure("no message \"\(shown)\" in thread \(TextSafety.singleLine(thread)) (see: shiftdesk thread \(inbox.argument) \(TextSafety.singleLine(thread)))")
        }
        let me = agent.resolved
        if let other = messages[(i + 1)...].first(where: { $0.direction == .outbound && $0.agent != me }) {
            let who = other.agent.map { TextSafety.singleLine($0) } ?? "the company"
            throw Output.failure("\(who) replied in \(TextSafety.singleLine(thread)) at \(other.at.short), after \(shown): nothing written "
                                 + "(read it first: shiftdesk thread \(inbox.argument) \(TextSafety.singleLine(thread)))")
        }
    }
}
