import ArgumentParser
import Desk
import InboxFormat
import InboxStore

/// `shiftdesk surges FILE`: many people writing about one thing within minutes.
struct SurgesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "surges",
        abstract: "List the surges going on and those that ended in the last 24 hours.",
        discussion: """
            A surge is a group of customer messages that say the same thing, written by at \
            least [surges] threshold people (default 8) within [surges] window (default 15 \
            minutes) of config.toml. Windows are measured by the messages' times. Each row: \
            whether it is still going on, since when, how many people, the words that \
            characterise it, and its id (the id of its first message; dismiss it in the app \
            with D). --json prints one object per line: id, since, size, words, threads, \
            active.

            Examples:
              shiftdesk surges shift.jsonl
              shiftdesk surges shift.jsonl --now 2026-11-24T10:00:00Z --json
            """
    )

    @OptionGroup var inbox: InboxArgument

    @Flag(help: "Print one JSON object per surge, one per line.")
    var json = false

    func run() throws {
        let (config, problem) = TriageSetup.config()
        if let problem { Output.note("config not used: " + TextSafety.singleLine(problem.description)) }
        let given = try inbox.clockOption.start()
        let now = try inbox.clock().now()
        let projection = SurgeProjection(settings: config.surges, since: SurgeProjection.horizon(before: now, settings: config.surges),
                                         clock: { now })
        // As of --now: what came later did not happen yet.
        let loaded = try inbox.load(asOf: given, projections: [projection])
        let surges = projection.detector.surges(at: now)
        if json {
            for surge in surges { Output.line(Self.json(surge, in: loaded).text) }
            return
        }
        if surges.isEmpty {
            Output.line("No surges in the last 24 hours.")
            return
        }
        for surge in surges {
            let state = surge.active ? "active" : "ended "
            let words = surge.words.map { TextSafety.singleLine($0) }.joined(separator: " · ")
            Output.line("\(state)  since \(surge.since.short) (\(surge.since.age(at: now)))  \(surge.size) people  \(words)  "
                        + "id \(TextSafety.singleLine(surge.id))")
        }
    }

    static func json(_ surge: Surge, in inbox: Inbox) -> JSONObject {
        var o = JSONObject()
        o.set("id", surge.id)
        o.set("since", surge.since.rfc3339)
        o.set("size", surge.size)
        o.set("words", strings: surge.words)
        o.set("threads", strings: surge.threads.map { inbox.threadID($0) })
        o.set("active", surge.active)
        return o
    }
}
