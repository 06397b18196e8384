import Foundation
import Desk

/// `triage FILE`: the default triage rules' word matcher alone, over the customer
/// messages of FILE, as the store's classifier pays it per message while loading.
enum TriageProbe {
    static func run(path: String, scanOnly: Bool = false) {
        guard let data = FileManager.default.contents(atPath: path) else { fail("\(path): cannot read") }
        var texts: [[UInt8]] = []
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let record = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  record["type"] as? String == "message", record["direction"] as? String == "in",
                  let text = record["text"] as? String else { continue }
            texts.append(Array(text.utf8))
        }
        guard !texts.isEmpty else { fail("\(path): no customer messages") }
        let bytes = texts.reduce(0) { $0 + $1.count }
        if !scanOnly {
            print(measure("default rules", WordMatcher(TriageRule.defaults.flatMap(\.words)), texts, bytes))
        }
        // The scan alone: one pattern that never occurs, so no word leads to a comparison.
        print("    " + measure("scan alone", WordMatcher([try! WordPattern("qqqq zzzz")]), texts, bytes))
    }

    static func measure(_ name: String, _ matcher: WordMatcher, _ texts: [[UInt8]], _ bytes: Int) -> String {
        var matched = 0
        var rounds = 0
        let start = monotonicNanos()
        // Whole passes for at least a second; every match is heard, as the classifier hears
        // them while no urgent word has come.
        while monotonicNanos() - start < 1_000_000_000 || rounds < 3 {
            for text in texts {
                var any = false
                text.withUnsafeBytes { raw in matcher.forEachMatch(utf8: raw) { _ in any = true; return true } }
                if any { matched += 1 }
            }
            rounds += 1
        }
        let seconds = Double(monotonicNanos() - start) / 1e9
        return String(format: "%@: %d messages (%d bytes) x %d rounds: %.2f ns a byte, %.0f ns a message, %.0f MB/s; %.0f%% match",
                      name, texts.count, bytes, rounds, seconds * 1e9 / Double(bytes * rounds), seconds * 1e9 / Double(texts.count * rounds),
                      Double(bytes * rounds) / seconds / 1e6, Double(matched) * 100 / Double(texts.count * rounds))
    }
}
