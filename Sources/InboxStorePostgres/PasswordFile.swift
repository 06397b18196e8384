import Foundation

/// The password for a store, where libpq would look for it: the URL, `$PGPASSWORD`, then
/// the password file (`$PGPASSFILE`, else `~/.pgpass`), which is read only when nobody but
/// its owner may read it, as libpq does. Nothing here is ever printed.
public enum PasswordLookup {
    /// The password for `url`, or nil when none is to be had (the server may not ask).
    public static func password(for url: PostgresURL, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let password = url.password { return password }
        if let password = environment["PGPASSWORD"], !password.isEmpty { return password }
        let file = environment["PGPASSFILE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"].map { $0 + "/.pgpass" } ?? "")
        guard !file.isEmpty else { return nil }
        return fromFile(file, for: url)
    }

    /// The first matching line of a `hostname:port:database:username:password` file.
    static func fromFile(_ path: String, for url: PostgresURL) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_mode & 0o077 == 0,
              let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        // libpq matches a socket connection against "localhost" or the socket's folder.
        let hosts = url.socketFolder.map { ["localhost", $0] } ?? [url.host]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(line)
            guard fields.count == 5 else { continue }
            func matches(_ field: String, _ values: [String]) -> Bool { field == "*" || values.contains(field) }
            if matches(fields[0], hosts), matches(fields[1], [String(url.port)]),
               matches(fields[2], [url.database]), matches(fields[3], [url.user]) {
                return fields[4]
            }
        }
        return nil
    }

    /// Splits at `:`, where `\:` and `\\` stand for themselves.
    private static func split(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
