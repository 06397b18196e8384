import Foundation

/// Runs the real `shiftdesk` binary as a user would, and captures what it says.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty } }
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var binary: URL {
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("shiftdesk")
        }
        return packageRoot.appendingPathComponent(".build/debug/shiftdesk")
    }

    static var sample: String { packageRoot.appendingPathComponent("Resources/sample-inbox.jsonl").path }

    /// `launcher`, if given, is a command that runs the binary, such as `prlimit` with its options.
    static func run(_ arguments: [String], environment: [String: String] = [:], launcher: [String] = []) throws -> Result {
        let process = Process()
        if let tool = launcher.first {
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = launcher.dropFirst() + [binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        var env = ProcessInfo.processInfo.environment
        env["LC_ALL"] = "C.UTF-8"
        env["SHIFTDESK_AGENT"] = nil
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes to the end before waiting, so a full pipe never blocks the child.
        let errData = Locked<Data>()
        let reader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while errData.get() == nil { usleep(1000) }
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData.get()!, as: UTF8.self))
    }
}

/// A value handed from one thread to another.
final class Locked<T>: @unchecked Sendable {
    private var value: T?
    private let lock = NSLock()
    func set(_ v: T) { lock.lock(); value = v; lock.unlock() }
    func get() -> T? { lock.lock(); defer { lock.unlock() }; return value }
}

/// A scratch folder with a copy of the sample inbox, removed afterwards.
final class Scratch {
    let dir: String
    let inbox: String

    init(copySample: Bool = true) throws {
        dir = NSTemporaryDirectory() + "shiftdesk-e2e-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        inbox = dir + "/inbox.jsonl"
        if copySample { try FileManager.default.copyItem(atPath: CLI.sample, toPath: inbox) }
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    var contents: String { (try? String(contentsOfFile: inbox, encoding: .utf8)) ?? "" }
    var lastRecord: [String: Any] {
        let last = contents.split(separator: "\n").last.map(String.init) ?? "{}"
        return (try? JSONSerialization.jsonObject(with: Data(last.utf8))) as? [String: Any] ?? [:]
    }
}
