import Foundation
import InboxFormat
import InboxStore

/// How a deliverer works.
public struct DeliverySettings: Sendable {
    /// Its name in the `by` of its records.
    public var name: String
    /// The command each reply is handed to, run by `/bin/sh -c`.
    public var command: String
    /// How long the command may take before it counts as failed ("timed out").
    public var timeoutSeconds: Int
    /// The channels whose replies it takes; empty: every channel. A command speaks to one
    /// channel, and a reply claimed by the wrong one is lost to the right one for good.
    public var channels: Set<String>

    public init(name: String, command: String, timeoutSeconds: Int = 30, channels: Set<String> = []) {
        self.name = name
        self.command = command
        self.timeoutSeconds = timeoutSeconds
        self.channels = channels
    }
}

/// Delivers the replies written here, each at most once, through a command.
///
/// For each waiting reply (an `out` message with `agent` and no `delivery` yet), oldest
/// first:
/// 1. **Claim.** Under the writers' lock it reads what others appended and, if the reply
///    is still waiting, appends `delivery` `sending` (with its timeout). A reply another
///    deliverer claimed is left alone; so is one claimed by a deliverer that died, for
///    good: it may have gone out.
/// 2. **Hand over.** It runs the command with `{"reply": …, "to": …, "customer_message":
///    …}` on standard input (the records as they are in the file; `to` is the customer's
///    `author`; null where the thread has no customer message) and `SHIFTDESK_CHANNEL`,
///    `SHIFTDESK_THREAD` and `SHIFTDESK_TO` in its environment.
/// 3. **Outcome.** It appends `sent` (with the first line of the command's output as
///    `remote_id`) or `failed` (with the last line of its error output, or "timed out").
public final class Deliverer {
    private let queue: DeliveryQueue
    private let inbox: Inbox
    private let store: any RecordStore
    private let writer: RecordWriter
    private let settings: DeliverySettings
    /// The inbox, opened for reading records' lines back.
    private let file: Int32

    public convenience init(path: String, settings: DeliverySettings, now: @escaping @Sendable () -> Timestamp) throws(InboxError) {
        try self.init(store: FileRecordStore(path: path), settings: settings, now: now)
    }

    /// Delivers from any store: claims are decided under its writers' exclusion.
    public init(store: any RecordStore, settings: DeliverySettings, now: @escaping @Sendable () -> Timestamp) throws(InboxError) {
        let queue = DeliveryQueue()
        self.queue = queue
        self.store = store
        try store.catchUp()
        let path = store.readablePath
        inbox = try Inbox(path: path, projections: [queue])
        writer = RecordWriter(agent: settings.name, now: now)
        self.settings = settings
        file = open(path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { throw InboxError.system("open the inbox", path) }
    }

    deinit { close(file) }

    /// The inbox's name: its path, or the store's URL.
    public var path: String { store.name }

    /// How many replies wait for a deliverer, as far as the inbox was read.
    public var waitingCount: Int { queue.waiting.count }

    /// Takes in what was appended since the last read.
    public func follow() throws(InboxError) {
        try store.catchUp()
        try followLocal()
    }

    /// Takes in what the local file holds: all there is while the writers' lock is held.
    private func followLocal() throws(InboxError) {
        switch try inbox.follow() {
        case .appended: return
        case .replaced: throw InboxError("\(store.name): the inbox file was replaced; start the deliverer again to read the new one")
        case .truncated(let size): throw InboxError("\(store.name): the inbox file was truncated to \(size) bytes; not delivering from it")
        }
    }

    /// Delivers every reply waiting now, oldest first; `delivered` hears of each (the
    /// thread's id, the reply's id, the outcome). `shouldStop` is asked between replies.
    /// Returns how many it handed to the command.
    @discardableResult
    public func deliverWaiting(shouldStop: () -> Bool = { false },
                               delivered: (_ thread: String, _ reply: String, _ outcome: DeliveryOutcome) -> Void) throws(InboxError) -> Int {
        try follow()
        var handed = 0
        for reply in queue.waitingInOrder {
            if shouldStop() { break }
            guard let record = try readLine(reply.location) else { continue }
            let fields = Self.read(record).fields
            guard let id = fields["id"] else { continue }
            guard settings.channels.isEmpty || settings.channels.contains(fields["channel"] ?? "") else { continue }
            guard try claim(reply, id: id) else { continue }
            handed += 1
            let customer = try queue.lastCustomerMessage[reply.thread.ordinal].flatMap { location throws(InboxError) in try readLine(location) }
            let customerRecord = customer.map(Self.read)
            let author = customerRecord?.author
            var input: [UInt8] = Array(#"{"reply":"#.utf8) + record + Array(#","to":"#.utf8)
            input += author.map { Array($0) } ?? Array("null".utf8)
            input += Array(#","customer_message":"#.utf8) + (customer ?? Array("null".utf8)) + Array("}\n".utf8)
            let thread = inbox.threadID(reply.thread)
            let environment = [
                "SHIFTDESK_CHANNEL": fields["channel"] ?? "",
                "SHIFTDESK_THREAD": thread,
                "SHIFTDESK_TO": customerRecord?.fields["author.id"] ?? "",
            ]
            let outcome = DeliveryCommand(command: settings.command, timeoutSeconds: settings.timeoutSeconds)
                .run(input: input, environment: environment)
            let line: String
            switch outcome {
            case .sent(let remoteID): line = writer.delivery(message: id, state: .sent, remoteID: remoteID)
            case .failed(let error): line = writer.delivery(message: id, state: .failed, error: error)
            }
            try store.append(line: line)
            try follow()
            delivered(thread, id, outcome)
        }
        return handed
    }

    /// Appends the `sending` claim if the reply still waits once the lock is held.
    private func claim(_ reply: DeliveryQueue.Waiting, id: String) throws(InboxError) -> Bool {
        let claim = writer.delivery(message: id, state: .sending, timeout: settings.timeoutSeconds)
        let outcome = try store.append { () throws(InboxError) -> [String] in
            // Nobody else can write now: what the store holds is all there is.
            try followLocal()
            return queue.isWaiting(reply.message) ? [claim] : []
        }
        try follow()
        return outcome.appended == 1
    }

    /// The bytes of one line of the inbox.
    private func readLine(_ location: LineLocation) throws(InboxError) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: Int(location.length))
        let got = bytes.withUnsafeMutableBytes { pread(file, $0.baseAddress, $0.count, off_t(location.offset)) }
        guard got >= 0 else { throw InboxError.system("read the inbox", inbox.path) }
        return got == bytes.count ? bytes : nil
    }

    /// A record's line, scanned once for what the deliverer reads: the string fields `id`,
    /// `channel` and `author.id`, and the `author` object as it is written in the line.
    static func read(_ line: [UInt8]) -> (fields: [String: String], author: ArraySlice<UInt8>?) {
        var scanner = JSONLineScanner()
        let (fields, range): ([String: String], Range<Int>?) = line.withUnsafeBytes { raw in
            guard let f = try? scanner.scan(raw) else { return ([:], nil) }
            var out: [String: String] = [:]
            for (name, value) in [("id", f.id), ("channel", f.channel), ("author.id", f.authorID)] where value.kind == .string {
                let bytes = UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[value.range])
                out[name] = String(decoding: value.escaped ? JSONEscapes.decode(bytes) : Array(bytes), as: UTF8.self)
            }
            return (out, f.author.kind == .object ? f.author.range : nil)
        }
        return (fields, range.map { line[$0] })
    }
}
