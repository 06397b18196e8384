import ArgumentParser
import Desk
import InboxFormat
import InboxStore

/// `shiftdesk assign FILE THREAD AGENT` or `--none`.
struct AssignCommand: AppendingCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Give a thread to an agent (or, with --none, to nobody).",
        discussion: """
            Examples:
              shiftdesk assign shift.jsonl tw-6002 olga --agent ivan    # ivan gives it to olga
              shiftdesk assign shift.jsonl tw-6002 --none
            """
    )

    @OptionGroup var inbox: InboxArgument
    @Argument(help: "The thread id.") var thread: String
    @Argument(help: "The agent who owns it from now on.") var owner: String?
    @Flag(help: "Nobody owns it from now on.") var none = false
    @OptionGroup var agent: AgentOption

    func validate() throws {
        if none == (owner != nil) { throw ValidationError(none ? "give an AGENT or --none, not both" : "give an AGENT, or --none for nobody") }
        if let owner, owner.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("AGENT is empty") }
    }

    func run() throws {
        let loaded = try inbox.load()
        let ref = try inbox.thread(thread, in: loaded)
        let shown = TextSafety.singleLine(thread)
        let current = loaded.assignee(of: ref)
        if current == owner {
            Output.line(owner.map { "\(shown) is already \(TextSafety.singleLine($0))'s; nothing written." } ?? "\(shown) is nobody's already; nothing written.")
            return
        }
        try append(try writer().assign(thread: thread, to: owner))
        let was = current.map { " (was \(TextSafety.singleLine($0))'s)" } ?? ""
        Output.line(owner.map { "\(shown) is \(TextSafety.singleLine($0))'s now\(was)." } ?? "\(shown) is nobody's now\(was).")
    }
}
