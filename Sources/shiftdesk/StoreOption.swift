import ArgumentParser
import Desk
import Foundation
import InboxFormat
import InboxStore
import InboxStorePostgres

/// `--store URL`: the inbox in PostgreSQL (or a file, by its path) instead of FILE, with
/// `$SHIFTDESK_STORE` when neither is given.
struct StoreOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The inbox in PostgreSQL instead of FILE: postgres://user@host:port/db, or a Unix socket as libpq writes it, postgres://user@localhost/db?host=/run/postgresql; a file path works too (default: $SHIFTDESK_STORE).",
        valueName: "URL"))
    var store: String?

    /// Where the inbox is: `file` unless it is the placeholder ``StoreArguments`` put in
    /// for a FILE left out.
    func location(file: String) throws -> StoreLocation {
        if file != StoreArguments.placeholder {
            if store != nil { throw ValidationError("give FILE or --store, not both") }
            // A URL where FILE goes is still a URL (and never printed as a missing file).
            return try StoreLocation(file)
        }
        guard let value = store ?? StoreArguments.environmentStore else {
            throw ValidationError("Missing expected argument '<file>' (or --store URL)")
        }
        return try StoreLocation(value)
    }
}

/// A file or a PostgreSQL database.
enum StoreLocation {
    case file(String)
    case postgres(PostgresURL)

    init(_ text: String) throws {
        if PostgresURL.names(text) {
            do { self = .postgres(try PostgresURL(text)) } catch { throw Output.failure(error.message) }
        } else {
            self = .file(text)
        }
    }

    /// How messages and hints name it (never with a password).
    var name: String {
        switch self {
        case .file(let path): path
        case .postgres(let url): url.redacted
        }
    }

    /// The arguments that name it again for another command: the path, or `--store` and
    /// the URL as given (its password included, which a redacted URL would lose).
    static func arguments(file: String?, store: String?) -> [String] {
        if let file, file != StoreArguments.placeholder { return [file] }
        if let value = store ?? StoreArguments.environmentStore { return ["--store", value] }
        return []
    }

    /// What a hint puts where FILE goes: the path, or `--store URL`.
    var argument: String {
        switch self {
        case .file(let path): path
        case .postgres(let url): "--store \(url.redacted)"
        }
    }

    /// Opens the store; a database store is connected and its schema checked.
    func open(durable: Bool = true) throws -> any RecordStore {
        switch self {
        case .file(let path):
            return FileRecordStore(path: path, durable: durable)
        case .postgres(let url):
            do {
                return try PostgresStore(url: url, password: try Self.password(for: url))
            } catch let error as InboxError {
                throw Output.failure(error.message)
            }
        }
    }

    /// The URL's, `$PGPASSWORD`, `~/.pgpass`, then the config's `[store]`.
    static func password(for url: PostgresURL) throws -> String? {
        if let password = PasswordLookup.password(for: url) { return password }
        do {
            return try Config.load(path: Config.standardPath()).storePassword
        } catch {
            // A config that cannot be read is its own business unless it was to hold this.
            // Any of its problems: they come in line order, and another section's may come first.
            if let about = error.all.first(where: { $0.reason.contains("password") }) {
                throw Output.failure(about.description)
            }
            return nil
        }
    }
}

/// Puts a placeholder where FILE goes when `--store` (or `$SHIFTDESK_STORE`) stands for
/// it, so that the commands' other arguments keep their places:
/// `shiftdesk thread --store URL t42` reads as `shiftdesk thread <store> --store URL t42`.
enum StoreArguments {
    /// Never a file anybody names: a control character leads it.
    static let placeholder = "\u{1}store"

    static var environmentStore: String? {
        ProcessInfo.processInfo.environment["SHIFTDESK_STORE"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The commands whose first argument is the inbox.
    static let commandsWithFile: Set<String> = [
        "check", "queue", "thread", "resolve", "reopen", "note", "reply", "priority", "snooze", "assign",
        "surges", "pin", "unpin", "pins", "stats", "report", "ingest", "deliver", "mail-in",
    ]

    /// `arguments` (without the program's name) with the placeholder in, when it makes
    /// them parse and they name a store; else as they came.
    static func rewrite(_ arguments: [String]) -> [String] {
        guard let command = arguments.first, commandsWithFile.contains(command) else { return arguments }
        let end = arguments.firstIndex(of: "--") ?? arguments.endIndex
        let named = arguments[..<end].contains { $0 == "--store" || $0.hasPrefix("--store=") }
        guard named || environmentStore != nil else { return arguments }
        var candidate = arguments
        candidate.insert(placeholder, at: 1)
        if named {
            // FILE and --store together: as given, so that the error says so.
            return parses(candidate) || !parses(arguments) ? candidate : arguments
        }
        // $SHIFTDESK_STORE only where FILE was left out: a FILE given wins.
        if parses(arguments) { return arguments }
        return parses(candidate) ? candidate : arguments
    }

    private static func parses(_ arguments: [String]) -> Bool {
        (try? Shiftdesk.parseAsRoot(arguments)) != nil
    }
}

/// The stores this process opened, by location: a command that reads the inbox and then
/// appends to it does both through one connection and one local copy.
final class OpenStores: @unchecked Sendable {
    static let shared = OpenStores()
    private let lock = NSLock()
    private var stores: [String: any RecordStore] = [:]

    func store(_ location: StoreLocation) throws -> any RecordStore {
        lock.lock()
        defer { lock.unlock() }
        let key = location.name
        if let store = stores[key] { return store }
        let store = try location.open()
        stores[key] = store
        return store
    }
}
