import Foundation
import Testing

/// The binary on its own, as `swift build -c release` and one `cp` install it: copied out
/// of the checkout, it still has its sample inbox, its templates and its example config.
@Suite(.serialized) struct InstallTests {
    /// A copy of the built binary in a scratch folder outside the checkout, with a home,
    /// a config and a state folder of its own there.
    struct Installed {
        let scratch: Scratch
        var binary: String { scratch.dir + "/bin/shiftdesk" }
        var config: String { scratch.dir + "/config" }
        var environment: [String: String] {
            ["HOME": scratch.dir + "/home", "XDG_CONFIG_HOME": config, "XDG_STATE_HOME": scratch.dir + "/state"]
        }

        init() throws {
            scratch = try Scratch()
            #expect(!scratch.dir.hasPrefix(CLI.packageRoot.path), "the copy is outside the checkout")
            for folder in ["/bin", "/home"] {
                try FileManager.default.createDirectory(atPath: scratch.dir + folder, withIntermediateDirectories: true)
            }
            try Self.copyExecutable(CLI.binary.path, to: binary)
        }

        /// Copies through a descriptor opened close-on-exec: a copy whose write descriptor a
        /// process started meanwhile by another test inherited could not be run until that
        /// process execs ("Text file busy"), which FileManager's copy left to chance.
        static func copyExecutable(_ source: String, to target: String) throws {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: source))
            let fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
            guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
            defer { close(fd) }
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard written == bytes.count else { throw CocoaError(.fileWriteOutOfSpace) }
        }

        /// The command line that starts the copy in a shell, `SHIFTDESK_RESOURCES` unset
        /// whatever the test runner's environment holds.
        func commandLine(_ arguments: String = "", extra: [String: String] = [:]) -> String {
            let variables = environment.merging(extra) { _, new in new }.sorted { $0.key < $1.key }
                .map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
            return "env -u SHIFTDESK_RESOURCES \(variables) SHIFTDESK_AGENT=dana '\(binary)' \(arguments)"
        }

        func run(_ arguments: [String], extra: [String: String] = [:]) throws -> CLI.Result {
            try CLI.run(arguments, environment: environment.merging(extra) { _, new in new },
                        unset: extra["SHIFTDESK_RESOURCES"] == nil ? ["SHIFTDESK_RESOURCES"] : [],
                        executable: URL(fileURLWithPath: binary))
        }

        func writeUserTemplate(_ name: String, _ text: String) throws {
            let folder = config + "/shiftdesk/templates"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        }
    }

    /// The version as Sources/shiftdesk/Version.swift defines it, the one place it is written.
    var definedVersion: String {
        get throws {
            let source = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Sources/shiftdesk/Version.swift"), encoding: .utf8)
            let quoted = try #require(source.split(separator: "\"").dropFirst().first)
            return String(quoted)
        }
    }

    @Test func aCopiedBinaryOpensTheSampleAndListsTemplates() throws {
        let install = try Installed()
        let term = try TerminalSession(width: 120, height: 40)
        try term.run(install.commandLine())
        let queue = try term.waitFor("dana │")
        #expect(queue.joined().contains("[All 19]"), "the sample inbox's queue")
        // Longest-waiting first: Дмитрий's thread, in Russian, comes to the top.
        try term.type("o")
        try term.waitFor("longest waiting")
        try term.type("t")
        let picker = try term.waitFor("Preview for this thread:")
        #expect(picker.contains { $0.contains("ask-order-number · ru") }, "the built-in templates, Дмитрий's language first")
        #expect(!picker.joined().contains("No template"))
        try term.press("Escape")
        try term.type("q")
        try term.waitUntil("the app to end") { _ in !term.alternateScreen }
        #expect(FileManager.default.fileExists(atPath: install.scratch.dir + "/state/shiftdesk/sample-inbox.jsonl"))
    }

    @Test func aCopiedBinaryPrintsItsVersionAndTheExampleConfig() throws {
        let install = try Installed()
        let version = try install.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == (try definedVersion) + "\n")
        #expect(try definedVersion.split(separator: ".").count == 3)
        let example = try install.run(["config", "--example"])
        #expect(example.status == 0)
        #expect(example.stdout == (try String(contentsOfFile: CLI.packageRoot.appendingPathComponent("Resources/config.toml").path, encoding: .utf8)))
    }

    @Test func aUserTemplateOverridesTheBuiltInOneOfTheSameNameAndLanguage() throws {
        let install = try Installed()
        try install.writeUserTemplate("my-outage.mustache", """
            ---
            name: outage-ack
            description: Our own outage text
            visibility: public
            language: en
            ---
            {{handle}} Our own words about the outage, {{first_name}}.
            """)
        let term = try TerminalSession(width: 120, height: 40)
        try term.run(install.commandLine("'\(install.scratch.inbox)'"))
        try term.waitFor("dana │")
        try term.type("1")
        try term.waitFor("[Public 15]")
        try term.type("t")
        try term.type("outage")
        let picker = try term.waitFor("@jakeb Our own words about the outage, Jake.")
        let text = picker.joined(separator: "\n")
        #expect(text.contains("outage-ack · en · Our own outage text"))
        #expect(!text.contains("checkout is failing"), "the built-in English text is replaced")
        #expect(text.contains("outage-ack · ru"), "the built-in Russian one stays")
        try term.press("Escape")
        try term.type("q")

        let listed = try install.run(["config"])
        #expect(listed.stdout.contains("outage-ack · en · \(install.config)/shiftdesk/templates/my-outage.mustache"))
        #expect(listed.stdout.contains("outage-ack · ru · built-in templates/outage-ack.ru.mustache"))
    }

    @Test func withAResourcesFolderThatHasNoTemplatesThePickerSaysNoneLoaded() throws {
        let install = try Installed()
        let empty = install.scratch.dir + "/empty-resources"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let term = try TerminalSession(width: 160, height: 40)
        // The folder replaces what is built in: no templates there means none at all.
        try term.run(install.commandLine("'\(install.scratch.inbox)'").replacingOccurrences(
            of: "env -u SHIFTDESK_RESOURCES", with: "env SHIFTDESK_RESOURCES='\(empty)'"))
        try term.waitFor("dana │")
        try term.type("t")
        let picker = try term.waitFor("No templates loaded: no template files in")
        #expect(picker.joined().contains("\(empty)/templates"))
        #expect(!picker.joined().contains("No template matches."))
        try term.press("Escape")
        try term.type("q")

        let sample = try install.run([], extra: ["SHIFTDESK_RESOURCES": empty])
        #expect(sample.status == 1)
        #expect(sample.stderr == "shiftdesk: no inbox file given, and no sample-inbox.jsonl in $SHIFTDESK_RESOURCES (\(empty))\n")
    }
}
