import ArgumentParser
import Desk
import Foundation
import InboxFormat

/// `shiftdesk check-config`: the config file's problems as `FILE:LINE: reason`, or that it
/// is fine and how many triage rules are in force. A triage rule with a mistake does not
/// stop the app from starting (the rule is left out), so this is where one learns of it.
struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Check config.toml: every problem as FILE:LINE: reason, else how many triage rules are in force.",
        discussion: """
            Checks $XDG_CONFIG_HOME/shiftdesk/config.toml (by default \
            ~/.config/shiftdesk/config.toml), or the file given with --config. Problems go \
            to standard error, one a line, and the exit code is 1; a config without \
            problems says so on standard output, with exit code 0. A missing file is no \
            problem: the defaults apply.

            Examples:
              shiftdesk check-config
              shiftdesk check-config --config ./config.toml
            """
    )

    @Option(name: .customLong("config"), help: ArgumentHelp("The config file to check (default: the one shiftdesk reads).", valueName: "PATH"))
    var path: String?

    func run() throws {
        let path = self.path ?? Config.standardPath()
        let shownPath = TextSafety.singleLine(path)
        if self.path != nil && !FileManager.default.fileExists(atPath: path) {
            throw Output.failure("\(shownPath): no such config file")
        }
        let config: Config
        do {
            config = try Config.load(path: path)
        } catch {
            // A mistake outside the triage rules: the whole file is not used. Each section's first.
            for problem in error.all {
                FileHandle.standardError.write(Data((TextSafety.singleLine(problem.description) + "\n").utf8))
            }
            throw Output.failure("\(shownPath) is not used until this is fixed")
        }
        let rules = config.triage.active
        let inForce = "\(rules.count) triage rule\(rules.count == 1 ? "" : "s") in force"
            + " (\(config.triage.defaultRules ? TriageRule.defaults.count : 0) built in, \(config.triage.rules.count) your own)"
        guard config.ruleProblems.isEmpty else {
            for problem in config.ruleProblems {
                FileHandle.standardError.write(Data((TextSafety.singleLine(problem.description) + "\n").utf8))
            }
            let count = config.ruleProblems.count
            throw Output.failure("\(count) problem\(count == 1 ? "" : "s") in \(shownPath); the rest applies: \(inForce)")
        }
        if FileManager.default.fileExists(atPath: path) {
            Output.line("\(shownPath): fine; \(inForce)")
        } else {
            Output.line("\(shownPath): not there, so the defaults apply; \(inForce)")
        }
    }
}
