import Foundation
import Testing
import InboxFormat
import InboxStore
import InboxStorePostgres
import TestSupport

/// `store copy`: a file into PostgreSQL and back gives the same lines in the same order.
@Suite struct StoreCopyTests {
    @Test func aRoundTripGivesTheSameLinesInTheSameOrder() throws {
        let folder = NSTemporaryDirectory() + "shiftdesk-copy-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let lines = (1...300).map { Line.message("m\($0)", thread: "t\($0 % 13)", text: "Привет \($0) 🙂 \\u0041") }
        // A byte-order mark, a line ended the Windows way and a malformed one: the file's, not records.
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        for (i, line) in lines.enumerated() {
            bytes += Array(line.utf8) + (i == 10 ? [0x0D, 0x0A] : [0x0A])
            if i == 20 { bytes += Array("not json\n".utf8) }
        }
        let source = folder + "/source.jsonl"
        try Data(bytes).write(to: URL(fileURLWithPath: source))
        let url = try TestPostgres.freshDatabase("copy")
        _ = try PostgresStore.initialize(url: try PostgresURL(url), password: nil)
        let database = try PostgresStore(url: try PostgresURL(url), password: nil)
        var rejected: [LineProblem] = []
        let into = try StoreCopy.copy(from: FileRecordStore(path: source), to: database, batch: 64) { rejected.append($0) }
        #expect(into.copied == 300 && into.malformed == 1)
        #expect(rejected.map(\.line) == [22])
        // Again: nothing twice.
        let again = try StoreCopy.copy(from: FileRecordStore(path: source), to: database) { _ in }
        #expect(again.copied == 0 && again.alreadyPresent == 300)
        let back = folder + "/back.jsonl"
        let out = try StoreCopy.copy(from: try PostgresStore(url: try PostgresURL(url), password: nil), to: FileRecordStore(path: back)) { _ in }
        #expect(out.copied == 300)
        #expect(try String(contentsOfFile: back, encoding: .utf8) == lines.joined(separator: "\n") + "\n")
    }
}
