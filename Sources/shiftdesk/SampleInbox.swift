import Foundation
import Desk
import InboxFormat
import InboxStore

/// The packaged sample inbox, and the working copy that the app appends to instead.
enum SampleInbox {
    static let fileName = "sample-inbox.jsonl"

    /// The packaged sample: `$SHIFTDESK_RESOURCES`, else the `Resources/` folder of the
    /// checkout the binary was built in (found by walking up from the executable), else
    /// the system's share folder.
    static func packaged() -> String? {
        var candidates: [String] = []
        if let dir = ProcessInfo.processInfo.environment["SHIFTDESK_RESOURCES"] {
            candidates.append(dir + "/" + fileName)
        }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        if let exe = Bundle.main.executableURL { dir = exe.resolvingSymlinksInPath().deletingLastPathComponent() }
        for _ in 0..<6 {
            candidates.append(dir.appendingPathComponent("Resources").appendingPathComponent(fileName).path)
            dir = dir.deletingLastPathComponent()
        }
        candidates.append("/usr/local/share/shiftdesk/" + fileName)
        candidates.append("/usr/share/shiftdesk/" + fileName)
        return candidates.first { FileManager.default.isReadableFile(atPath: $0) }
    }

    /// The working copy in `$XDG_STATE_HOME/shiftdesk/` (default `~/.local/state`),
    /// made from the packaged sample on first use. The packaged file is never written.
    static func workingCopy() throws -> String {
        guard let source = packaged() else {
            throw Output.failure("no inbox file given and the sample inbox was not found (set SHIFTDESK_RESOURCES to the Resources folder)")
        }
        let dir = DeskPaths().stateFolder
        let target = dir + "/" + fileName
        if !FileManager.default.fileExists(atPath: target) {
            do {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
                let data = try Data(contentsOf: URL(fileURLWithPath: source))
                guard FileManager.default.createFile(atPath: target, contents: data, attributes: [.posixPermissions: 0o600]) else {
                    throw InboxError("\(target): cannot create the working copy")
                }
            } catch {
                throw Output.failure("cannot make a working copy of the sample inbox in \(dir): \(error)")
            }
        }
        return target
    }
}

/// Where templates come from: the packaged defaults, then the user's own folder
/// (`$XDG_CONFIG_HOME/shiftdesk/templates`, default `~/.config/...`), which adds to
/// and overrides them.
enum TemplateFolders {
    static func all() -> [String] {
        var folders: [String] = []
        if let sample = SampleInbox.packaged() {
            folders.append(URL(fileURLWithPath: sample).deletingLastPathComponent().appendingPathComponent("templates").path)
        }
        folders.append(DeskPaths().userTemplatesFolder)
        return folders
    }
}
