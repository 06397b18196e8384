import ArgumentParser
import Foundation
import InboxFormat

/// `--now TIME` on the app and every command, else `$SHIFTDESK_NOW`: the clock starts at
/// TIME and runs on, and records written meanwhile take their `at` from it.
struct ClockOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Run as if it were TIME (RFC 3339 with a zone, e.g. 2026-11-20T09:30:00Z): the clock starts there and runs on, and records written take their time from it (default: $SHIFTDESK_NOW, else the real time).",
        valueName: "TIME"))
    var now: String?

    /// The time given, from the option or the environment; nil for the real time.
    func start() throws -> Timestamp? {
        if let now { return try Self.parse(now, what: "--now") }
        if let env = ProcessInfo.processInfo.environment["SHIFTDESK_NOW"], !env.isEmpty {
            return try Self.parse(env, what: "SHIFTDESK_NOW")
        }
        return nil
    }

    func validate() throws { _ = try start() }

    /// The process's clock, starting at the time given, else at `fallback`, else the real time.
    func clock(fallback: Timestamp? = nil) throws -> RunningClock {
        RunningClock(startingAt: try start() ?? fallback)
    }

    static func parse(_ text: String, what: String) throws -> Timestamp {
        guard let time = Timestamp.parse(text) else {
            throw ValidationError("\(what): \"\(TextSafety.singleLine(text))\" is not an RFC 3339 time with a zone (e.g. 2026-11-20T09:30:00Z)")
        }
        // Records written at this time must be readable: four-digit years, in UTC.
        if let problem = unrecordable(text) { throw ValidationError("\(what): \(problem)") }
        return time
    }

    /// Why `text`, an RFC 3339 time, cannot be the inbox's (its year in UTC is outside
    /// 0000 to 9999, see `Timestamp.writable`); nil when it can, or is no such time.
    static func unrecordable(_ text: String) -> String? {
        guard let time = Timestamp.parse(text), !time.isWritable else { return nil }
        return beyondTheInbox(text)
    }

    /// The reason for a time past the years the inbox's times have.
    static func beyondTheInbox(_ text: String) -> String {
        "\"\(TextSafety.singleLine(text))\" falls outside the years 0000 to 9999 in UTC, the only years an inbox's times have"
    }
}

/// `--as-of TIME`: fold only the records whose `at` is not after TIME, and answer as of
/// TIME (the clock starts there unless `--now` says otherwise).
struct AsOfOption: ParsableArguments {
    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "Show the inbox as it stood at TIME (RFC 3339): only records whose time is not after TIME count, and ages are measured at TIME unless --now is given.",
        valueName: "TIME"))
    var asOf: String?

    func time() throws -> Timestamp? { try asOf.map { try ClockOption.parse($0, what: "--as-of") } }

    func validate() throws { _ = try time() }
}
