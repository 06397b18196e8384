import Foundation
import InboxFormat

/// Where a PostgreSQL inbox is, as a libpq-style URL: `postgres://user@host:port/db`, or
/// a Unix socket the way libpq writes it, `postgres://user@localhost/db?host=/run/postgresql`.
///
/// A password may come in the URL, but is never shown: ``redacted`` is what messages use.
public struct PostgresURL: Sendable, Equatable {
    public var user: String
    public var password: String?
    /// The host name for TCP; ignored when ``socketFolder`` is set.
    public var host: String
    public var port: Int
    public var database: String
    /// The folder of the server's Unix socket (`?host=/path`, or a host that is a path).
    public var socketFolder: String?

    /// True for text that names a PostgreSQL store rather than a file.
    public static func names(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Reads `text`; an error says what is wrong with it, without the password.
    public init(_ text: String, defaultUser: String = PostgresURL.loginName) throws(InboxError) {
        guard let schemeEnd = text.range(of: "://"), Self.names(text) else {
            throw InboxError("not a PostgreSQL URL (postgres://user@host/db): \(Self.redact(text))")
        }
        var rest = Substring(text[schemeEnd.upperBound...])
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        var user: String?
        var password: String?
        if let at = rest.lastIndex(of: "@") {
            let info = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = info.firstIndex(of: ":") {
                user = try Self.decode(info[..<colon], text)
                password = try Self.decode(info[info.index(after: colon)...], text)
            } else {
                user = try Self.decode(info, text)
            }
        }
        var host = "localhost"
        var port = 5432
        var hostPart = rest
        // [::1]:5432: a port after the bracket only.
        if let colon = hostPart.lastIndex(of: ":"), !hostPart[colon...].contains("]") {
            guard let number = Int(hostPart[hostPart.index(after: colon)...]), (1...65535).contains(number) else {
                throw InboxError("the port in the store URL is not a number from 1 to 65535: \(Self.redact(text))")
            }
            port = number
            hostPart = hostPart[..<colon]
        }
        if !hostPart.isEmpty { host = try Self.decode(hostPart, text) }
        var socketFolder: String? = host.hasPrefix("/") ? host : nil
        var database = try Self.decode(path, text)
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0])
            let value = try Self.decode(parts.count > 1 ? parts[1] : "", text)
            switch key {
            case "host": if value.hasPrefix("/") { socketFolder = value } else { host = value; socketFolder = nil }
            case "port":
                guard let number = Int(value), (1...65535).contains(number) else {
                    throw InboxError("the port in the store URL is not a number from 1 to 65535: \(Self.redact(text))")
                }
                port = number
            case "user": user = value
            case "password": password = value
            case "dbname": database = value
            case "sslmode":
                // No TLS here: a socket or a trusted network. Asking for it is not ignored.
                guard ["disable", "allow", "prefer"].contains(value) else {
                    throw InboxError("sslmode=\(value) is not supported: shiftdesk connects without TLS (a Unix socket or a trusted network)")
                }
            case "connect_timeout", "application_name": break
            default:
                throw InboxError("unknown parameter \"\(key)\" in the store URL: \(Self.redact(text))")
            }
        }
        self.user = user.flatMap { $0.isEmpty ? nil : $0 } ?? defaultUser
        self.password = password
        self.host = host
        self.port = port
        self.socketFolder = socketFolder
        self.database = database.isEmpty ? self.user : database
    }

    /// The Unix socket's path, when the store is reached through one.
    public var socketPath: String? {
        socketFolder.map { $0 + "/.s.PGSQL.\(port)" }
    }

    /// The URL as messages show it: never the password.
    public var redacted: String {
        let place = socketFolder.map { "localhost:\(port)/\(database)?host=\($0)" } ?? "\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
        return "postgres://\(user)@\(place)"
    }

    /// `text` with what may be a password masked: for a URL that did not parse. Between
    /// `://` and the last `@` before the query, everything after the first `:` goes (a
    /// password may hold an unencoded `/` or `?`), and so does a `password=` parameter.
    public static func redact(_ text: String) -> String {
        var masked = text
        if let schemeEnd = text.range(of: "://") {
            let rest = text[schemeEnd.upperBound...]
            if let at = rest.lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
                masked = String(text[..<colon]) + ":***" + String(text[at...])
            }
        }
        return masked.replacingOccurrences(of: #"password=[^&]*"#, with: "password=***", options: .regularExpression)
    }

    private static func decode(_ part: Substring, _ whole: String) throws(InboxError) -> String {
        guard let value = String(part).removingPercentEncoding else {
            throw InboxError("the store URL has a bad %-escape: \(redact(whole))")
        }
        return value
    }

    /// The login name: libpq's default user.
    public static var loginName: String {
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "postgres"
    }
}
