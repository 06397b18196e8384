import Foundation

/// What became of one reply handed to the delivery command.
public enum DeliveryOutcome: Sendable, Equatable {
    /// It exited 0; the first line of its output, if any, is the channel's id for the reply.
    case sent(remoteID: String?)
    /// It exited otherwise, or ran out of time: the last line of its error output, or why.
    case failed(String)
}

/// Runs a delivery command (`/bin/sh -c COMMAND`) on one reply: the JSON on its standard
/// input, the reply's particulars in its environment, within a time limit.
///
/// The command runs in a process group of its own, so that a timeout ends it and whatever
/// it started, and a Ctrl-C meant for the deliverer lets the reply in flight finish.
/// Input and output go through files, not pipes: a command that never reads its input, or
/// writes a lot, cannot stall the deliverer. The files are unlinked as soon as they are
/// open, so a killed deliverer leaves none behind.
struct DeliveryCommand {
    var command: String
    var timeoutSeconds: Int

    /// The most of a remote id or an error message kept in the inbox.
    static let keptCharacters = 500

    func run(input: [UInt8], environment: [String: String]) -> DeliveryOutcome {
        // Three files, opened and then unlinked with their folder at once: the command reads
        // and writes them through the descriptors, and nothing of a customer's reply stays
        // on disk, even if the deliverer is killed.
        let folder = NSTemporaryDirectory() + "shiftdesk-deliver-\(getpid())-\(UUID().uuidString)"
        guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false,
                                                         attributes: [.posixPermissions: 0o700])) != nil else {
            return .failed("could not make a temporary folder for the command")
        }
        let files = ["in", "out", "err"].map { open(folder + "/" + $0, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600) }
        try? FileManager.default.removeItem(atPath: folder)
        defer { for fd in files where fd >= 0 { close(fd) } }
        guard files.allSatisfy({ $0 >= 0 }) else { return .failed("could not make the command's temporary files") }
        let (inFD, outFD, errFD) = (files[0], files[1], files[2])
        var written = 0
        while written < input.count {
            let n = input[written...].withUnsafeBytes { write(inFD, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return .failed("could not write the command's input") }
            written += n
        }
        lseek(inFD, 0, SEEK_SET)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inFD, 0)
        posix_spawn_file_actions_adddup2(&actions, outFD, 1)
        posix_spawn_file_actions_adddup2(&actions, errFD, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        // The command starts with no signal blocked and every one at its default.
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)

        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        let words = ["/bin/sh", "-c", command]
        let argv = words.map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp)
        guard spawned == 0 else { return .failed("could not start the command: \(String(cString: strerror(spawned)))") }

        let deadline = Date().addingTimeInterval(Double(timeoutSeconds))
        var status: Int32 = 0
        var timedOut = false
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if done < 0 && errno != EINTR { return .failed("lost the command: \(String(cString: strerror(errno)))") }
            if Date() >= deadline {
                // The whole group: a shell's children too.
                kill(-pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                timedOut = true
                break
            }
            usleep(5_000)
        }
        // It may have handed the reply over before it ran out of time: say so, so nobody
        // sends it again without looking.
        if timedOut { return .failed("timed out (it may have gone out: check the channel before sending again)") }
        // Bytes as they are: output that is not UTF-8 still says something.
        let output = String(decoding: Self.readAll(outFD), as: UTF8.self)
        let errors = String(decoding: Self.readAll(errFD), as: UTF8.self)
        if status & 0x7F == 0 && (status >> 8) & 0xFF == 0 {
            // Lines end in \n or \r\n (one Character in Swift, which a split on "\n" misses).
            let first = output.split(whereSeparator: \.isNewline).first
                .map { String($0.trimmingCharacters(in: .whitespacesAndNewlines).prefix(Self.keptCharacters)) }
            return .sent(remoteID: first?.isEmpty == false ? first : nil)
        }
        let last = errors.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.last { !$0.isEmpty }
        if let last { return .failed(String(last.prefix(Self.keptCharacters))) }
        if status & 0x7F != 0 { return .failed("the command was killed by signal \(status & 0x7F)") }
        return .failed("the command exited with status \((status >> 8) & 0xFF)")
    }

    /// What a file holds, read from its start through its descriptor.
    static func readAll(_ fd: Int32) -> [UInt8] {
        lseek(fd, 0, SEEK_SET)
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            out += buffer[..<n]
        }
        return out
    }
}
