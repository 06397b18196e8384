import Foundation

/// A PostgreSQL server for the tests that need one, and a new database for each of them.
///
/// `.ci/run` starts a throwaway cluster (`.ci/postgres start`) and names it in
/// `$SHIFTDESK_TEST_POSTGRES`; a plain `swift test` starts one the same way on first use
/// and stops it when the test process ends. Either way the server listens on a Unix
/// socket in a temporary folder only.
public enum TestPostgres {
    /// A URL of an empty database of its own, made now.
    public static func freshDatabase(_ label: String = "t") throws -> String {
        let server = try Server.shared()
        let name = "\(label.lowercased().filter { $0.isLetter || $0.isNumber })_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
        try server.psql("CREATE DATABASE \(name)")
        return server.url(database: name)
    }

    /// Runs `sql` against the server's own `shiftdesk` database, or another.
    public static func psql(_ sql: String, database: String? = nil) throws {
        try Server.shared().psql(sql, database: database)
    }

    /// The cluster's folder, for a test that stops and starts the server.
    public static func clusterFolder() throws -> String? { try Server.shared().folder }

    /// The repository's `.ci/postgres`, which starts, kills and restarts a cluster.
    public static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".ci/postgres").path
    }

    final class Server: @unchecked Sendable {
        let user: String
        let socketFolder: String
        /// Set when this process started the cluster (and so stops it).
        let folder: String?

        private static let lock = NSLock()
        nonisolated(unsafe) private static var started: Server?

        init(url: String, folder: String?) throws {
            guard let components = URLComponents(string: url), let host = components.queryItems?.first(where: { $0.name == "host" })?.value else {
                throw TestPostgresError("not a socket URL: \(url)")
            }
            user = components.user ?? "postgres"
            socketFolder = host
            self.folder = folder
        }

        static func shared() throws -> Server {
            lock.lock()
            defer { lock.unlock() }
            if let started { return started }
            let server: Server
            if let url = ProcessInfo.processInfo.environment["SHIFTDESK_TEST_POSTGRES"], !url.isEmpty {
                server = try Server(url: url, folder: nil)
            } else {
                // Under /tmp itself: the server's user must reach the folder.
                let folder = "/tmp/shiftdesk-test-pg-\(getpid())"
                let url = try run(script, ["start", folder]).trimmingCharacters(in: .whitespacesAndNewlines)
                server = try Server(url: url, folder: folder)
                atexit { TestPostgres.Server.stopStarted() }
            }
            started = server
            return server
        }

        static func stopStarted() {
            guard let folder = started?.folder else { return }
            _ = try? run(TestPostgres.script, ["stop", folder])
        }

        func url(database: String) -> String {
            "postgres://\(user)@localhost/\(database)?host=\(socketFolder)"
        }

        func psql(_ sql: String, database: String? = nil) throws {
            _ = try Self.run("/usr/bin/env", ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", url(database: database ?? "shiftdesk"), "-c", sql])
        }

        @discardableResult
        static func run(_ tool: String, _ arguments: [String]) throws -> String {
            try TestPostgres.tool(tool, arguments)
        }
    }

    /// Runs `tool` and returns what it printed, failing on a non-zero exit. Spawned by hand,
    /// not through Foundation's Process, whose wait also waits for every grandchild that
    /// holds one of its descriptors: a server that `start` leaves running holds one.
    @discardableResult
    public static func tool(_ tool: String, _ arguments: [String]) throws -> String {
        let output = NSTemporaryDirectory() + "shiftdesk-tool-\(getpid())-\(UUID().uuidString)"
        defer { unlink(output) }
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, output + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        defer { unlink(output + ".err") }
        let argv = ([tool] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, tool, &actions, nil, argv, environ)
        guard spawned == 0 else { throw TestPostgresError("cannot run \(tool): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let printed = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        guard status == 0 else {
            let errors = (try? String(contentsOfFile: output + ".err", encoding: .utf8)) ?? ""
            throw TestPostgresError("\(tool) \(arguments.joined(separator: " ")) failed (\(status)): \(errors)")
        }
        return printed
    }
}

public struct TestPostgresError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
