/// Where a key sits in the config file, for messages that say `FILE:LINE`: TOMLKit gives
/// the values but not their lines, and the same key (`low`, `mon`) may sit in two tables.
struct ConfigLines {
    let lines: [Substring]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The line of the `[table]` header; 1 when there is none.
    func line(ofTable table: String) -> Int {
        header(table).map { $0 + 1 } ?? 1
    }

    /// The line of `key = ...` in `[table]`; the table's line when the key is not there.
    func line(of key: String, in table: String) -> Int {
        guard let start = header(table) else { return 1 }
        for i in (start + 1)..<lines.count {
            let trimmed = lines[i].drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("[") { break }
            if trimmed.hasPrefix(key), trimmed.dropFirst(key.count).drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("=") {
                return i + 1
            }
        }
        return start + 1
    }

    private func header(_ table: String) -> Int? {
        lines.firstIndex { line in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            return trimmed.hasPrefix("[" + table + "]")
        }
    }
}
