import Foundation
import Testing

/// `shiftdesk check-config`, run as a user runs it, on the config file XDG_CONFIG_HOME names.
@Suite struct CheckConfigTests {
    @Test func noConfigIsFineAndTheBuiltInRulesApply() throws {
        let r = try CLI.run(["check-config"])
        #expect(r.status == 0)
        #expect(r.stdout == "/nonexistent/shiftdesk-tests-config/shiftdesk/config.toml: not there, so the defaults apply; 4 triage rules in force (4 built in, 0 your own)\n")
        #expect(r.stderr.isEmpty)
    }

    @Test func everyRuleProblemOnItsLineAndExitOne() throws {
        let s = try Scratch(copySample: false)
        let file = s.dir + "/config/shiftdesk/config.toml"
        let config = try s.writeConfig("""
            [triage]
            default_rules = false

            [[triage.rule]]
            name = "VIP"
            level = "high"
            vip = "@bigclient"

            [[triage.rule]]
            name = "orders"
            level = "urgent"
            regex = "order (#"

            [[triage.rule]]
            name = "refunds"
            level = "someday"
            words = ["refund*"]
            """)
        let r = try CLI.run(["check-config"], environment: ["XDG_CONFIG_HOME": config])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == """
            \(file):12: rule "orders": regex "order (#": not a valid regular expression
            \(file):16: rule "refunds": level must be urgent, high, normal or low, not "someday"
            shiftdesk: 2 problems in \(file); the rest applies: 1 triage rule in force (0 built in, 1 your own)

            """)
        // The same file named with --config, and then fixed.
        try "[[triage.rule]]\nname = \"VIP\"\nlevel = \"high\"\nvip = \"@bigclient\"\n".write(toFile: s.dir + "/mine.toml", atomically: true, encoding: .utf8)
        let fixed = try CLI.run(["check-config", "--config", s.dir + "/mine.toml"])
        #expect(fixed.status == 0)
        #expect(fixed.stdout == "\(s.dir)/mine.toml: fine; 5 triage rules in force (4 built in, 1 your own)\n")
    }

    @Test func aSyntaxErrorAndAMissingFileSaySo() throws {
        let s = try Scratch(copySample: false)
        try "[triage\n".write(toFile: s.dir + "/broken.toml", atomically: true, encoding: .utf8)
        let broken = try CLI.run(["check-config", "--config", s.dir + "/broken.toml"])
        #expect(broken.status == 1)
        #expect(broken.stderr.hasPrefix("\(s.dir)/broken.toml:1: "))
        #expect(broken.stderr.hasSuffix("shiftdesk: \(s.dir)/broken.toml is not used until this is fixed\n"))
        // Mistakes in several sections, two in some: every one, in line order, in one run.
        try """
            [sla]
            low = "0m"
            public = "soon"

            [hours]
            timezone = "Europe/Berlinn"
            urgent_around_the_clock = "yes"

            [limits]
            twitter = -1
            """.write(toFile: s.dir + "/several.toml", atomically: true, encoding: .utf8)
        let several = try CLI.run(["check-config", "--config", s.dir + "/several.toml"])
        #expect(several.status == 1)
        let lines = several.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 7, "\(several.stderr)")
        let expected = ["2: sla.low", "3: sla.public", "5: [hours] opens on no day", "6: hours.timezone", "7: hours.urgent_around_the_clock",
                        "10: limits.twitter"]
        for (line, start) in zip(lines, expected) {
            #expect(line.hasPrefix("\(s.dir)/several.toml:\(start)"), "\(line)")
        }
        #expect(lines.last == "shiftdesk: \(s.dir)/several.toml is not used until this is fixed")
        let missing = try CLI.run(["check-config", "--config", s.dir + "/nope.toml"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "shiftdesk: \(s.dir)/nope.toml: no such config file\n")
    }
}
