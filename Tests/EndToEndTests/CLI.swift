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

    struct Timeout: Error, CustomStringConvertible {
        var arguments: [String]
        var description: String { "shiftdesk \(arguments.joined(separator: " ")) did not finish in time" }
    }

    /// Runs the binary and waits for it; after `timeout` seconds it is killed and this throws,
    /// so a hung command fails its test instead of hanging the run.
    /// `executable` is the built binary unless given; `environment` is added to this
    /// process's, and the variables in `unset` removed. `launcher`, if given, is a command
    /// that runs the binary, such as `prlimit` with its options. `input` is its standard
    /// input, read from a file (none: it reads nothing, standard input is the null device).
    static func run(_ arguments: [String], environment: [String: String] = [:], unset: [String] = [],
                    executable: URL = binary, launcher: [String] = [], input: Data? = nil, timeout: Double = 30) throws -> Result {
        let process = Process()
        if let input {
            let file = NSTemporaryDirectory() + "shiftdesk-cli-input-\(getpid())-\(UUID().uuidString)"
            try input.write(to: URL(fileURLWithPath: file))
            // Open, then gone from the folder: the child reads it all the same.
            process.standardInput = FileHandle(forReadingAtPath: file)
            unlink(file)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        if let tool = launcher.first {
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = launcher.dropFirst() + [executable.path] + arguments
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        var env = ProcessInfo.processInfo.environment
        env["LC_ALL"] = "C.UTF-8"
        env["SHIFTDESK_AGENT"] = nil
        env["SHIFTDESK_STORE"] = nil
        // The sample is a day in November 2026: pin the clock to its evening, so no test
        // depends on the date it runs. A test may set its own.
        env["SHIFTDESK_NOW"] = "2026-11-20T18:00:00Z"
        // Nor on the settings of whoever runs the tests.
        env["XDG_CONFIG_HOME"] = "/nonexistent/shiftdesk-tests-config"
        for (k, v) in environment { env[k] = v }
        for k in unset { env[k] = nil }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        // Read both pipes to the end at once, so a full pipe never blocks the child.
        let outData = Locked<Data>()
        let errData = Locked<Data>()
        let read = DispatchSemaphore(value: 0)
        Thread { outData.set(out.fileHandleForReading.readDataToEndOfFile()); read.signal() }.start()
        Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()); read.signal() }.start()
        let untilDeadline = { DispatchTime.now() + max(0, deadline.timeIntervalSinceNow) }
        let readBoth = read.wait(timeout: untilDeadline()) == .success && read.wait(timeout: untilDeadline()) == .success
        // The pipes are closed when the process ends; Foundation notices a moment later.
        while readBoth && process.isRunning && Date() < deadline { usleep(1000) }
        guard readBoth, !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            throw Timeout(arguments: arguments)
        }
        return Result(status: process.terminationStatus, stdout: String(decoding: outData.get() ?? Data(), as: UTF8.self),
                      stderr: String(decoding: errData.get() ?? Data(), as: UTF8.self))
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

    /// Writes `text` as the config file of a `$XDG_CONFIG_HOME` in the scratch folder (the
    /// one the terminal sessions set), and returns that folder for a command's environment.
    @discardableResult
    func writeConfig(_ text: String) throws -> String {
        let folder = dir + "/config/shiftdesk"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try text.write(toFile: folder + "/config.toml", atomically: true, encoding: .utf8)
        return dir + "/config"
    }
    var lastRecord: [String: Any] {
        let last = contents.split(separator: "\n").last.map(String.init) ?? "{}"
        return (try? JSONSerialization.jsonObject(with: Data(last.utf8))) as? [String: Any] ?? [:]
    }
}
