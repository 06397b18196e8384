import Foundation

// embed-resources ROOT OUTPUT FILE...
//
// Writes OUTPUT, a Swift file that holds each FILE (a path under ROOT) as a literal, for
// the BuiltinResources target. UTF-8 text becomes one string literal per file, which the
// compiler takes in a few milliseconds even at hundreds of kilobytes; anything else
// becomes a base64 string, decoded when asked for, since a [UInt8] literal of the same
// size takes the type checker far longer.

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: embed-resources ROOT OUTPUT FILE...\n".utf8))
    exit(2)
}
let root = URL(fileURLWithPath: arguments.first!).standardizedFileURL.path + "/"
let output = arguments.dropFirst().first!

/// `text` as the inside of an ordinary Swift string literal: exact for any text, where
/// a multi-line or raw literal would change line endings or need a delimiter chosen.
func escaped(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count + text.utf8.count / 8)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20 || scalar.value == 0x7F:
            out += "\\u{" + String(scalar.value, radix: 16) + "}"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}

var swift = """
    // Generated at build time by embed-resources from the package's Resources/ folder.
    // Do not edit: edit Resources/ and build.

    extension BuiltinResources {
        static let files: [String: Content] = [

    """
var entries = 0
for file in arguments.dropFirst(2) {
    let path = URL(fileURLWithPath: file).standardizedFileURL.path
    guard path.hasPrefix(root) else {
        FileHandle.standardError.write(Data("embed-resources: \(file) is not under \(root)\n".utf8))
        exit(1)
    }
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("embed-resources: cannot read \(path)\n".utf8))
        exit(1)
    }
    let name = escaped(String(path.dropFirst(root.count)))
    if let text = String(validating: data, as: UTF8.self) {
        swift += "        \"\(name)\": .text(\"\(escaped(text))\"),\n"
    } else {
        swift += "        \"\(name)\": .base64(\"\(data.base64EncodedString())\"),\n"
    }
    entries += 1
}
swift += entries == 0 ? "        :\n    ]\n}\n" : "    ]\n}\n"

// Written only when it changed, so that an unchanged resource costs no recompile.
if FileManager.default.contents(atPath: output) != Data(swift.utf8) {
    do {
        try Data(swift.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
    } catch {
        FileHandle.standardError.write(Data("embed-resources: cannot write \(output): \(error)\n".utf8))
        exit(1)
    }
}
