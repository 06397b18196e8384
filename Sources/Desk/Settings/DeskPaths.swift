import Foundation

/// Where shiftdesk keeps its files, by the XDG base-directory rules: one place, so the
/// config file, the templates, the drafts and the sample's working copy never disagree.
public struct DeskPaths: Sendable, Equatable {
    /// `$XDG_CONFIG_HOME/shiftdesk`, by default `~/.config/shiftdesk`: what the user writes.
    public var configFolder: String
    /// `$XDG_STATE_HOME/shiftdesk`, by default `~/.local/state/shiftdesk`: what the app keeps.
    public var stateFolder: String

    /// Reads the folders from `environment`; an empty variable counts as unset, as the
    /// XDG rules say.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        func folder(_ variable: String, default suffix: String) -> String {
            if let value = environment[variable], !value.isEmpty { return value }
            return (environment["HOME"] ?? NSHomeDirectory()) + suffix
        }
        configFolder = folder("XDG_CONFIG_HOME", default: "/.config") + "/shiftdesk"
        stateFolder = folder("XDG_STATE_HOME", default: "/.local/state") + "/shiftdesk"
    }

    /// `config.toml` in the config folder.
    public var configFile: String { configFolder + "/config.toml" }
    /// The user's own templates, which add to and override the packaged ones.
    public var userTemplatesFolder: String { configFolder + "/templates" }
    /// Unsent replies, one file per thread.
    public var draftsFolder: String { stateFolder + "/drafts" }
}
