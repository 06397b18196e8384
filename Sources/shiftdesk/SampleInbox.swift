import Foundation
import Desk
import InboxFormat
import InboxStore

/// The sample inbox that ships with shiftdesk, and the working copy that the app appends
/// to instead.
enum SampleInbox {
    static let fileName = "sample-inbox.jsonl"

    /// The working copy in `$XDG_STATE_HOME/shiftdesk/` (default `~/.local/state`),
    /// made from the packaged sample (see ``PackagedResources``) on first use.
    static func workingCopy() throws -> String {
        let dir = DeskPaths().stateFolder
        let target = dir + "/" + fileName
        if !FileManager.default.fileExists(atPath: target) {
            guard let sample = PackagedResources.data(fileName) else {
                throw Output.failure("no inbox file given, and no \(fileName) in \(PackagedResources.origin)")
            }
            do {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
                guard FileManager.default.createFile(atPath: target, contents: sample, attributes: [.posixPermissions: 0o600]) else {
                    throw InboxError("\(target): cannot create the working copy")
                }
            } catch {
                throw Output.failure("cannot make a working copy of the sample inbox in \(dir): \(error)")
            }
        }
        return target
    }
}
