import Foundation

/// Hands a draft to `$VISUAL` or `$EDITOR` (else `vi`) and reads it back.
///
/// `posix_spawn` without a new process group, so the editor can read the terminal
/// (Foundation.Process starts children in their own group, and they cannot).
enum ExternalEditor {
    /// The edited text, or nil when the editor could not run or failed.
    static func edit(_ text: String) -> String? {
        let env = ProcessInfo.processInfo.environment
        let editor = [env["VISUAL"], env["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let dir = NSTemporaryDirectory()
        let path = dir + "shiftdesk-reply-\(getpid())-\(UInt32.random(in: 0 ... .max)).txt"
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            return nil
        }
        defer { unlink(path) }
        // Through the shell, so EDITOR="code --wait" and the like work.
        // exec: no shell stays between us and the editor, to be killed by a Ctrl-C the
        // editor itself handles (and to leave the editor running on its own).
        let words: [String] = ["/bin/sh", "-c", "exec " + editor + " \"$1\"", "sh", path]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else { return nil }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard status == 0, let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
