import Foundation
import InboxFormat
import Logging
import PostgresNIO

/// How to reach the server, and what its errors mean in words a person can act on.
struct PostgresEndpoint: Sendable {
    let url: PostgresURL
    let password: String?

    var configuration: PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let socket = url.socketPath {
            configuration = .init(unixSocketPath: socket, username: url.user, password: password, database: url.database)
        } else {
            configuration = .init(host: url.host, port: url.port, username: url.user, password: password, database: url.database, tls: .disable)
        }
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    /// Silent: an ncurses screen has no room for a library's log lines.
    static let logger = Logger(label: "shiftdesk.postgres") { _ in SwiftLogNoOpLogHandler() }

    func connect() async throws -> PostgresConnection {
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: Self.logger)
        do {
            // A client that vanishes inside a transaction (a laptop shut mid-append) must
            // not hold the writers' lock until TCP notices, hours later.
            try await connection.query("SET idle_in_transaction_session_timeout = '30s'", logger: Self.logger)
        } catch {
            try? await connection.close()
            throw error
        }
        return connection
    }

    /// `error` as a sentence, with the store named and the password never.
    func describe(_ error: any Error) -> String {
        "\(url.redacted): \(Self.reason(error))"
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? PostgresTransactionError {
            if let inner = error.closureError ?? error.commitError ?? error.beginError { return reason(inner) }
        }
        if error is Blocking.TimedOut { return "the server did not answer in time" }
        guard let error = error as? PSQLError else { return "\(error)" }
        if let info = error.serverInfo, let message = info[.message] {
            return message
        }
        switch error.code {
        case .connectionError:
            if let underlying = error.underlying {
                let text = "\(underlying)"
                if text.contains("connection refused") || text.contains("Connection refused") { return "cannot connect: the server refused (is it running?)" }
                if text.contains("No such file") { return "cannot connect: no server socket there (is it running?)" }
                return "cannot connect: \(text)"
            }
            return "cannot connect"
        case .serverClosedConnection, .uncleanShutdown: return "the server closed the connection"
        case .clientClosedConnection: return "the connection was closed"
        case .authMechanismRequiresPassword: return "the server asks for a password (give it in PGPASSWORD, ~/.pgpass or the config's [store] section)"
        case .unsupportedAuthMechanism: return "the server asks for a way of logging in that shiftdesk does not support (use scram-sha-256 or trust)"
        case .saslError: return "logging in failed (wrong password?)"
        default: return "\(error.code)"
        }
    }

    /// True when `error` means the connection is gone, not that the server refused a statement.
    static func isConnectionLoss(_ error: any Error) -> Bool {
        if let error = error as? PostgresTransactionError {
            if let inner = error.closureError ?? error.commitError ?? error.beginError { return isConnectionLoss(inner) }
        }
        if error is Blocking.TimedOut || error is CancellationError { return true }
        guard let error = error as? PSQLError else { return true }
        switch error.code {
        case .server:
            // 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now, 08xxx connection errors.
            let state = error.serverInfo?[.sqlState] ?? ""
            return state.hasPrefix("57P") || state.hasPrefix("08")
        case .connectionError, .serverClosedConnection, .uncleanShutdown, .clientClosedConnection: return true
        default: return false
        }
    }
}
