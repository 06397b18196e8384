import ArgumentParser
import Desk
import InboxFormat
import InboxStore

/// `shiftdesk check FILE`: counts, and every malformed line as `FILE:LINE: reason`.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check an inbox: counts, and every malformed line as FILE:LINE: reason.",
        discussion: """
            Exits with 1 when any line is malformed, 0 otherwise. The file is only read.

            Examples:
              shiftdesk check shift.jsonl
              shiftdesk check shift.jsonl > /dev/null || echo "bad lines"
            """
    )

    @OptionGroup var inbox: InboxArgument

    func run() throws {
        let inbox = try self.inbox.load(quiet: true)
        let s = inbox.statistics(at: Timestamp.now())
        for problem in inbox.problems { Output.line(TextSafety.singleLine(problem.description)) }
        Output.line("\(TextSafety.singleLine(inbox.path)): \(s.lines) lines, \(s.records) records, \(s.inboundMessages + s.outboundMessages) messages")
        Output.line("threads: \(s.threads) (public \(s.threadsByVisibility[.public] ?? 0), private \(s.threadsByVisibility[.private] ?? 0))")
        Output.line("status: " + ThreadStatus.allCases.map { "\($0.name) \(s.threadsByStatus[$0] ?? 0)" }.joined(separator: ", "))
        Output.line("duplicates ignored: \(s.duplicates), unknown types skipped: \(s.unknownTypes), malformed lines: \(s.malformedLines)")
        if inbox.pendingBytes > 0 {
            Output.line("last line has no newline yet: a write in progress, not counted")
        }
        if !inbox.problems.isEmpty { throw ExitCode(1) }
    }

}
