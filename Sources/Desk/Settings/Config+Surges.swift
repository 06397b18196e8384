import InboxFormat
import TOMLKit

/// The flood guard: one template sent publicly more than ``times`` times within ``window``
/// with nothing changed but the names reads as a bot; the next send warns.
public struct FloodGuard: Sendable, Equatable {
    public var times = 5
    /// In milliseconds (15 minutes).
    public var window: Int64 = 15 * 60_000
    public init(times: Int = 5, window: Int64 = 15 * 60_000) {
        self.times = times
        self.window = window
    }
}

/// The two tables that say "this many within this long":
///
/// ```toml
/// [surges]
/// threshold = 8      # people (threads) ...
/// window = "15m"     # ... within this long make a surge
///
/// [flood_guard]
/// times = 5          # one template sent publicly unchanged this often ...
/// window = "15m"     # ... within this long warns on the next
/// ```
extension Config {
    /// Reads `[surges]` into ``surges``.
    mutating func readSurges(_ table: TOMLTable, lines: ConfigLines, file: String) throws(LineProblemError) {
        let (count, window) = try Self.countWithin(table, section: "surges", countKey: "threshold", minimum: 2, unit: "of people",
                                                   lines: lines, file: file)
        if let count { surges.threshold = count }
        if let window { surges.window = window }
    }

    /// Reads `[flood_guard]` into ``floodGuard``.
    mutating func readFloodGuard(_ table: TOMLTable, lines: ConfigLines, file: String) throws(LineProblemError) {
        let (count, window) = try Self.countWithin(table, section: "flood_guard", countKey: "times", minimum: 1, unit: "",
                                                   lines: lines, file: file)
        if let count { floodGuard.times = count }
        if let window { floodGuard.window = window }
    }

    /// A table of a count (`countKey`, at least `minimum`) and a `window` (a time such as
    /// "15m", in milliseconds); nil for what it does not set. Any other key is a mistake.
    private static func countWithin(_ table: TOMLTable, section: String, countKey: String, minimum: Int, unit: String,
                                    lines: ConfigLines, file: String) throws(LineProblemError) -> (Int?, Int64?) {
        func problem(_ key: String, _ reason: String) -> LineProblemError {
            LineProblemError(LineProblem(file: file, line: lines.line(of: key, in: section), reason: reason))
        }
        var count: Int?
        var window: Int64?
        var problems = SectionProblems()
        for name in table.keys {
            problems.check { () throws(LineProblemError) in
                switch name {
                case countKey:
                    guard let n = table[name]?.int, n >= minimum else {
                        throw problem(name, "\(section).\(countKey) must be a whole number\(unit.isEmpty ? "" : " " + unit), \(minimum) or more")
                    }
                    count = n
                case "window":
                    guard let text = table[name]?.string, let minutes = minutes(ofDuration: text), minutes >= 1 else {
                        throw problem(name, "\(section).window must be a time like \"15m\" or \"1h\"")
                    }
                    window = Int64(minutes) * 60_000
                default:
                    throw problem(name, "unknown setting \(section).\(name) (there are \(countKey) and window)")
                }
            }
        }
        try problems.throwIfAny()
        return (count, window)
    }
}
