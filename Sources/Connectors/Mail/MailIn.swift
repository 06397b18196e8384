import Foundation
import InboxFormat
import InboxStore

/// Which thread each mail of the inbox is in: by its Message-ID (a customer's mail, whose
/// id is its Message-ID) or by the Message-ID a deliverer gave a reply (`remote_id`), so
/// that a customer answering one of our replies lands in its thread.
final class MailThreads: InboxProjection {
    private(set) var threadOf: [String: ThreadRef] = [:]
    /// Per `remote_id`, the id of the reply record it was given to.
    private(set) var replyOf: [String: String] = [:]
    private var replies: [Int32: (thread: ThreadRef, id: String)] = [:]

    func apply(_ record: RecordContext) {
        switch record.type {
        case .message:
            guard let thread = record.thread, let id = record.string(.id), record.string(.channel) == "email" else { return }
            threadOf[id] = thread
            if record.direction == .outbound, let message = record.message { replies[message.index] = (thread, id) }
        case .delivery:
            guard let message = record.referencedMessage, let reply = replies[message.index],
                  let remote = record.string(.remoteID) else { return }
            let bare = IncomingMail.ids(in: remote).first ?? remote
            threadOf[bare] = reply.thread
            replyOf[bare] = reply.id
        default:
            break
        }
    }
}

/// Turns the mails of a maildir into private messages on channel `email`, never moving or
/// changing a mail (`shiftdesk mail-in`).
///
/// Each mail becomes a `message`: its Message-ID the record's id (so reading it again adds
/// nothing), the sender's address its author's id, the subject, the text a person reads,
/// what came attached by name and size. Its thread: the thread of the mail it answers
/// (In-Reply-To, then References from the nearest), ours included; else a thread its
/// replies already started under its own id (they came first); else the conversation's
/// first mail (References) or its own id. Mails read together go in order of their Date.
public final class MailIn {
    private let maildir: String
    private let inbox: Inbox
    private let store: any RecordStore
    private let threads = MailThreads()
    private var ingest: Ingest
    /// Mails read, by their maildir name without the flags (`:2,S`): a mail moved from new/
    /// to cur/ is not read twice.
    private var seen: Set<String> = []

    /// What has come of the mails read so far.
    public private(set) var unreadable = 0

