import InboxFormat
import Foundation
import TOMLKit

/// The user's settings, from `$XDG_CONFIG_HOME/shiftdesk/config.toml`:
///
/// ```toml
/// language = "en"     # replies' language when a customer's letters do not tell it
///
/// [hours]             # when the team works; outside them after-hours templates come first
/// timezone = "Europe/Berlin"                  # and the response clocks stop (Config+Hours)
/// opens = "09:00"
/// closes = "18:00"
/// days = ["mon", "tue", "wed", "thu", "fri"]
///
/// [sla]               # response targets (Config+SLA)
/// public_urgent = "15m"
/// private = "4h"
///
/// [limits]            # the longest public reply per channel, in characters
/// twitter = 280
/// vk = 4096
///
/// [accounts]          # per channel: the account a thread nobody answered yet is answered from
/// twitter = "@ShopHelp"                                  # a handle (also its id)
/// email = { id = "support@shop.example", name = "Shop support" }
///
/// [checks]            # the personal-touch checks; false turns one off
/// untouched = true
/// placeholder = true
/// wrong_name = true
/// repeated = true
/// personal_data = true
/// too_long = true
/// ```
public struct Config: Sendable, Equatable {
    /// Public reply limits by channel.
    public var publicLimits: [String: Int] = ["twitter": 280]
    /// Checks turned off.
    public var disabledChecks: Set<ReplyWarning.Kind> = []
    /// Per channel (lower case), the company account a reply in a thread that no company
    /// account has answered yet is sent from.
    public var accounts: [String: Person] = [:]
    /// The language to answer in when a customer's messages do not tell it (only English
    /// and Russian are told apart): a template language code.
    public var language = "en"
    /// The team's working hours; nil (the default) when not set: no moment is after hours,
    /// and every hour counts on the response clocks (``calendar``).
    public var hours: BusinessCalendar?
    /// Response targets, from `[sla]`, and `[hours]`' `urgent_around_the_clock`.
    public var sla = SLATargets()
    /// The triage rules: the built-in ones unless `[triage] default_rules = false`, then
    /// the `[[triage.rule]]` tables (see `Config+Triage.swift`).
    public var triage = TriageRules()
    /// When like messages make a surge (`[surges]`).
    public var surges = SurgeSettings()
    /// How often one template may go out publicly unchanged before a warning (`[flood_guard]`).
    public var floodGuard = FloodGuard()
    /// The `[[triage.rule]]` tables left out for a mistake, as `FILE:LINE: reason`: the
    /// rest of the config is used all the same.
    public var ruleProblems: [LineProblem] = []
    /// The database store's password, from `[store]` (see `Config+Store.swift`).
    public var storePassword: String?

    public init() {}

