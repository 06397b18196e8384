import Foundation

// This file sits in Resources/ because Resources/ is this target's folder: that is what
// makes SwiftPM re-run the EmbedResources plugin when a file is added there or removed
// (see BuiltInResources.md in Desk.docc). It is the one file here that is not embedded.

/// The package's `Resources/` folder, built into the binary: the sample inbox, the default
/// templates and the example config travel with the one executable, wherever it is
/// copied. `Resources/` stays the one source: the `EmbedResources` plugin turns its files
/// into literals at build time.
public enum BuiltinResources {
    enum Content: Sendable {
        case text(String)
        case base64(String)
    }

    /// Every file's path inside `Resources/`, sorted: `"templates/apology.en.mustache"`.
    public static var paths: [String] { files.keys.sorted() }

    /// The file at `path` inside `Resources/`, as text; nil when there is none or it is
    /// not UTF-8 text.
    public static func text(_ path: String) -> String? {
        switch files[path] {
        case .text(let text): text
        case .base64, nil: nil
        }
    }

    /// The file at `path` inside `Resources/`, as bytes; nil when there is none.
    public static func data(_ path: String) -> Data? {
        switch files[path] {
        case .text(let text): Data(text.utf8)
        case .base64(let encoded): Data(base64Encoded: encoded)
        case nil: nil
        }
    }

    /// The files in `folder` (not below it) whose names end in `suffix`, as (path, text),
    /// sorted by path.
    public static func texts(in folder: String, suffix: String) -> [(path: String, text: String)] {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return paths.filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) && !$0.dropFirst(prefix.count).contains("/") }
            .compactMap { path in text(path).map { (path, $0) } }
    }
}
