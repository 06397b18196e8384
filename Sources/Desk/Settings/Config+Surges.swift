import InboxFormat
import TOMLKit

/// The `[surges]` table: when like messages make a surge.
///
/// ```toml
/// [surges]
/// threshold = 8      # people (threads) ...
/// window = "15m"     # ... within this long
/// ```
extension Config {
    /// Reads `[surges]` into ``surges``.
    mutating func readSurges(_ table: TOMLTable, lines: ConfigLines, file: String) throws(LineProblemError) {
        func problem(_ key: String, _ reason: String) -> LineProblemError {
            LineProblemError(LineProblem(file: file, line: lines.line(of: key, in: "surges"), reason: reason))
        }
        for name in table.keys {
            switch name {
            case "threshold":
                guard let n = table[name]?.int, n >= 2 else {
                    throw problem(name, "surges.threshold must be a whole number of people, 2 or more")
                }
                surges.threshold = n
            case "window":
                guard let text = table[name]?.string, let minutes = Self.minutes(ofDuration: text), minutes >= 1 else {
                    throw problem(name, "surges.window must be a time like \"15m\" or \"1h\"")
                }
                surges.window = Int64(minutes) * 60_000
            default:
                throw problem(name, "unknown setting surges.\(name) (there are threshold and window)")
            }
        }
    }
}

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

extension Config {
    /// Reads `[flood_guard]`: `times = 5`, `window = "15m"`.
    mutating func readFloodGuard(_ table: TOMLTable, lines: ConfigLines, file: String) throws(LineProblemError) {
        func problem(_ key: String, _ reason: String) -> LineProblemError {
            LineProblemError(LineProblem(file: file, line: lines.line(of: key, in: "flood_guard"), reason: reason))
        }
        for name in table.keys {
            switch name {
            case "times":
                guard let n = table[name]?.int, n >= 1 else { throw problem(name, "flood_guard.times must be a whole number, 1 or more") }
                floodGuard.times = n
            case "window":
                guard let text = table[name]?.string, let minutes = Self.minutes(ofDuration: text), minutes >= 1 else {
                    throw problem(name, "flood_guard.window must be a time like \"15m\" or \"1h\"")
                }
                floodGuard.window = Int64(minutes) * 60_000
            default:
                throw problem(name, "unknown setting flood_guard.\(name) (there are times and window)")
            }
        }
    }
}
