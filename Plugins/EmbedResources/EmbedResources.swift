import Foundation
import PackagePlugin

/// Builds the files of the target it is applied to (`Resources/`), all but its Swift
/// sources, into that target as Swift literals, so that the binary needs no files beside
/// it. `embed-resources` writes the literals.
@main
struct EmbedResources: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let module = target.sourceModule else { return [] }
        // SwiftPM re-runs this when a file is added to or removed from the target's
        // folder, and the command when one of these files changes.
        let files = module.sourceFiles.filter { $0.type != .source }.map(\.url).sorted { $0.path < $1.path }
        // The target's folder, which its `directoryURL` would give from tools version 6.1
        // on (the package says 6.0); embed-resources stops if a file is not under it.
        let folder = context.package.directoryURL.appending(path: "Resources")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedResources.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) files of \(folder.lastPathComponent)/",
                executable: try context.tool(named: "embed-resources").url,
                arguments: [folder.path, output.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            ),
        ]
    }
}
