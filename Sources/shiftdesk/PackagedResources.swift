import BuiltinResources
import Desk
import Foundation

/// What ships with shiftdesk (the sample inbox, the default templates, the example config)
/// and where it is read from: the copy built into the binary, or, when
/// `$SHIFTDESK_RESOURCES` names a folder, that folder instead, wholly. The folder is for
/// trying out edits to `Resources/` without a rebuild and for packagers; it never mixes
/// with the built-in copy, so what it lacks is missing, not silently taken from the binary.
enum PackagedResources {
    static let variable = "SHIFTDESK_RESOURCES"

    /// The folder that replaces the built-in resources; nil (or empty) when unset.
    static func overrideFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard let folder = environment[variable], !folder.isEmpty else { return nil }
        return folder
    }

    /// The file at `path` inside the resources (`"sample-inbox.jsonl"`); nil when the
    /// source in use has no such file.
    static func data(_ path: String) -> Data? {
        if let folder = overrideFolder() { return FileManager.default.contents(atPath: folder + "/" + path) }
        return BuiltinResources.data(path)
    }

    /// Where the packaged resources come from, in words.
    static var origin: String {
        overrideFolder().map { "$\(variable) (\($0))" } ?? "built in"
    }
}

/// Where templates come from: the packaged defaults, then the user's own folder
/// (`$XDG_CONFIG_HOME/shiftdesk/templates`, default `~/.config/...`), which adds to
/// and overrides them by name and language.
enum TemplateSources {
    static func all() -> [TemplateSource] {
        let defaults: TemplateSource
        if let folder = PackagedResources.overrideFolder() {
            defaults = .folder(folder + "/templates")
        } else {
            let files = BuiltinResources.texts(in: "templates", suffix: ".mustache")
            defaults = .files(origin: "built in", files.map { ("built-in " + $0.path, $0.text) })
        }
        return [defaults, .folder(DeskPaths().userTemplatesFolder)]
    }
}
