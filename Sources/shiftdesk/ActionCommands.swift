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
    func writer() -> RecordWriter { RecordWriter(agent: agent.resolved) }

    func append(_ line: String) throws {
        do {
            try InboxAppender(path: inbox.file).append(line: line)
        } catch {
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
        if loaded.status(of: ref, at: Timestamp.now()) == target {
            Output.line("\(shown) is already \(target.name); nothing written.")
            return
        }
        try append(make(writer()))
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
        try append(writer().note(thread: thread, text: text))
        Output.line("Note added to \(TextSafety.singleLine(thread)).")
    }
}

/// `shiftdesk reply FILE THREAD TEXT`.
struct ReplyCommand: AppendingCommand {
    static let configuration = CommandConfiguration(
        commandName: "reply",
        abstract: "Reply to a thread: appends an outbound message for the delivery connector, and prints its id once it is on disk.",
        discussion: """
            The reply goes out in the thread's channel and visibility, from the account the \
            company last used on that channel, answering the customer's last message.

            Example:
              shiftdesk reply shift.jsonl t42 "@anna_k Anna, it's fixed: your order 5521 went through."
            """
    )

    @OptionGroup var inbox: InboxArgument
    @Argument(help: "The thread id.") var thread: String
    @Argument(help: "The reply's text.") var text: String
    @OptionGroup var agent: AgentOption

    func run() throws {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw Output.failure("the reply is empty; nothing written")
        }
        let loaded = try inbox.load()
        let ref = try inbox.thread(thread, in: loaded)
        let t = loaded.summary(of: ref, at: Timestamp.now())
        let name = agent.resolved
        let account = loaded.companyAccount(channel: t.channel) ?? Person(id: "agent:" + name, handle: nil, name: name)
        let reply = writer().reply(thread: thread, channel: t.channel, visibility: t.visibility, account: account,
                                   text: text, inReplyTo: loaded.lastInboundMessageID(of: ref))
        try append(reply.line)
        Output.line(reply.id)
    }
}
