import InboxFormat
import Foundation

/// A frozen copy of the thread table, for reading threads on another thread while the
/// inbox goes on following its file on this one.
///
/// Taking one costs nothing: the tables are copy-on-write, and the file is read through
/// a descriptor of the snapshot's own. But while a snapshot is alive, the next records
/// the inbox takes in copy every table they change, so keep it only as long as it takes
/// to copy out what you need with ``texts(of:)`` (memory reads, no file reads), and do
/// the slow part, reading the texts, from the ``ThreadTexts`` that gives.
///
/// ```swift
/// let snapshot = inbox.snapshot()                 // on the inbox's thread
/// Thread {
///     let texts = snapshot.texts(of: refs)        // copies out, then the snapshot goes
///     for i in 0..<texts.count where texts.lastInboundText(at: i)?.contains("refund") == true { … }
/// }.start()
/// ```
public struct InboxSnapshot: Sendable {
    let threads: [ThreadRow]
    let messages: [MessageRow]
    let threadIDs: ByteInterner
    let channels: ByteInterner
    let persons: [PersonRow]
    let file: SharedDescriptor

    /// What a search matches `refs` by, in their order: ids, channels and customers as
    /// strings, and where each thread's last customer message is in the file.
    public func texts(of refs: [ThreadRef]) -> ThreadTexts {
        var channelNames: [Int32: String] = [:]
        var rows: [ThreadTexts.Row] = []
        rows.reserveCapacity(refs.count)
        for ref in refs {
            let i = Int(ref.index)
            guard i < threads.count else { continue }
            let row = threads[i]
            var channel = ""
            if row.channel >= 0 {
                if let known = channelNames[row.channel] {
                    channel = known
                } else {
                    channel = channels.string(row.channel)
                    channelNames[row.channel] = channel
                }
            }
            let customer = row.customer >= 0 ? persons[Int(row.customer)] : nil
            rows.append(ThreadTexts.Row(
                ref: ref, id: threadIDs.string(ref.index), channel: channel,
                customerName: customer?.name, customerHandle: customer?.handle,
                lastInbound: row.lastInbound >= 0 ? messages[Int(row.lastInbound)].line : nil))
        }
        return ThreadTexts(rows: rows, file: file)
    }
}

/// The searchable texts of some threads, copied out of an ``InboxSnapshot``: it holds no
/// table of the inbox, so it can take its time; message texts are read from the file as
/// they are asked for.
public struct ThreadTexts: Sendable {
    struct Row: Sendable {
        var ref: ThreadRef
        var id: String
        var channel: String
        var customerName: String?
        var customerHandle: String?
        var lastInbound: LineLocation?
    }

    let rows: [Row]
    let file: SharedDescriptor

    /// The threads, in the order asked for.
    public var count: Int { rows.count }
    public func ref(at i: Int) -> ThreadRef { rows[i].ref }
    public func id(at i: Int) -> String { rows[i].id }
    public func channel(at i: Int) -> String { rows[i].channel }
    public func customerName(at i: Int) -> String? { rows[i].customerName }
    public func customerHandle(at i: Int) -> String? { rows[i].customerHandle }

    /// The text of the thread's last customer message, read from the file (nil when it
    /// has none, or the line no longer reads as it did).
    public func lastInboundText(at i: Int) -> String? {
        guard let location = rows[i].lastInbound else { return nil }
        var buffer = [UInt8](repeating: 0, count: Int(location.length))
        let got = buffer.withUnsafeMutableBytes { pread(file.fd, $0.baseAddress, Int(location.length), off_t(location.offset)) }
        guard got == Int(location.length) else { return nil }
        return buffer.withUnsafeBytes { raw -> String? in
            var scanner = JSONLineScanner()
            guard let fields = try? scanner.scan(raw), fields.text.kind == .string else { return nil }
            return InboxState.string(fields.text, raw)
        }
    }
}

/// A descriptor closed when the last snapshot or text list that reads through it goes.
final class SharedDescriptor: Sendable {
    let fd: Int32
    init(fd: Int32) { self.fd = fd }
    deinit { if fd >= 0 { close(fd) } }
}

extension Inbox {
    /// The thread table as it is now, to read on another thread; see ``InboxSnapshot``.
    public func snapshot() -> InboxSnapshot {
        InboxSnapshot(threads: state.threads, messages: state.messages, threadIDs: state.threadIDs,
                      channels: state.channels, persons: state.persons,
                      file: SharedDescriptor(fd: fcntl(fd, F_DUPFD_CLOEXEC, 0)))
    }
}
