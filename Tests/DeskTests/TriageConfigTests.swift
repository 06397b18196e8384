import Foundation
import Testing
@testable import Desk
import InboxFormat

/// `[triage]` and `[[triage.rule]]` in config.toml: what a rule may say, and how a rule
/// with a mistake is left out and reported with its line while the rest applies.
@Suite struct TriageConfigTests {
    let packaged = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Resources/config.toml").path

    /// The commented lines of the packaged example after the line holding `from`, from the
    /// first table header on, up to the line holding `to` (or the end), without their `#`.
    func uncommented(from: String, to: String? = nil) throws -> String {
        let text = try String(contentsOfFile: packaged, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines = Array(lines.drop { !$0.contains(from) }.dropFirst().drop { !$0.hasPrefix("# [") })
        if let to { lines = Array(lines.prefix { !$0.contains(to) }) }
        return lines.map { $0.hasPrefix("# ") ? String($0.dropFirst(2)) : $0.hasPrefix("#") ? String($0.dropFirst()) : $0 }
            .joined(separator: "\n")
    }

    @Test func thePackagedExampleListsTheBuiltInRulesAsTheyAre() throws {
        let config = try Config.load(path: packaged)
        #expect(config.triage == TriageRules() && config.ruleProblems.isEmpty)
        let listed = try Config.parse("[triage]\ndefault_rules = false\n" + uncommented(from: "The built-in rules, on while"), file: "c")
        #expect(listed.ruleProblems.isEmpty, "\(listed.ruleProblems)")
        #expect(listed.triage.rules == TriageRule.defaults)
        #expect(listed.triage.active == TriageRule.defaults)
    }

    @Test func thePackagedExamplesOfOwnRulesWork() throws {
        let examples = try Config.parse(uncommented(from: "For example:", to: "A rule with a mistake"), file: "c")
        #expect(examples.ruleProblems.isEmpty, "\(examples.ruleProblems)")
        #expect(examples.triage.rules.map(\.name) == ["VIP", "refund threats in public"])
        #expect(examples.triage.active.count == TriageRule.defaults.count + 2)
    }

    @Test func aRuleSaysWhatWhereAndWhom() throws {
        let config = try Config.parse("""
            language = "ru"

            [triage]
            default_rules = false

            [[triage.rule]]
            name = "refunds"
            level = "High"
            words = ["верн* деньги", "chargeback"]
            regex = ["order #?\\\\d{6}", "заказ\\\\s+\\\\d+"]
            channel = "Twitter"
            visibility = "public"
            min_followers = 10000

            [[triage.rule]]
            name = "VIP"
            level = "urgent"
            vip = ["@BigClient", "u4711"]
            """, file: "c")
        #expect(config.ruleProblems.isEmpty, "\(config.ruleProblems)")
        #expect(config.language == "ru")
        #expect(!config.triage.defaultRules)
        let refunds = try #require(config.triage.rules.first)
        #expect(refunds.level == .high && refunds.words.map(\.text) == ["верн* деньги", "chargeback"])
        #expect(refunds.regexes.map(\.source) == [#"order #?\d{6}"#, #"заказ\s+\d+"#])
        #expect(refunds.conditions == TriageConditions(channels: ["twitter"], visibility: .public, minFollowers: 10000))
        #expect(config.triage.rules.last?.conditions.authors == ["bigclient", "u4711"])
        #expect(config.triage.hasRegexRules)
    }

    @Test func aRuleWithAMistakeIsLeftOutAndSaysWhere() throws {
        let text = """
            [triage]
            default_rules = true
            colour = "red"

            [[triage.rule]]
            name = "good"
            level = "high"
            words = ["refund"]

            [[triage.rule]]
            name = "bad regex"
            level = "high"
            regex = "(unclosed"

            [[triage.rule]]   # no name
            level = "asap"
            words = ["x"]

            [[triage.rule]]
            name = "wrong types"
            level = "low"
            words = 5
            min_followers = -1
            visibility = "secret"

            [[triage.rule]]
            name = "typo"
            level = "high"
            word = ["oops"]

            [[triage.rule]]
            name = "everything"
            level = "low"

            [[triage.rule]]
            name = "stars"
            words = ["fo*o"]

            [[triage.rule]]
            name = "also good"
            level = "urgent"
            vip = "@boss"
            """
        let config = try Config.parse(text, file: "config.toml")
        #expect(config.triage.rules.map(\.name) == ["good", "also good"])
        #expect(config.triage.defaultRules)
        #expect(config.ruleProblems.map(\.description) == [
            "config.toml:3: unknown setting triage.colour (known: default_rules, rule)",
            "config.toml:13: rule \"bad regex\": regex \"(unclosed\": not a valid regular expression",
            "config.toml:16: rule 3: level must be urgent, high, normal or low, not \"asap\"",
            "config.toml:22: rule \"wrong types\": words must be a text or a list of texts",
            "config.toml:23: rule \"wrong types\": min_followers must be a whole number, 0 or more",
            "config.toml:24: rule \"wrong types\": visibility must be \"public\" or \"private\"",
            "config.toml:29: rule \"typo\": unknown key \"word\" (known: channel, level, min_followers, name, regex, visibility, vip, words)",
            "config.toml:31: rule \"everything\": no words, regex or condition: it would match every customer message",
            "config.toml:35: rule \"stars\": no level (urgent, high, normal or low)",
            "config.toml:37: rule \"stars\": words: \"fo*o\": a * goes at the end of a word, as in списал*",
        ])
    }

    @Test func triageItselfWrongSaysWhere() throws {
        let single = try Config.parse("[triage.rule]\nlevel = \"high\"\nwords = [\"x\"]\n", file: "c")
        #expect(single.ruleProblems.map(\.description) == ["c:1: triage.rule must be a list of tables: begin each rule with [[triage.rule]], in double brackets"])
        let notBool = try Config.parse("[triage]\ndefault_rules = \"yes\"\n", file: "c")
        #expect(notBool.ruleProblems.map(\.description) == ["c:2: triage.default_rules must be true or false"])
        #expect(notBool.triage.defaultRules)
        let notTable = try Config.parse("triage = 1\n", file: "c")
        #expect(notTable.ruleProblems.map(\.description) == ["c:1: triage must be a table: [triage], then a [[triage.rule]] for each rule"])
        // Rules written inline have no header of their own: the line of `rule`, or none.
        let inline = try Config.parse("[triage]\nrule = [{ level = \"asap\", words = [\"x\"] }]\n", file: "c")
        #expect(inline.ruleProblems.map(\.description) == ["c:2: rule 1: level must be urgent, high, normal or low, not \"asap\""])
        let nowhere = try Config.parse("triage = { rule = [{ level = \"asap\", words = [\"x\"] }] }\n", file: "c")
        #expect(nowhere.ruleProblems.map(\.description) == ["c: rule 1: level must be urgent, high, normal or low, not \"asap\""])
    }

    @Test func aSyntaxErrorStillFailsTheWholeFile() {
        #expect(throws: LineProblemError.self) { try Config.parse("[[triage.rule]\nlevel = \"high\"\n", file: "c") }
    }
}
