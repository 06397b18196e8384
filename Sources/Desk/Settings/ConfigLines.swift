/// Where things are in a config file's text, for messages that say `FILE:LINE`: TOMLKit
/// gives the values but not their lines, and the same key (`low`, `twitter`) may sit in two
/// tables, so a key is looked for in its own table only.
///
/// A table is found by its header, `[name]` or `[[name]]`, spaces and quotes aside. A key is
/// found where a line begins with it (bare or quoted) and an `=` follows; written dotted
/// (`hours.opens = ...` before any header, or `opens = ...` under a parent's header for
/// `[a.b]`), it is found too. Comment lines never match.
struct ConfigLines {
    /// The file's lines, leading blanks removed.
    private let lines: [Substring]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.drop { $0 == " " || $0 == "\t" } }
    }

    /// The line of `key` in `table`, else of the table's header, else of `table = ...`
    /// written inline; 1 when none is found, for a message that must name a line.
    func line(of key: String, in table: String) -> Int {
        place(of: key, in: table) ?? line(ofTable: table)
    }

    /// The line of the `[table]` header, else of `table = ...` written inline; 1 when neither is there.
    func line(ofTable table: String) -> Int {
        headers(named: table).first ?? dottedPlace(of: table) ?? 1
    }

    /// The lines (from 1) of the headers `[name]` or `[[name]]`.
    func headers(named name: String) -> [Int] {
        lines.indices.filter { headerName(lines[$0]) == name }.map { $0 + 1 }
    }

    /// The line of `key` in table `table` (nil: the top of the file, before any header),
    /// or nil when it is not written there.
    func place(of key: String, in table: String?) -> Int? {
        guard let table else { return keyLine(key, from: 0) }
        if let found = place(of: key, underAny: table) { return found }
        // A key that is a table of its own: `[accounts.twitter]`.
        if let header = headers(named: table + "." + key).first { return header }
        return dottedPlace(of: table + "." + key)
    }

    /// The line of `key` between the header on line `header` and the next header.
    func place(of key: String, after header: Int) -> Int? {
        keyLine(key, from: header)
    }

    /// The line of `key` under the first header named `table` that has it (a table of
    /// arrays, `[[name]]`, has several).
    private func place(of key: String, underAny table: String) -> Int? {
        headers(named: table).lazy.compactMap { self.place(of: key, after: $0) }.first
    }

    /// A dotted key `a.b.c` written under a parent's header (`[a]` then `b.c = ...`) or
    /// before any header (`a.b.c = ...`).
    private func dottedPlace(of path: String) -> Int? {
        var parts = path.split(separator: ".").map(String.init)
        var rest: [String] = []
        while parts.count > 1 {
            rest.insert(parts.removeLast(), at: 0)
            let key = rest.joined(separator: ".")
            if let found = place(of: key, underAny: parts.joined(separator: ".")) { return found }
        }
        return keyLine(path, from: 0)
    }

    private func keyLine(_ key: String, from index: Int) -> Int? {
        var i = index
        while i < lines.count {
            let line = lines[i]
            if line.hasPrefix("[") { return nil }
            for written in [key, "\"\(key)\"", "'\(key)'"] where line.hasPrefix(written) {
                if line.dropFirst(written.count).drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("=") { return i + 1 }
            }
            i += 1
        }
        return nil
    }

    private func headerName(_ line: Substring) -> String? {
        guard line.hasPrefix("["), let close = line.firstIndex(of: "]") else { return nil }
        return String(line[..<close].filter { $0 != "[" && $0 != " " && $0 != "\t" && $0 != "\"" && $0 != "'" })
    }
}
