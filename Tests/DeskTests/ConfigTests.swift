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

    @Test func languageAndHours() throws {
        let config = try Config.parse("language = \"RU\"\n[hours]\nopens = \"08:30\"\ncloses = \"20:00\"\n", file: "c")
        #expect(config.language == "ru")
        #expect(config.hours == BusinessCalendar(window: OpeningWindow(opens: 510, closes: 1200)!))
        #expect(Config().language == "en" && Config().hours == nil)
    }

    @Test func wrongLanguageOrHoursSayWhere() {
        for (text, line, reason) in [
            ("[limits]\ntwitter = 280\nlanguage = \"ru\"\n", 3, "language goes at the top of the file, before [limits]"),
            ("language = \"русский\"\n", 1, "language must be a language code"),
            ("language = 7\n", 1, "language must be a language code"),
            ("# hours\n[hours]\nopens = \"9\"\ncloses = \"18:00\"\n", 3, "hours.opens must be a time"),
            ("# hours\n[hours]\nopens = \"09:00\"\n", 2, "hours.closes must be a time"),
            ("[hours]\nopens = \"09:00\"\ncloses = \"18:00\"\nzone = \"MSK\"\n", 4, "unknown setting hours.zone"),
        ] {
            do {
                _ = try Config.parse(text, file: "c.toml")
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.problem.line == line, "\(text)")
                #expect(error.problem.reason.hasPrefix(reason), "\(error.problem.reason)")
            }
        }
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

    @Test func aMistakeNamesTheLineOfItsOwnTable() {
        for (text, line) in [
            // The same key in another table, before it.
            ("[limits]\ntwitter = 280\n\n[accounts]\ntwitter = 5\n", 5),
            ("[checks]\nrepeated = false\n[limits]\nrepeated = 0\n", 4),
            // Quoted keys, a header written with spaces, dotted keys.
            ("[limits]\nvk = 4096\n\"twitter\" = -1\n", 3),
            ("language = \"en\"\n\n[ hours ]\nopens = \"9\"\ncloses = \"18:00\"\n", 4),
            ("language = \"en\"\nhours.opens = \"9\"\nhours.closes = \"18:00\"\n", 2),
            ("language = \"en\"\nlimits = { twitter = 0 }\n", 2),
            // A key that is a table of its own.
            ("[accounts.twitter]\nhandle = \"@shop\"\n", 1),
            ("[accounts]\nvk = \"@shop\"\n[accounts.twitter]\nhandle = \"@shop\"\n", 3),
        ] {
            do {
                _ = try Config.parse(text, file: "c.toml")
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.problem.line == line, "\(text): \(error.problem)")
            }
        }
    }

    @Test func everyMistakeIsToldOnceInLineOrder() {
        do {
            _ = try Config.parse("[checks]\nbogus = true\n\n[limits]\ntwitter = -1\n", file: "c")
            Issue.record("accepted")
        } catch {
            #expect(error.all.map(\.line) == [2, 5], "limits and checks are sections of their own")
        }
        // Two mistakes in one section, or more: each is told, not only the first.
        for (text, lines) in [
            ("[sla]\nlow = \"0m\"\nhigh = \"2h\"\npublic = \"soon\"\n", [2, 4]),
            ("[hours]\nopens = \"09:00\"\ncloses = \"18:00\"\nsat = \"late\"\nholidays = [\"12/25\"]\nzone = \"x\"\n", [4, 5, 6]),
            ("[limits]\ntwitter = 0\nvk = \"long\"\n[checks]\nrepeat = true\nflood = 1\n", [2, 3, 5, 6]),
            ("[surges]\nthreshold = 1\nwindow = \"soon\"\n", [2, 3]),
            // Opens, closes and days each on their own; a bad time zone does not hide "no day".
            ("[hours]\nopens = \"9\"\ncloses = \"25:00\"\ndays = [\"mon\", \"moonday\"]\n", [2, 3, 4]),
            ("[hours]\ntimezone = \"Mars/Olympus\"\nsat = \"closed\"\n", [1, 2]),
            // Two mistakes on one line, both told.
            ("limits = { twitter = 0, vk = -1 }\n", [1, 1]),
        ] {
            do {
                _ = try Config.parse(text, file: "c")
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.all.map(\.line) == lines, "\(text): \(error.all)")
            }
        }
        do {
            _ = try Config.parse("[hours]\nmon = \"09:00-18:00\"\nlanguage = \"en\"\n", file: "c")
            Issue.record("accepted")
        } catch {
            #expect(error.problem.reason.contains("language goes at the top") && error.others.isEmpty,
                    "one mistake that two sections see is told once: \(error.others)")
        }
        for table in ["limits", "checks"] {
            do {
                _ = try Config.parse("[\(table)]\nlanguage = \"en\"\n", file: "c")
                Issue.record("accepted")
            } catch {
                #expect(error.all.map(\.reason).count == 1 && error.problem.reason.contains("language goes at the top"), "\(error.all)")
            }
        }
    }
}

/// `[store]`: a password only in a config file nobody else may read.
@Suite struct StoreConfigTests {
    @Test func aStorePasswordIsReadOnlyFromAPrivateFile() throws {
        let folder = NSTemporaryDirectory() + "shiftdesk-store-config-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/config.toml"
        try "[store]\npassword = \"s3cret\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o600)
        #expect(try Config.load(path: path).storePassword == "s3cret")
        chmod(path, 0o640)
        let error = #expect(throws: LineProblemError.self) { try Config.load(path: path) }
        #expect(error?.problem.reason.contains("chmod 600") == true)
        #expect(error.map { !"\($0.problem)".contains("s3cret") } == true)
        // Without a password, who may read it is the user's business.
        try "[store]\n".write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o644)
        #expect(try Config.load(path: path).storePassword == nil)
        try "[store]\nurl = \"postgres://x\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: LineProblemError.self) { try Config.load(path: path) }
    }
}
