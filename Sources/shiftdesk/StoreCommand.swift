import ArgumentParser
import Foundation
import InboxFormat
import InboxStore
import InboxStorePostgres

/// `shiftdesk store`: making a PostgreSQL inbox, and copying an inbox between stores.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Make a PostgreSQL inbox, and copy an inbox between a file and PostgreSQL.",
        discussion: """
            The JSON-lines file stays the default and the contract; PostgreSQL holds the same \
            records for a team on several machines. Every command takes --store URL (or \
            $SHIFTDESK_STORE) in place of FILE.

            Examples:
              shiftdesk store init postgres://support@db.example/shiftdesk
              shiftdesk store copy shift.jsonl postgres://support@db.example/shiftdesk
              shiftdesk queue --store postgres://support@localhost/shiftdesk?host=/run/postgresql
            """,
        subcommands: [StoreInitCommand.self, StoreCopyCommand.self]
    )
}

/// `shiftdesk store init URL`.
struct StoreInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make the tables of a shiftdesk inbox in a PostgreSQL database (nothing when they are there).",
        discussion: "The database must exist (createdb); the user needs the right to create tables in it."
    )

    @Argument(help: ArgumentHelp("The database: postgres://user@host:port/db, or ?host=/socket/folder.", valueName: "URL"))
    var url: String

    func run() throws {
        guard case .postgres(let url) = try StoreLocation(url) else {
            throw ValidationError("store init makes a PostgreSQL inbox: give a postgres:// URL (a file inbox needs no making)")
        }
        let password = try StoreLocation.password(for: url)
        do {
            let made = try PostgresStore.initialize(url: url, password: password)
            Output.line(made ? "Made a shiftdesk inbox in \(url.redacted)." : "\(url.redacted) holds a shiftdesk inbox already; nothing changed.")
        } catch {
            throw Output.failure(error.message)
        }
    }
}

/// `shiftdesk store copy FROM TO`.
struct StoreCopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy the records of one inbox into another: a file into PostgreSQL, or back.",
        discussion: """
            Records keep their order and their bytes. A record whose id the target holds is \
            left out, so a copy run twice writes nothing twice. Malformed lines are reported \
            as FROM:LINE: reason and not copied; the exit status is then 1. A file target is \
            made if missing; its lines end in \\n.
            """
    )

    @Argument(help: ArgumentHelp("The inbox to copy from: a file, or a postgres:// URL.", valueName: "FROM"))
    var from: String

    @Argument(help: ArgumentHelp("The inbox to copy into: a file, or a postgres:// URL.", valueName: "TO"))
    var to: String

    func run() throws {
        let source = try OpenStores.shared.store(try StoreLocation(from))
        let target = try OpenStores.shared.store(try StoreLocation(to))
        guard source.name != target.name else { throw ValidationError("FROM and TO are the same inbox") }
        let bar = ProgressBar(label: "copying", enabled: isatty(STDERR_FILENO) == 1)
        let summary: StoreCopy.Summary
        do {
            summary = try StoreCopy.copy(from: source, to: target, reject: { problem in
                bar.clear()
                FileHandle.standardError.write(Data((TextSafety.singleLine(problem.description) + "\n").utf8))
            }, progress: bar.show)
        } catch {
            bar.clear()
            throw Output.failure(error.message)
        }
        bar.clear()
        FileHandle.standardError.write(Data((summary.description + "\n").utf8))
        if summary.malformed > 0 { throw ExitCode(1) }
    }
}

/// A one-line bar on standard error, redrawn in place: for a terminal only.
final class ProgressBar {
    private let label: String
    private let enabled: Bool
    private var shown = -1

    init(label: String, enabled: Bool) {
        self.label = label
        self.enabled = enabled
    }

    func show(_ fraction: Double) {
        guard enabled else { return }
        let percent = Int(fraction * 100)
        guard percent != shown else { return }
        shown = percent
        let width = 40
        let filled = width * percent / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) \(bar) \(percent)%".utf8))
    }

    func clear() {
        guard enabled, shown >= 0 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        shown = -1
    }
}
