import Foundation
import Testing
@testable import Desk
import InboxFormat
import InboxStore

@Suite struct ConfigTests {
    let packaged = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Resources/config.toml").path

    @Test func thePackagedExampleIsTheDefaults() throws {
        #expect(try Config.load(path: packaged) == Config())
        #expect(try Config.load(path: "/nonexistent/config.toml") == Config())
    }

    @Test func limitsAndChecksCanBeChanged() throws {
        let config = try Config.parse("[limits]\nvk = 4096\ntwitter = 500\n[checks]\nrepeated = false\ntoo_long = false\n", file: "c")
        #expect(config.publicLimits == ["twitter": 500, "vk": 4096])
        #expect(config.disabledChecks == [.repeated, .tooLong])
    }

    @Test func mistakesSayFileLineAndWhy() {
        #expect(throws: LineProblemError.self) { try Config.parse("[checks\n", file: "c") }
        do {
            _ = try Config.parse("[checks]\nuntouched = true\nrepeat = false\n", file: "conf.toml")
            Issue.record("an unknown check was accepted")
        } catch {
            #expect(error.problem.description.hasPrefix("conf.toml:3: unknown check \"repeat\""))
        }
        do {
            _ = try Config.parse("[limits]\ntwitter = \"long\"\n", file: "conf.toml")
            Issue.record("a text limit was accepted")
        } catch {
            #expect(error.problem.description == "conf.toml:2: limits.twitter must be a positive number of characters")
        }
    }
}
