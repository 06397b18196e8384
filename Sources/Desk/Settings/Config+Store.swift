import Foundation
import InboxFormat
import TOMLKit

/// `[store]`: the password of a database store, for those who keep it with their settings.
///
/// ```toml
/// [store]
/// password = "…"    # only in a config file nobody else may read (chmod 600)
/// ```
///
/// The URL, `$PGPASSWORD` and `~/.pgpass` come first; a config file that others may read
/// is refused as soon as it holds a password, as libpq refuses such a `.pgpass`.
extension Config {
    mutating func readStore(_ table: TOMLTable, lines: ConfigLines, file: String) throws(LineProblemError) {
        var problems = SectionProblems()
        for key in table.keys where key != "password" {
            problems.check { () throws(LineProblemError) in
                throw LineProblemError(LineProblem(file: file, line: lines.line(of: key, in: "store"), reason:
                    "[store] takes password only (the store itself is named by --store or $SHIFTDESK_STORE)"))
            }
        }
        if let value = table["password"] {
            problems.check { () throws(LineProblemError) in
                guard let password = value.string else {
                    throw LineProblemError(LineProblem(file: file, line: lines.line(of: "password", in: "store"), reason: "store.password must be a string"))
                }
                storePassword = password
            }
        }
        try problems.throwIfAny()
    }

    /// Refuses a store password in a file that others may read.
    static func checkPrivate(_ config: Config, path: String) throws(LineProblemError) {
        guard config.storePassword != nil else { return }
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & 0o077 != 0 {
            throw LineProblemError(LineProblem(file: path, line: 1, reason:
                "holds a store password but others may read it: make it yours alone (chmod 600 \(path))"))
        }
    }
}
