import Foundation
import Testing
import BuiltinResources

/// What the binary carries is `Resources/` exactly: every file but the target's own Swift
/// source, byte for byte, no more.
@Suite struct BuiltinResourcesTests {
    let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Resources")

    func filesOnDisk() -> [String] {
        let walk = FileManager.default.enumerator(at: resources, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
        var paths: [String] = []
        while let url = walk?.nextObject() as? URL {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue, url.pathExtension != "swift" {
                paths.append(String(url.standardizedFileURL.path.dropFirst(resources.standardizedFileURL.path.count + 1)))
            }
        }
        return paths.sorted()
    }

    @Test func everyFileOfResourcesIsBuiltInUnchanged() throws {
        let onDisk = filesOnDisk()
        #expect(onDisk.contains("sample-inbox.jsonl") && onDisk.contains("config.toml"))
        #expect(onDisk.contains("templates/apology.ru.mustache"))
        #expect(BuiltinResources.paths == onDisk)
        for path in onDisk {
            let data = try Data(contentsOf: resources.appendingPathComponent(path))
            #expect(BuiltinResources.data(path) == data, "\(path)")
        }
    }

    @Test func templatesAreListedByFolderAndSuffix() {
        let templates = BuiltinResources.texts(in: "templates", suffix: ".mustache")
        #expect(templates.count == 22, "nine replies and two pins, in English and Russian")
        #expect(templates.first?.path == "templates/ack-response-time.en.mustache")
        #expect(templates.allSatisfy { $0.text.hasPrefix("---\n") })
        #expect(BuiltinResources.texts(in: "", suffix: ".toml").isEmpty, "only the folder named, not the root")
        #expect(BuiltinResources.text("no-such-file") == nil)
    }
}
