import Foundation
import Testing
@testable import InboxFormat
import InboxSynth

/// The scanner alone against Foundation's parser: no line that is not a JSON object is
/// ever taken as one, and no valid object is refused except where the format says so.
@Suite struct ScannerDifferentialTests {
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

}
