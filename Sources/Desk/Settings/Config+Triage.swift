import InboxFormat
import TOMLKit

extension Config {
    /// Reads `[triage]` and its `[[triage.rule]]` tables:
    ///
    /// ```toml
    /// [triage]
    /// default_rules = true          # the built-in rules (TriageRule.defaults); false: only yours
    ///
    /// [[triage.rule]]
    /// name = "refund threats"
    /// level = "high"                # urgent, high, normal or low
    /// words = ["chargeback", "верните деньги"]     # phrases; a trailing * makes a stem
    /// regex = "order #?\\d{6}"      # or a list; checked after the load, not during it
    /// channel = ["twitter", "vk"]   # conditions, each optional, all must hold
    /// visibility = "public"
    /// min_followers = 10000
    /// vip = ["@bigclient", "u123"]  # the author's handle or id
    /// ```
    ///
    /// Unlike the rest of the file, a mistake in a rule does not make the config unusable: the
    /// rule is left out and the mistake is added to ``ruleProblems`` as `FILE:LINE: reason`
    /// (TOMLKit gives values no places, so ``ConfigLines`` finds the line: the key's, else the
    /// rule's `[[triage.rule]]` header's), and the other rules stay in force.
    mutating func readTriage(_ table: TOMLTable, lines places: ConfigLines, file: String) {
        guard let value = table["triage"] else { return }
        func problem(_ line: Int?, _ reason: String) {
            ruleProblems.append(LineProblem(file: file, line: line ?? 0, reason: reason))
        }
        guard let triage = value.table else {
            problem(places.place(of: "triage", in: nil), "triage must be a table: [triage], then a [[triage.rule]] for each rule")
            return
        }
        for key in triage.keys.sorted() where key != "default_rules" && key != "rule" {
            problem(places.place(of: key, in: "triage"), "unknown setting triage.\(key) (known: default_rules, rule)")
        }
        if let value = triage["default_rules"] {
            if let on = value.bool {
                self.triage.defaultRules = on
            } else {
                problem(places.place(of: "default_rules", in: "triage"), "triage.default_rules must be true or false")
            }
        }
        guard let rules = triage["rule"] else { return }
        guard let list = rules.array else {
            problem(places.place(of: "rule", in: "triage") ?? places.headers(named: "triage.rule").first,
                    "triage.rule must be a list of tables: begin each rule with [[triage.rule]], in double brackets")
            return
        }
        let headers = places.headers(named: "triage.rule")
        for (index, element) in list.enumerated() {
            // The n-th [[triage.rule]] header is the n-th rule, unless the rules are written another way.
            let header = headers.count == list.count ? headers[index] : nil
            let rule = RuleReader(element.table, number: index + 1)
            for (key, reason) in rule.problems {
                let line = header.flatMap { header in key.flatMap { places.place(of: $0, after: header) } ?? header }
                problem(line ?? places.place(of: "rule", in: "triage"), reason)
            }
            if let made = rule.rule { self.triage.rules.append(made) }
        }
        // In the order of the file, as an editor would go through them.
        ruleProblems = ruleProblems.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
    }
}

/// One `[[triage.rule]]` table read into a rule, or into the reasons it cannot be one,
/// each with the key it is about (nil for the table as a whole).
private struct RuleReader {
    var rule: TriageRule?
    var problems: [(key: String?, reason: String)] = []

    static let keys = ["channel", "level", "min_followers", "name", "regex", "visibility", "vip", "words"]

    init(_ table: TOMLTable?, number: Int) {
        guard let table else {
            problems.append((nil, "rule \(number): each rule is a table under its own [[triage.rule]]"))
            return
        }
        // How problems name the rule: by its name, else by its place among the rules.
        var title = "rule \(number)"
        var name = title
        if let value = table["name"] {
            if let text = value.string, !text.isEmpty {
                name = text
                title = "rule \"\(text)\""
            } else {
                problems.append(("name", "\(title): name must be a text"))
            }
        }
        func fail(_ key: String?, _ reason: String) { problems.append((key, "\(title): \(reason)")) }
        for key in table.keys.sorted() where !Self.keys.contains(key) {
            fail(key, "unknown key \"\(key)\" (known: \(Self.keys.joined(separator: ", ")))")
        }
        // A text or a list of texts: how words, regex, channel and vip may be written.
        func texts(_ key: String) -> [String]? {
            guard let value = table[key] else { return [] }
            if let text = value.string { return [text] }
            if let list = value.array {
                let texts = list.compactMap(\.string)
                if texts.count == list.count { return texts }
            }
            fail(key, "\(key) must be a text or a list of texts")
            return nil
        }

        var level: PriorityLevel?
        if let value = table["level"] {
            level = value.string.flatMap(PriorityLevel.init(name:))
            if level == nil {
                let shown = value.string.map { ", not \"\($0)\"" } ?? ""
                fail("level", "level must be urgent, high, normal or low\(shown)")
            }
        } else {
            fail(nil, "no level (urgent, high, normal or low)")
        }
        var words: [WordPattern] = []
        for text in texts("words") ?? [] {
            do { words.append(try WordPattern(text)) } catch { fail("words", "words: \"\(text)\": \(error.reason)") }
        }
        var regexes: [TriageRegex] = []
        for text in texts("regex") ?? [] {
            do { regexes.append(try TriageRegex(text)) } catch { fail("regex", "regex \"\(text)\": \(error.reason)") }
        }
        var conditions = TriageConditions()
        let channels = texts("channel") ?? []
        if channels.contains(where: \.isEmpty) { fail("channel", "channel must name channels, not \"\"") }
        conditions.channels = Set(channels.map { $0.lowercased() })
        if let value = table["visibility"] {
            switch value.string {
            case "public": conditions.visibility = .public
            case "private": conditions.visibility = .private
            default: fail("visibility", "visibility must be \"public\" or \"private\"")
            }
        }
        if let value = table["min_followers"] {
            if let least = value.int, least >= 0 {
                conditions.minFollowers = Int64(least)
            } else {
                fail("min_followers", "min_followers must be a whole number, 0 or more")
            }
        }
        let authors = texts("vip") ?? []
        if authors.contains(where: { TriageConditions.authorKey($0).isEmpty }) { fail("vip", "vip must name authors by handle or id, not \"\"") }
        conditions.authors = Set(authors.map(TriageConditions.authorKey))
        // Without words, a regex or a condition, the rule would give its level to every message.
        if problems.isEmpty && words.isEmpty && regexes.isEmpty && conditions.isEmpty {
            fail(nil, "no words, regex or condition: it would match every customer message")
        }
        guard problems.isEmpty, let level else { return }
        rule = TriageRule(name: name, level: level, words: words, regexes: regexes, conditions: conditions)
    }
}
