import Foundation
import Testing
@testable import InboxStore
import InboxFormat
import InboxSynth

/// Random and hostile lines: the reader never crashes or hangs, every line ends as a
/// record or as a reported problem, and no line that is not JSON is ever taken as a record.
@Suite struct ScannerFuzzTests {
    @Test func randomBytesAreReportedLineByLine() throws {
        var rng = SplitMix64(seed: 2026)
        var raw: [UInt8] = []
        var lines = 0
        for _ in 0..<3000 {
            let length = rng.next(below: 120)
            for _ in 0..<length {
                var b = UInt8(truncatingIfNeeded: rng.next())
                if b == 0x0A { b = 0x20 }
                raw.append(b)
            }
            raw.append(0x0A)
            lines += 1
        }
        let inbox = try TestInbox(raw: raw).load()
        #expect(inbox.lineCount == lines)
        #expect(inbox.problems.count == lines, "random bytes are never a record")
        #expect(inbox.problems.allSatisfy { !$0.reason.isEmpty })
    }

    @Test func hostileLinesEachGetAReasonAndReadingGoesOn() throws {
        let hostile: [String] = [
            String(repeating: "[", count: 200_000),
            String(repeating: "{\"a\":", count: 50_000) + "1" + String(repeating: "}", count: 50_000),
            "{\"text\":\"" + String(repeating: "\\u", count: 10) + "\"}",
            "{\"type\":\"message\",\"id\":\"x\",\"at\":\"2026-11-20T09:15:00Z\",\"thread\":[],\"channel\":{},\"visibility\":1,\"direction\":null,\"author\":\"u\",\"text\":5}",
            "{\"type\":\"message\"",
            "{} {}",
            "\u{FEFF}{}",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "{'a':1}",
            "{\"a\":\"\\x\"}",
            "{\"a\":tru}",
            "{\"at\":\"9999-99-99T99:99:99Z\",\"type\":\"x\",\"id\":\"y\"}",
        ]
        var lines = [Line.message("m1")]
        lines += hostile
        lines.append(Line.message("m2"))
        let inbox = try TestInbox(lines).load()
        #expect(inbox.messageCount == 2)
        #expect(inbox.problems.count == hostile.count)
        #expect(Set(inbox.problems.map(\.line)) == Set(2...(hostile.count + 1)))
    }
}
