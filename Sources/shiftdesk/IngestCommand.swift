import ArgumentParser
import Connectors
import Foundation
import InboxFormat

/// `shiftdesk ingest FILE`: records from standard input, checked and appended.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Append records read from standard input, one JSON object a line, to an inbox.",
        discussion: """
            Each line is checked as `shiftdesk check` checks the inbox's own lines; the valid \
            ones are appended under the lock as they arrive, and a record whose id the inbox \
            already holds is left out (connectors deliver again as a matter of course). Every \
            bad line is reported on stderr as stdin:LINE: reason, and a summary line follows: \
            appended N, already present M, rejected K. The inbox file is created if missing.

            Exits with 0 when every line was a valid record (one already present is valid), \
            1 otherwise; the valid lines are appended either way.

            Examples:
              my-connector | shiftdesk ingest shift.jsonl
              shiftdesk ingest shift.jsonl < export.jsonl
            """
    )

    @Argument(help: "The inbox file (JSON lines); left out with --store or $SHIFTDESK_STORE.")
    var file: String

    @OptionGroup var storeOption: StoreOption

    func run() throws {
        var ingest: Ingest
        do {
            switch try storeOption.location(file: file) {
            case .file(let path): ingest = try Ingest(inbox: path)
            case let location: ingest = Ingest(store: try OpenStores.shared.store(location))
            }
        } catch let error as InboxError {
            throw Output.failure(error.message)
        }
        let report = { (problem: LineProblem) in
            FileHandle.standardError.write(Data((TextSafety.singleLine(problem.description) + "\n").utf8))
        }
        var failure: String?
        do {
            try ingest.run(input: STDIN_FILENO, reject: report)
        } catch {
            failure = error.message
        }
        let summary = ingest.summary
        if let failure {
            // What was appended before the error stays appended: the summary says how much.
            Output.note(failure)
            FileHandle.standardError.write(Data((summary.description + "\n").utf8))
            throw ExitCode(1)
        }
        FileHandle.standardError.write(Data((summary.description + "\n").utf8))
        if summary.rejected > 0 { throw ExitCode(1) }
    }
}
