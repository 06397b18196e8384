import Foundation
import Testing
@testable import InboxKit
import InboxSynth

/// Random and mutated lines: the reader never crashes or hangs, every line ends as a
/// record or as a reported problem, and no line that is not JSON is ever taken as a record.
@Suite struct ScannerFuzzTests {
    /// Whether Foundation's strict parser takes `bytes` as a JSON object.
    func foundationAcceptsObject(_ bytes: [UInt8]) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes), options: []) else { return false }
        return object is [String: Any]
    }

    /// Runs the scanner alone on one line: nil when it accepts it as JSON, else the reason.
    func scannerVerdict(_ bytes: [UInt8]) -> String? {
        var scanner = JSONLineScanner()
        return bytes.withUnsafeBytes { raw -> String? in
            do throws(ScanFailure) { _ = try scanner.scan(raw); return nil } catch { return error.reason }
        }
    }

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
        #expect(inbox.counts.lines == lines)
        #expect(inbox.problems.count == lines, "random bytes are never a record")
        #expect(inbox.problems.allSatisfy { !$0.reason.isEmpty })
    }

    @Test func mutatedRecordsAgreeWithAStrictParser() throws {
        var rng = SplitMix64(seed: 7)
        var seeds: [String] = []
        SyntheticInbox(seed: 3).forEachLine(records: 200) { seeds.append($0) }
        seeds.append(#"{"a":[1,-0.5e+3,true,false,null,{"b":"\u00e9\n"}],"c":{}}"#)
        let alphabet = Array(#"{}[]",:\ 0123456789-+.eEtrufalsn"#.utf8) + [0x00, 0x01, 0x7F, 0xC3, 0xA9, 0xFF, 0xED, 0xF0, 0x9F]
        var accepted = 0
        var rejected = 0
        for round in 0..<20_000 {
            var bytes = Array(seeds[round % seeds.count].utf8)
            for _ in 0..<(1 + rng.next(below: 3)) {
                let at = rng.next(below: bytes.count + 1)
                switch rng.next(below: 3) {
                case 0 where at < bytes.count: bytes.remove(at: at)
                case 1: bytes.insert(alphabet[rng.next(below: alphabet.count)], at: at)
                default: if at < bytes.count { bytes[at] = alphabet[rng.next(below: alphabet.count)] }
                }
            }
            bytes.removeAll { $0 == 0x0A }
            let verdict = scannerVerdict(bytes)
            let foundation = foundationAcceptsObject(bytes)
            if verdict == nil {
                accepted += 1
                #expect(foundation, "the scanner accepted what is not a JSON object: \(String(decoding: bytes, as: UTF8.self))")
            } else {
                rejected += 1
                // The scanner is stricter than Foundation only where the format says so:
                // a known field twice, a lone surrogate's UTF-8, or bytes Foundation repairs;
                // and Foundation on Linux takes a trailing comma, which RFC 8259 does not.
                let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: " ", with: "")
                let trailingComma = text.contains(",}") || text.contains(",]")
                if foundation && !trailingComma && !(verdict!.contains("appears twice") || verdict!.contains("UTF-8")) {
                    Issue.record("rejected valid JSON (\(verdict!)): \(String(decoding: bytes, as: UTF8.self))")
                }
            }
        }
        #expect(accepted > 1000 && rejected > 1000, "the mutations exercise both sides")
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
