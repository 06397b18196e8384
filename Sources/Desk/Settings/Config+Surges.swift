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
