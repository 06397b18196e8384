import Foundation
import Testing
import InboxFormat
import InboxStorePostgres

/// Store URLs as libpq writes them, and passwords from where libpq looks.
@Suite struct PostgresURLTests {
    @Test func socketAndTCPForms() throws {
        let socket = try PostgresURL("postgres://olga@localhost/shift?host=/run/postgresql")
        #expect(socket.socketPath == "/run/postgresql/.s.PGSQL.5432" && socket.user == "olga" && socket.database == "shift")
        let tcp = try PostgresURL("postgresql://ivan:p%40ss@db.example:6543/team")
        #expect(tcp.socketPath == nil && tcp.host == "db.example" && tcp.port == 6543 && tcp.password == "p@ss")
        #expect(tcp.redacted == "postgres://ivan@db.example:6543/team")
        let defaults = try PostgresURL("postgres://localhost", defaultUser: "agent")
        #expect(defaults.user == "agent" && defaults.database == "agent" && defaults.port == 5432)
        #expect(throws: InboxError.self) { try PostgresURL("postgres://u@h/db?sslmode=require") }
        #expect(throws: InboxError.self) { try PostgresURL("postgres://u@h:0/db") }
    }

    @Test func aURLThatDoesNotParseIsShownWithoutItsPassword() {
        for text in ["postgres://u:se/cret@h:99999/db", "postgres://u:se?cret@h/db?port=x", "postgres://u@h/db?password=secret&port=x"] {
            let error = #expect(throws: InboxError.self) { try PostgresURL(text) }
            #expect(error.map { !$0.message.contains("cret") } == true, "\(error?.message ?? "")")
        }
    }

    @Test func passwordsComeFromTheURLTheEnvironmentOrAPrivatePasswordFile() throws {
        let folder = NSTemporaryDirectory() + "shiftdesk-pgpass-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/pgpass"
        try "# a comment\nother:5432:*:olga:wrong\nlocalhost:5432:shift:olga:from\\:file\n".write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        let url = try PostgresURL("postgres://olga@localhost/shift?host=/run/postgresql")
        #expect(PasswordLookup.password(for: try PostgresURL("postgres://olga:inurl@localhost/shift"), environment: ["PGPASSFILE": file]) == "inurl")
        #expect(PasswordLookup.password(for: url, environment: ["PGPASSWORD": "env", "PGPASSFILE": file]) == "env")
        #expect(PasswordLookup.password(for: url, environment: ["PGPASSFILE": file]) == "from:file")
        // Others may read it: not read at all, as libpq does.
        chmod(file, 0o644)
        #expect(PasswordLookup.password(for: url, environment: ["PGPASSFILE": file]) == nil)
    }
}
