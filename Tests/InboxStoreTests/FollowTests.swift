import Foundation
import Testing
@testable import InboxStore
import InboxFormat

/// Following a file as other processes append to it, and noticing when it is replaced.
@Suite struct FollowTests {
    @Test func takesInAppendedLinesWithoutRereading() throws {
        let file = TestInbox([Line.message("m1")])
        let inbox = try file.load()
        let before = inbox.consumedBytes
        #expect(try inbox.follow() == .appended(lines: 0))
        file.appendRaw(Line.message("m2", thread: "t2") + "\nnot json\n")
        #expect(try inbox.follow() == .appended(lines: 2))
        #expect(inbox.messageCount == 2)
        #expect(inbox.problems.map(\.line) == [3], "line numbers go on from where the first read stopped")
        #expect(inbox.consumedBytes > before)
        #expect(inbox.thread(id: "t2") != nil)
    }

    @Test func seesARecordAppendedByAnotherProcess() throws {
        let file = TestInbox([Line.message("m1")])
        let inbox = try file.load()
        try Helper.run(["append", file.path, "1", "other"])
        #expect(try inbox.follow() == .appended(lines: 1))
        #expect(inbox.thread(id: "other-thread") != nil)
    }

    @Test func noticesTruncationAndReplacement() throws {
        let file = TestInbox([Line.message("m1"), Line.message("m2")])
        let inbox = try file.load()
        truncate(file.path, 10)
        #expect(try inbox.follow() == .truncated(size: 10))

        let other = TestInbox([Line.message("m1")])
        let second = try other.load()
        try FileManager.default.removeItem(atPath: other.path)
        _ = FileManager.default.createFile(atPath: other.path, contents: Data((Line.message("x") + "\n").utf8))
        #expect(try second.follow() == .replaced)
    }
}

/// Runs the debug build of `shiftdesk-bench` (its helper modes) as a separate process.
enum Helper {
    static var productsDirectory: URL {
        // The test bundle sits in the build folder beside the executables.
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug")
    }

    /// Starts `shiftdesk-bench arguments`; `run` waits for it and returns its stdout.
    static func start(_ arguments: [String]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = productsDirectory.appendingPathComponent("shiftdesk-bench")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        return (process, pipe)
    }

    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let (process, pipe) = try start(arguments)
        let output = finish(process, pipe)
        #expect(output?.status == 0)
        return output?.stdout ?? ""
    }

    /// Reads a started helper's stdout to the end and waits for it to exit. After `timeout`
    /// seconds it is killed and an issue recorded: a stuck helper fails the test, not the run.
    static func finish(_ process: Process, _ pipe: Pipe, timeout: Double = 60) -> (status: Int32, stdout: String)? {
        let deadline = Date().addingTimeInterval(timeout)
        let output = Output()
        let read = DispatchSemaphore(value: 0)
        Thread { output.data = pipe.fileHandleForReading.readDataToEndOfFile(); read.signal() }.start()
        let allRead = read.wait(timeout: .now() + timeout) == .success
        // The pipe closes when the process ends; Foundation notices a moment later.
        while allRead && process.isRunning && Date() < deadline { usleep(1000) }
        guard allRead, !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            Issue.record("shiftdesk-bench \((process.arguments ?? []).joined(separator: " ")) did not finish in \(Int(timeout)) s")
            return nil
        }
        return (process.terminationStatus, String(decoding: output.data, as: UTF8.self))
    }

    /// Written by the reading thread before it signals, read after the wait.
    private final class Output: @unchecked Sendable { var data = Data() }
}
