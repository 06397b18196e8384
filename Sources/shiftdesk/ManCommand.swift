import ArgumentParser
import DeskUI
import Foundation

/// `shiftdesk man`: the manual page, shiftdesk(1), made from the commands' own help and
/// the app's keymap, so it says what this build does and never drifts from it.
struct ManCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "man",
        abstract: "Print the manual page, shiftdesk(1), in roff.",
        discussion: """
            Install it where man finds it, for example:
              mkdir -p ~/.local/share/man/man1
              shiftdesk man > ~/.local/share/man/man1/shiftdesk.1
            or read it at once with: shiftdesk man | man -l -
            """
    )

    func run() throws {
        FileHandle.standardOutput.write(Data(ManPage.text().utf8))
    }
}

/// The manual page as roff.
enum ManPage {
    static func text() -> String {
        var out: [String] = []
        out.append(#".TH SHIFTDESK 1 "" "shiftdesk \#(Version.current)" "User Commands""#)
        out.append(".SH NAME")
        out.append(#"shiftdesk \- a terminal inbox for customer-support agents"#)
        out.append(".SH SYNOPSIS")
        out.append(#".B shiftdesk"#)
        out.append(#"[\fIFILE\fR] [\fB\-\-agent\fR \fINAME\fR] [\fB\-\-now\fR \fITIME\fR]"#)
        out.append(".br")
        out.append(#".B shiftdesk"#)
        out.append(#"\fICOMMAND\fR [\fIFILE\fR] [\fIOPTIONS\fR]"#)
        out.append(".SH DESCRIPTION")
        out += paragraphs(Shiftdesk.configuration.abstract + "\n\n" + Shiftdesk.configuration.discussion)
        out.append(".SH COMMANDS")
        for command in Shiftdesk.configuration.subcommands {
            let name = command.configuration.commandName ?? "\(command)"
            out.append(".SS \(escape(name))")
            out.append(".nf")
            out += Shiftdesk.helpMessage(for: command, columns: 80).split(separator: "\n", omittingEmptySubsequences: false)
                .map { line(String($0)) }
            out.append(".fi")
        }
        out.append(".SH KEYS")
        out += paragraphs("In the app (press ? there for the same list):")
        for binding in Keymap.bindings {
            out.append(".TP")
            out.append(#".B "# + escape(binding.keys.map(\.label).joined(separator: " ")))
            out.append(line(binding.help))
        }
        out += paragraphs("Writing a reply:")
        for key in Keymap.composeKeys {
            out.append(".TP")
            out.append(#".B "# + escape(key.keys))
            out.append(line(key.help))
        }
        out.append(".SH ENVIRONMENT")
        for (name, meaning) in [
            ("SHIFTDESK_AGENT", "The agent's name when --agent is not given; else the login name."),
            ("SHIFTDESK_NOW", "The clock's start (RFC 3339) when --now is not given; else the real time."),
            ("XDG_CONFIG_HOME", "Where config.toml and templates are looked for: $XDG_CONFIG_HOME/shiftdesk (default ~/.config/shiftdesk)."),
            ("NO_COLOR", "When set, the app draws without colour and with letters for its symbols."),
            ("EDITOR", "The editor Ctrl-E opens a reply in."),
        ] {
            out.append(".TP")
            out.append(".B \(name)")
            out.append(line(meaning))
        }
        out.append(".SH EXIT STATUS")
        out += paragraphs("0 on success; 1 when a command fails, with its reason on standard error, or when check, check-config or ingest found a bad line.")
        out.append(".SH SEE ALSO")
        out += paragraphs("The README and the DocC articles of the source (TheInboxFile for the format).")
        return out.joined(separator: "\n") + "\n"
    }

    /// Text as roff paragraphs: blank lines part them; lines indented by two spaces (the
    /// examples) are kept as they are.
    static func paragraphs(_ text: String) -> [String] {
        var out: [String] = [".PP"]
        var literal = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if raw.isEmpty {
                if literal { out.append(".fi"); literal = false }
                out.append(".PP")
            } else if raw.hasPrefix("  ") {
                if !literal { out.append(".nf"); literal = true }
                out.append(line(raw))
            } else {
                if literal { out.append(".fi"); literal = false }
                out.append(line(raw))
            }
        }
        if literal { out.append(".fi") }
        return out
    }

    /// One line of text: backslashes and hyphens escaped, and a leading `.` or `'` (which
    /// roff would read as a request) guarded.
    static func line(_ text: String) -> String {
        let escaped = escape(text)
        return escaped.hasPrefix(".") || escaped.hasPrefix("'") ? #"\&"# + escaped : escaped
    }

    /// Backslashes and hyphens as roff wants them, and every character past ASCII by its
    /// code point (`\[u2014]`), which every roff reads whatever its input encoding.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += #"\e"#
            case "-": out += #"\-"#
            case _ where scalar.value > 0x7F: out += String(format: #"\[u%04X]"#, scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
