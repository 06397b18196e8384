import Foundation
import Testing
import InboxFormat
import InboxStore
@testable import Desk

/// The labelled set: outages and everyday traffic in English and Russian, written for the
/// test (`Fixtures/surge-labelled.jsonl`, each thread's label in `Fixtures/surge-labels.json`).
enum LabelledSurges {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static var inbox: String { folder.appendingPathComponent("surge-labelled.jsonl").path }

    static func labels() throws -> [String: String] {
        let data = try Data(contentsOf: folder.appendingPathComponent("surge-labels.json"))
        return try JSONDecoder().decode([String: String].self, from: data)
    }

    /// Every surge of the day, as the app's projection finds them reading the file.
    static func detect(settings: SurgeSettings = SurgeSettings()) throws -> (surges: [[String]], inbox: Inbox) {
        let projection = SurgeProjection(settings: settings)
        let inbox = try Inbox(path: inbox, projections: [projection])
        let endOfDay = Timestamp.parse("2026-11-24T23:59:00Z")!
        return (projection.detector.surges(at: endOfDay).map { $0.threads.map(inbox.threadID) }, inbox)
    }
}

@Suite struct SurgeQualityTests {
    @Test func theLabelledSetIsFoundWithPrecisionAndRecallOfAtLeastNinetyPercent() throws {
        let labels = try LabelledSurges.labels()
        let (surges, inbox) = try LabelledSurges.detect()
        #expect(inbox.problems.isEmpty)
        #expect(inbox.messageCount >= 300 && Set(labels.values).count >= 4, "the set has several outages and everyday traffic")
        let score = SurgeScore(surges: surges, labels: labels)
        print("surge detection on the labelled set (\(inbox.messageCount) messages, \(surges.count) surges): \(score.description)")
        #expect(score.precision >= 0.9, "\(score.description)")
        #expect(score.recall >= 0.9, "\(score.description)")
    }

    @Test func aMessageDatedCenturiesAheadChangesNothing() throws {
        let lines = try String(contentsOfFile: LabelledSurges.inbox, encoding: .utf8).split(separator: "\n").map(String.init)
        let hostile = #"{"type":"message","id":"far","at":"9999-12-31T00:00:00Z","thread":"far","channel":"twitter","visibility":"public","direction":"in","author":{"id":"x"},"text":"site down"}"#
        let path = NSTemporaryDirectory() + "surge-far-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        // In the middle of the first outage.
        let middle = lines.firstIndex { $0.contains("2026-11-24T10:15") }!
        try ((lines[..<middle] + [hostile] + lines[middle...]).joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let endOfDay = Timestamp.parse("2026-11-24T23:59:00Z")!
        let projection = SurgeProjection(clock: { endOfDay })
        let inbox = try Inbox(path: path, projections: [projection])
        let surges = projection.detector.surges(at: endOfDay).map { $0.threads.map(inbox.threadID) }
        #expect(SurgeScore(surges: surges, labels: try LabelledSurges.labels()) == SurgeScore(surges: try LabelledSurges.detect().surges,
                                                                                                labels: try LabelledSurges.labels()))
    }

    @Test func theScoreCountsFalseAlarmsAndMisses() {
        let labels = ["a": "down", "b": "down", "c": "down", "d": "everyday", "e": "login", "f": "login"]
        let score = SurgeScore(surges: [["a", "b", "d"], ["e", "c"]], labels: labels)
        // First surge stands for "down": a, b found, d a false alarm. Second: a tie goes to the
        // first label by name ("down"), so c is found and e a false alarm.
        #expect(score.found == 3 && score.falseAlarms == 2 && score.missed == 2, "e and f, the login threads, are not found")
        #expect(SurgeScore(surges: [], labels: labels).recall == 0)
    }
}

