import Desk
import InboxFormat
import InboxStore

/// The one place the app and the commands turn the config into triage, so that the
/// queue's order and levels are the same wherever they are seen.
enum TriageSetup {
    /// The user's config, or the defaults and the reason it was not used.
    static func config() -> (config: Config, problem: LineProblem?) {
        do {
            return (try Config.load(path: Config.standardPath()), nil)
        } catch {
            return (Config(), error.problem)
        }
    }

    /// Triage with the config's rules and clocks.
    static func triage(_ config: Config) -> Triage {
        let rules = config.triage
        let patterns: ((String, String, Visibility, Person) -> PriorityLevel?)? = rules.hasRegexRules
            ? { rules.regexLevel(text: $0, channel: $1, visibility: $2, author: $3) } : nil
        return Triage(classifier: rules.classifier(), patternLevel: patterns, calendar: config.calendar, targets: config.sla)
    }
}

extension InboxArgument {
    /// Reads the inbox with the config's triage rules: for the commands that show or
    /// change priorities and clocks. A config that cannot be used is said on stderr and
    /// the defaults apply.
    func loadTriaged(quiet: Bool = false, asOf: Timestamp? = nil,
                     projections: [any InboxProjection] = []) throws -> (inbox: Inbox, triage: Triage, config: Config) {
        let (config, problem) = TriageSetup.config()
        if let problem { Output.note("config not used: " + TextSafety.singleLine(problem.description)) }
        for problem in config.ruleProblems { Output.note("triage rule left out: " + TextSafety.singleLine(problem.description)) }
        let triage = TriageSetup.triage(config)
        let inbox = try load(quiet: quiet, asOf: asOf, classifiers: triage.classifiers, projections: triage.projections + projections)
        triage.afterLoad(in: inbox)
        return (inbox, triage, config)
    }
}