    public convenience init(inbox path: String, maildir: String, durable: Bool = true) throws(InboxError) {
        try Self.checkMaildir(maildir)
        // A new inbox is made, as any writer makes it: 0600, for customers' mail.
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT { throw InboxError("\(path): the folder does not exist") }
            throw InboxError.system("open the inbox", path, code)
        }
        close(fd)
        try self.init(store: FileRecordStore(path: path, durable: durable), maildir: maildir)
    }

    /// Reads mail into any store.
    public init(store: any RecordStore, maildir: String) throws(InboxError) {
        try Self.checkMaildir(maildir)
        self.maildir = maildir
        self.store = store
        try store.catchUp()
        inbox = try Inbox(path: store.readablePath, projections: [threads])
        ingest = Ingest(store: store, source: store.name)
    }

    private static func checkMaildir(_ maildir: String) throws(InboxError) {
        var isFolder: ObjCBool = false
        let hasNew = FileManager.default.fileExists(atPath: maildir + "/new", isDirectory: &isFolder) && isFolder.boolValue
        let hasCur = FileManager.default.fileExists(atPath: maildir + "/cur", isDirectory: &isFolder) && isFolder.boolValue
        guard hasNew || hasCur else { throw InboxError("\(maildir): not a maildir (it has no new/ or cur/ folder)") }
    }

    /// The inbox's folders a follower watches.
    public var folders: [String] { [maildir + "/new", maildir + "/cur"] }

    /// What the ingest did with the records so far.
    public var summary: IngestSummary { ingest.summary }

    /// Reads the mails not read yet and appends them; `problem` hears of each mail that
    /// cannot be read (its path and why), which never stops the others. Returns how many
    /// mails it read.
    @discardableResult
    public func readNew(problem: (_ path: String, _ reason: String) -> Void) throws(InboxError) -> Int {
        try store.catchUp()
        switch try inbox.follow() {
        case .appended: break
        case .replaced, .truncated: throw InboxError("\(store.name): the inbox file was replaced or cut short; start mail-in again")
        }
        var mails: [(mail: IncomingMail, at: Timestamp)] = []
        for folder in folders {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            for name in names where !name.hasPrefix(".") {
                let key = String(name.split(separator: ":", maxSplits: 1).first ?? Substring(name))
                guard !seen.contains(key) else { continue }
                let file = folder + "/" + name
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), !isFolder.boolValue else { continue }
                seen.insert(key)
                guard let data = FileManager.default.contents(atPath: file) else {
                    unreadable += 1
                    problem(file, "cannot be read (permission denied, or gone)")
                    continue
                }
                do {
                    let mail = try IncomingMail(Array(data))
                    let modified = (try? FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date) ?? nil
                    let arrived = Timestamp(milliseconds: Int64(((modified ?? Date()).timeIntervalSince1970 * 1000).rounded()))
                    mails.append((mail, Self.when(mail.date, arrived: arrived)))
                } catch {
                    unreadable += 1
                    problem(file, error.description)
                }
            }
        }
        mails.sort { ($0.at, $0.mail.messageID) < ($1.at, $1.mail.messageID) }
        var records: [String] = []
        var batch: [String: String] = [:]
        var started: Set<String> = []
        func thread(of id: String) -> String? { batch[id] ?? threads.threadOf[id].map(inbox.threadID) }
        // A thread a mail may join by its name alone: one of this pass, or an e-mail thread
        // of the inbox. A mail naming a public tweet's thread must not land in it.
        func isMailThread(_ id: String) -> Bool {
            started.contains(id) || inbox.thread(id: id).map { inbox.replyTarget(of: $0).channel == "email" } ?? false
        }
        func isFree(_ id: String) -> Bool { !started.contains(id) && inbox.thread(id: id) == nil }
        for (mail, at) in mails {
            let parent = mail.inReplyTo.flatMap(thread(of:)) ?? mail.references.reversed().lazy.compactMap(thread(of:)).first
            let own = isMailThread(mail.messageID) ? mail.messageID : nil
            let root = [mail.references.first, mail.inReplyTo, mail.messageID].compactMap { $0 }.first { isFree($0) || isMailThread($0) }
            let chosen = parent ?? own ?? root ?? "email:" + mail.messageID
            batch[mail.messageID] = chosen
            started.insert(chosen)
            // The record it answers, when the inbox has it: a reply of ours by the id the
            // deliverer was given, else the customer's own earlier mail.
            let answers = mail.inReplyTo.flatMap { id in threads.replyOf[id] ?? (thread(of: id) != nil ? id : nil) }
            records.append(Self.record(mail, at: at, thread: chosen, inReplyTo: answers))
        }
        try ingest.ingest(records) { line in problem(maildir, "a record made from a mail was refused: \(line.reason)") }
        return mails.count
    }

    /// When a mail came, for its record: its Date, unless that is more than a day after it
    /// arrived (a sender's clock, or a mail dated far ahead to hide in the queue) or before
    /// 1970 (one dated long ago to jump it); then when it arrived.
    static func when(_ date: Timestamp?, arrived: Timestamp) -> Timestamp {
        guard let date, date.milliseconds >= 0, date.milliseconds <= arrived.milliseconds + 86_400_000 else { return arrived }
        return date
    }

    /// The mail as a record of the inbox format.
    static func record(_ mail: IncomingMail, at: Timestamp, thread: String, inReplyTo: String?) -> String {
        let q = JSONEscapes.quoted
        var author = "{\"id\":\(q(mail.fromAddress))"
        if let name = mail.fromName { author += ",\"name\":\(q(name))" }
        author += "}"
        var out = "{\"type\":\"message\",\"id\":\(q(mail.messageID)),\"at\":\"\(at.rfc3339)\",\"thread\":\(q(thread))"
        out += ",\"channel\":\"email\",\"visibility\":\"private\",\"direction\":\"in\",\"author\":\(author)"
        if let subject = mail.subject, !subject.isEmpty { out += ",\"subject\":\(q(subject))" }
        if let inReplyTo { out += ",\"in_reply_to\":\(q(inReplyTo))" }
        out += ",\"text\":\(q(mail.text))"
        if !mail.attachments.isEmpty {
            out += ",\"attachments\":[" + mail.attachments.map { "{\"name\":\(q($0.name)),\"size\":\($0.size),\"type\":\(q($0.type))}" }
                .joined(separator: ",") + "]"
        }
        return out + "}"
    }
}
