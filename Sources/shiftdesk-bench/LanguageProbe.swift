import Foundation
import Desk

/// `language FILE`: the cost of telling a message's language, over the message texts of
/// FILE, as the store's classifier would pay it per message while loading.
enum LanguageProbe {
    static func run(path: String) {
        guard let data = FileManager.default.contents(atPath: path) else { fail("\(path): cannot read") }
        var texts: [[UInt8]] = []
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let record = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  record["type"] as? String == "message", let text = record["text"] as? String else { continue }
            texts.append(Array(text.utf8))
        }
        guard !texts.isEmpty else { fail("\(path): no messages") }
        let bytes = texts.reduce(0) { $0 + $1.count }
        var found = [Int](repeating: 0, count: 3)
        var rounds = 0
        let start = monotonicNanos()
        // Whole passes over every text for at least a second, on bytes as the scanner has them.
        while monotonicNanos() - start < 1_000_000_000 || rounds < 3 {
            for text in texts {
                let language = text.withUnsafeBytes { DetectedLanguage.of(utf8: $0) }
                found[Int(language?.rawValue ?? 0)] += 1
            }
            rounds += 1
        }
        let seconds = Double(monotonicNanos() - start) / 1e9
        let messages = texts.count * rounds
        print(String(format: "%d messages (%d bytes) x %d rounds: %.0f ns a message, %.0f MB/s; en %d, ru %d, other %d",
                     texts.count, bytes, rounds, seconds * 1e9 / Double(messages), Double(bytes * rounds) / seconds / 1e6,
                     found[1] / rounds, found[2] / rounds, found[0] / rounds))
    }
}