    /// The config file's path.
    public static func standardPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        DeskPaths(environment: environment).configFile
    }

    /// Reads `path`; a missing file gives the defaults, a wrong one says where and why.
    public static func load(path: String) throws(LineProblemError) -> Config {
        guard let data = FileManager.default.contents(atPath: path) else { return Config() }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LineProblemError(LineProblem(file: path, line: 1, reason: "not UTF-8 text"))
        }
        let config = try parse(text, file: path)
        try checkPrivate(config, path: path)
        return config
    }

    /// `text` read as a config: the first of its problems outside the triage rules, in line
    /// order, thrown with the others (``LineProblemError/others``), so that one run of
    /// `check-config` lists every mistake rather than one at a time.
    static func parse(_ text: String, file: String) throws(LineProblemError) -> Config {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw LineProblemError(LineProblem(file: file, line: error.source.begin.line, reason: error.description))
        } catch {
            throw LineProblemError(LineProblem(file: file, line: 1, reason: "\(error)"))
        }
        var problems: [LineProblem] = []
        let config = read(table, text: text, file: file, problems: &problems)
        problems.sort { $0.line < $1.line }
        // The same mistake seen twice (a key two readers look at) is told once.
        var seen = Set<String>()
        problems = problems.filter { seen.insert("\($0.line) \($0.reason)").inserted }
        if let first = problems.first { throw LineProblemError(first, others: Array(problems.dropFirst())) }
        return config
    }

    /// Each section of `table`, read on its own: its mistakes go to `problems` and the next
    /// section is read all the same.
    private static func read(_ table: TOMLTable, text: String, file: String, problems: inout [LineProblem]) -> Config {
        var sections = SectionProblems()
        defer { problems += sections.found }
        // toml++ places syntax errors; for a wrong value, point at the line of its key.
        let lines = ConfigLines(text)
        var config = Config()
        sections.check { () throws(LineProblemError) in
            // In TOML a key under a [table] belongs to it: the easy mistake with a top-level key.
            for name in ["limits", "checks", "hours"] where table[name]?.table?["language"] != nil {
                throw LineProblemError(LineProblem(file: file, line: lines.line(of: "language", in: name), reason:
                    "language goes at the top of the file, before [\(name)] and any other table"))
            }
            if let value = table["language"] {
                // A code as template headers write it: "en", "ru", "pt-br".
                guard let code = value.string?.lowercased(), code.count >= 2,
                      code.allSatisfy({ ("a"..."z").contains($0) || $0 == "-" }), code.first != "-", code.last != "-" else {
                    throw LineProblemError(LineProblem(file: file, line: lines.place(of: "language", in: nil) ?? 1, reason:
                        "language must be a language code as in the templates' headers, like \"en\" or \"ru\""))
                }
                config.language = code
            }
        }
        if let hours = table["hours"]?.table { sections.check { () throws(LineProblemError) in try config.readHours(hours, lines: lines, file: file) } }
        if let sla = table["sla"]?.table { sections.check { () throws(LineProblemError) in try config.readSLA(sla, lines: lines, file: file) } }
        if let surges = table["surges"]?.table { sections.check { () throws(LineProblemError) in try config.readSurges(surges, lines: lines, file: file) } }
        if let flood = table["flood_guard"]?.table {
            sections.check { () throws(LineProblemError) in try config.readFloodGuard(flood, lines: lines, file: file) }
        }
        if let store = table["store"]?.table { sections.check { () throws(LineProblemError) in try config.readStore(store, lines: lines, file: file) } }
        sections.check { () throws(LineProblemError) in try readLimits(table, into: &config, file: file, lines: lines) }
        sections.check { () throws(LineProblemError) in try readAccounts(table, into: &config, file: file, lines: lines) }
        sections.check { () throws(LineProblemError) in try readChecks(table, into: &config, file: file, lines: lines) }
        config.readTriage(table, lines: lines, file: file)
        return config
    }

    /// `[limits]`: characters a public reply may have, per channel.
    private static func readLimits(_ table: TOMLTable, into config: inout Config, file: String,
                                   lines: ConfigLines) throws(LineProblemError) {
        guard let limits = table["limits"]?.table else { return }
        var problems = SectionProblems()
        // "language" here is the top-level check's to report (see read(_:text:file:problems:)).
        for key in limits.keys where key != "language" {
            problems.check { () throws(LineProblemError) in
                guard let value = limits[key]?.int, value > 0 else {
                    throw LineProblemError(LineProblem(file: file, line: lines.line(of: key, in: "limits"), reason: "limits.\(key) must be a positive number of characters"))
                }
                config.publicLimits[key.lowercased()] = value
            }
        }
        try problems.throwIfAny()
    }

    /// `[accounts]`: the company's account per channel, that replies go out from.
    private static func readAccounts(_ table: TOMLTable, into config: inout Config, file: String,
                                     lines: ConfigLines) throws(LineProblemError) {
        guard let accounts = table["accounts"]?.table else { return }
        var problems = SectionProblems()
        for key in accounts.keys {
            problems.check { () throws(LineProblemError) in
                if let handle = accounts[key]?.string, !handle.isEmpty {
                    config.accounts[key.lowercased()] = Person(id: handle, handle: handle.hasPrefix("@") ? handle : nil)
                } else if let account = accounts[key]?.table, let id = account["id"]?.string, !id.isEmpty {
                    config.accounts[key.lowercased()] = Person(id: id, handle: account["handle"]?.string, name: account["name"]?.string)
                } else {
                    throw LineProblemError(LineProblem(file: file, line: lines.line(of: key, in: "accounts"), reason:
                        "accounts.\(key) must be a handle (\"@ShopHelp\") or a table with an id ({ id = \"...\", handle = \"...\", name = \"...\" })"))
                }
            }
        }
        try problems.throwIfAny()
    }

    /// `[checks]`: the warnings before a reply goes, each on or off.
    private static func readChecks(_ table: TOMLTable, into config: inout Config, file: String,
                                   lines: ConfigLines) throws(LineProblemError) {
        guard let checks = table["checks"]?.table else { return }
        let names: [String: ReplyWarning.Kind] = [
            "untouched": .untouched, "placeholder": .placeholder, "wrong_name": .wrongName,
            "repeated": .repeated, "personal_data": .personalData, "too_long": .tooLong, "flood": .flood,
        ]
        var problems = SectionProblems()
        for key in checks.keys where key != "language" {
            problems.check { () throws(LineProblemError) in
                guard let kind = names[key] else {
                    throw LineProblemError(LineProblem(file: file, line: lines.line(of: key, in: "checks"), reason:
                        "unknown check \"\(key)\" (known: \(names.keys.sorted().joined(separator: ", ")))"))
                }
                guard let on = checks[key]?.bool else {
                    throw LineProblemError(LineProblem(file: file, line: lines.line(of: key, in: "checks"), reason: "checks.\(key) must be true or false"))
                }
                if !on { config.disabledChecks.insert(kind) }
            }
        }
        try problems.throwIfAny()
    }
}
