import ArgumentParser
import Desk
import Foundation
import InboxFormat

/// `shiftdesk config`: where the settings, the sample inbox and each template come from,
/// since a copied binary carries its defaults inside; `--example` prints the commented
/// example config to start one's own from.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show where settings, the sample inbox and templates come from, or print the example config.",
        discussion: """
            The sample inbox, the default templates and the example config are built into \
            shiftdesk; $SHIFTDESK_RESOURCES, when set, names a folder laid out like the \
            package's Resources/ that replaces them. Your own templates in \
            $XDG_CONFIG_HOME/shiftdesk/templates add to the defaults and replace them by \
            name and language.

            Examples:
              shiftdesk config
              mkdir -p ~/.config/shiftdesk && shiftdesk config --example > ~/.config/shiftdesk/config.toml
            """
    )

    @Flag(help: "Print the commented example config.toml.")
    var example = false

    func run() throws {
        if example {
            guard let text = PackagedResources.data("config.toml") else {
                throw Output.failure("no config.toml in \(PackagedResources.origin)")
            }
            FileHandle.standardOutput.write(text)
            return
        }
        let safe = { (text: String) in TextSafety.singleLine(text) }
        let paths = DeskPaths()
        var config = paths.configFile
        if !FileManager.default.fileExists(atPath: config) {
            config += " (not there: the defaults apply; shiftdesk config --example prints a start)"
        } else {
            do { _ = try Config.load(path: config) } catch { config += " (not used: \(error.problem))" }
        }
        Output.line("config:       " + safe(config))
        Output.line("sample inbox: " + safe("\(PackagedResources.origin), worked on in \(paths.stateFolder)/\(SampleInbox.fileName)"))
        let library = TemplateLibrary(sources: TemplateSources.all())
        Output.line("templates:    " + safe(library.searched.joined(separator: ", then ")))
        for template in library.templates.sorted(by: { $0.key < $1.key }) {
            Output.line("  " + safe("\(template.name) · \(template.language) · \(template.file)"))
        }
        for problem in library.problems { Output.line("  " + safe("skipped: \(problem)")) }
        if let reason = library.emptyReason { Output.line("  " + safe("none loaded: \(reason)")) }
    }
}
