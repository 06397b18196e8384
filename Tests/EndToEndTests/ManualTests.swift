import Foundation
import Testing

/// The manual page and the shell completions, as a user installs them.
@Suite struct ManualTests {
    /// The subcommands `shiftdesk --help` lists.
    static func subcommands() throws -> [String] {
        let help = try CLI.run(["--help"]).stdout
        // The list runs to the first blank line.
        let listed = (help.components(separatedBy: "SUBCOMMANDS:\n").last ?? "").components(separatedBy: "\n\n").first ?? ""
        return listed.split(separator: "\n").compactMap { line in
            // A subcommand's line starts with two spaces and its name; wrapped text with more.
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
            return line.split(separator: " ").first.map(String.init)
        }
    }

    @Test func theManualPageNamesEveryCommandAndKeyAndRendersClean() throws {
        let page = try CLI.run(["man"])
        #expect(page.status == 0)
        let commands = try Self.subcommands()
        #expect(commands.count > 15 && commands.contains("deliver") && commands.contains("ingest"))
        for command in commands {
            #expect(page.stdout.contains("\n.SS \(command.replacingOccurrences(of: "-", with: #"\-"#))\n"), "\(command) has its section")
        }
        // groff reads it without a warning, and a reader sees the keys with what they do.
        let file = NSTemporaryDirectory() + "shiftdesk-\(UUID().uuidString).1"
        try page.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let groff = Process()
        groff.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        groff.arguments = ["groff", "-man", "-Tutf8", "-ww", "-P-cbou", file]
        let errorsFile = file + ".err"
        #expect(FileManager.default.createFile(atPath: errorsFile, contents: nil))
        defer { try? FileManager.default.removeItem(atPath: errorsFile) }
        let output = Pipe()
        groff.standardOutput = output
        groff.standardError = FileHandle(forWritingAtPath: errorsFile)
        try groff.run()
        let rendered = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        groff.waitUntilExit()
        let warnings = (try? String(contentsOfFile: errorsFile, encoding: .utf8)) ?? ""
        #expect(groff.terminationStatus == 0 && warnings.isEmpty, "\(warnings)")
        #expect(rendered.contains("SHIFTDESK(1)"))
        #expect(rendered.contains("Resolve the thread") && rendered.contains("Ctrl-S") && rendered.contains("Send, after the check"))
        #expect(rendered.contains("\"unknown —"), "text past ASCII comes through")
    }

    @Test func completionsForBashZshAndFishOfferTheCommands() throws {
        for shell in ["bash", "zsh", "fish"] {
            let script = try CLI.run(["--generate-completion-script", shell])
            #expect(script.status == 0 && script.stdout.contains("deliver") && script.stdout.contains("ingest"), "\(shell)")
        }
        // bash reads its script without a syntax error, and completes a subcommand.
        let bash = Process()
        bash.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let script = try CLI.run(["--generate-completion-script", "bash"]).stdout
        let file = NSTemporaryDirectory() + "shiftdesk-completion-\(UUID().uuidString).bash"
        try script.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        bash.arguments = ["bash", "-c", """
            source '\(file)'
            COMP_WORDS=(shiftdesk ing); COMP_CWORD=1; COMP_LINE='shiftdesk ing'; COMP_POINT=${#COMP_LINE}
            _shiftdesk shiftdesk ing shiftdesk
            printf '%s\\n' "${COMPREPLY[@]}"
            """]
        let out = Pipe()
        bash.standardOutput = out
        bash.standardError = FileHandle.nullDevice
        try bash.run()
        let offered = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        bash.waitUntilExit()
        #expect(offered.split(separator: "\n").contains("ingest"), "\(offered)")
    }
}
