import ArgumentParser
import Foundation
import Desk
import InboxFormat
import InboxStore

/// Writing to stdout and stderr, the one way the commands report.
enum Output {
    /// A line on stdout.
    static func line(_ text: String) {
        write(text + "\n", to: STDOUT_FILENO)
    }

    /// A remark on stderr that does not stop the command.
    static func note(_ text: String) {
        write("shiftdesk: \(text)\n", to: STDERR_FILENO)
    }

    /// Writes all of `text`. A reader that went away (`shiftdesk queue … | head`) ends the
    /// command as SIGPIPE ends any filter, quietly: SwiftNIO, linked for the PostgreSQL
    /// store, ignores SIGPIPE, which would otherwise turn that into a crash report.
    private static func write(_ text: String, to fd: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE {
                    signal(SIGPIPE, SIG_DFL)
                    raise(SIGPIPE)
                }
                return
            }
            bytes = bytes.dropFirst(n)
        }
    }

    /// Prints `message` on stderr and gives the error that ends the command with exit code 1.
    static func failure(_ message: String) -> ExitCode {
        note(message)
        return ExitCode(1)
    }
}

/// Terminal set-up shared by every command.
enum Terminal {
    /// Whether the user's locale says UTF-8 (the first of LC_ALL, LC_CTYPE and LANG that is
    /// set; none set counts as UTF-8, as the app's box drawing already assumes). Read from the
    /// environment, since `prepareLocale` may switch the process to UTF-8 for its own widths.
    static var isUTF8: Bool {
        let env = ProcessInfo.processInfo.environment
        guard let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap({ env[$0] }).first(where: { !$0.isEmpty }) else { return true }
        let lower = locale.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8")
    }

    /// Widths of Cyrillic, CJK and emoji need a UTF-8 character type.
    static func prepareLocale() {
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(Int32(CODESET)))
        if codeset.uppercased().replacingOccurrences(of: "-", with: "") != "UTF8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }
}

/// A JSON object built field by field, in order: what `--json` prints.
struct JSONObject {
    private var parts: [String] = []

    mutating func set(_ key: String, _ value: String?) {
        parts.append("\(JSONEscapes.quoted(key)):\(value.map(JSONEscapes.quoted) ?? "null")")
    }
    mutating func set(_ key: String, _ value: Int) { parts.append("\(JSONEscapes.quoted(key)):\(value)") }
    mutating func set(_ key: String, _ value: Bool) { parts.append("\(JSONEscapes.quoted(key)):\(value)") }
    /// `null` when nil.
    mutating func set(_ key: String, _ value: Bool?) { parts.append("\(JSONEscapes.quoted(key)):\(value.map(String.init) ?? "null")") }
    mutating func set(_ key: String, object: JSONObject?) {
        parts.append("\(JSONEscapes.quoted(key)):\(object?.text ?? "null")")
    }
    mutating func set(_ key: String, array: [JSONObject]) {
        parts.append("\(JSONEscapes.quoted(key)):[\(array.map(\.text).joined(separator: ","))]")
    }
    mutating func set(_ key: String, strings: [String]) {
        parts.append("\(JSONEscapes.quoted(key)):[\(strings.map(JSONEscapes.quoted).joined(separator: ","))]")
    }

    var text: String { "{" + parts.joined(separator: ",") + "}" }

    static func person(_ p: Person?) -> JSONObject? {
        guard let p else { return nil }
        var o = JSONObject()
        o.set("id", p.id)
        o.set("handle", p.handle)
        o.set("name", p.name)
        return o
    }
}
