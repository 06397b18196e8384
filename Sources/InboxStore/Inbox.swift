import InboxFormat
import Foundation

/// An inbox file, read once into compact state and then followed as others append to it.
///
/// ```swift
/// let inbox = try Inbox(path: "shift.jsonl")
/// for problem in inbox.problems { print(problem) }          // FILE:LINE: reason
/// let queue = inbox.threads(view: .public, status: .open, at: now)
/// _ = try inbox.follow()                                     // take in what others appended
/// ```
///
/// The file is only ever read here; writing is `InboxAppender`'s job.
public final class Inbox {
    /// The path as given.
    public let path: String
    /// Every malformed line met so far, in file order.
    public private(set) var problems: [LineProblem] = []

    var state = InboxState()
    private var feeder = LineFeeder()
    /// Read with `pread` only, so a snapshot may `dup` it for another thread.
    let fd: Int32
    private let identity: (dev: UInt64, ino: UInt64)
    /// Bytes taken in: everything before this offset has been read as complete lines.
    public private(set) var consumedBytes: Int64 = 0

    /// What every inbox keeps beside the thread table.
    public let deliveries = DeliveryLog()
    public let noteLog = NoteLog()
    public let pinBoard = PinBoard()
    /// The classifiers run on every message during the scan.
    let classifiers: ClassifierSet
    /// The classifiers run on waiting customer messages only (see ``ClassifierScope``).
    let waitingClassifiers: ClassifierSet
    /// For each classifier in the order given at opening: which set it is in, and where.
    let classifierSlots: [ClassifierSlot]
    /// Per waiting classifier (by its place in that set), the value sets of each thread that
    /// the pass after the load gathered, until a projection takes them.
    var loadedValueSets: [Int: [UInt32]] = [:]

    /// Opens and reads the whole file.
    ///
    /// - Parameters:
    ///   - classifiers: run on every message during the scan; read their bits with
    ///     ``classification(_:of:)``.
    ///   - projections: fed every new record in file order, now and on each `follow()`,
    ///     after the store's own (deliveries, notes, pins).
    ///   - asOf: read the inbox as it stood then: records whose `at` is later are checked
    ///     but not applied, now or when following.
    ///   - progress: called now and then with the fraction read, for a loading bar.
    public convenience init(path: String, classifiers: [any MessageClassifier] = [], projections: [any InboxProjection] = [],
                            asOf: Timestamp? = nil, progress: ((Double) -> Void)? = nil) throws(InboxError) {
        try self.init(path: path, plan: LoadPlan(), classifiers: classifiers, projections: projections, asOf: asOf, progress: progress)
    }

    /// Opens and reads the whole file, split across cores as `plan` says.
    package init(path: String, plan: LoadPlan, classifiers: [any MessageClassifier] = [], projections: [any InboxProjection] = [],
                 asOf: Timestamp? = nil, progress: ((Double) -> Void)? = nil) throws(InboxError) {
        self.path = path
        var slots: [ClassifierSlot] = []
        var scanned: [any MessageClassifier] = [], waiting: [any MessageClassifier] = []
        for classifier in classifiers {
            switch classifier.scope {
            case .everyMessage:
                slots.append(ClassifierSlot(waiting: false, index: scanned.count))
                scanned.append(classifier)
            case .waitingCustomerMessages:
                slots.append(ClassifierSlot(waiting: true, index: waiting.count))
                waiting.append(classifier)
            }
        }
        // The waiting ones leave the top bit free: it says that they ran.
        guard let set = ClassifierSet(scanned), let waitingSet = ClassifierSet(waiting),
              waiting.reduce(0, { $0 + $1.bitWidth }) < 32 else {
            throw InboxError("the classifiers need more than the 32 bits a message keeps")
        }
        self.classifiers = set
        self.waitingClassifiers = waitingSet
        self.classifierSlots = slots
        feeder.classifiers = set
        state.keepsWaitingTags = !waitingSet.isEmpty
        feeder.asOf = asOf
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT { throw InboxError("\(path): no such inbox file") }
            if code == EACCES { throw InboxError("\(path): permission denied (cannot read the inbox)") }
            throw InboxError.system("open the inbox", path, code)
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw InboxError.system("read the inbox", path)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw InboxError("\(path): is a directory, not an inbox file")
        }
        self.fd = fd
        self.identity = (UInt64(info.st_dev), UInt64(info.st_ino))
        feeder.projections = [deliveries, noteLog, pinBoard] + projections
        try loadInitial(size: Int(info.st_size), plan: plan, progress: progress)
        state.trackChanges = true
        // From now on each new customer message is classified as it is read, and every
        // projection takes in every new record.
        feeder.waitingClassifiers = waitingClassifiers
        feeder.loading = false
    }

    /// The threads that records read by `follow()` touched since the last call, so a view
    /// can update just those rather than recompute everything.
    public func takeChangedThreads() -> [ThreadRef] {
        defer { state.changed.removeAll(keepingCapacity: true) }
        return state.changed.sorted().map { ThreadRef(index: $0) }
    }

    deinit { close(fd) }

    private func loadInitial(size: Int, plan: LoadPlan, progress: ((Double) -> Void)?) throws(InboxError) {
        guard size > 0 else { return }
        // Map the file rather than read it: its pages are the kernel's page cache, not
        // this process's memory, and nothing is copied before it is scanned.
        guard let map = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), map != MAP_FAILED else {
            throw InboxError.system("map the inbox into memory", path)
        }
        defer { munmap(map, size) }
        madvise(map, size, MADV_SEQUENTIAL)
        state.reserve(records: size / 400)
        let bytes = UnsafeRawBufferPointer(start: map, count: size)
        let load = ParallelLoad(bytes: bytes, plan: plan, classifiers: classifiers)
        let chunks = load.chunkCount
        var done = 0
        let used = load.run { lines, chunk, base in
            feeder.apply(lines, chunk: chunk, base: base, file: path, state: &state, problems: &problems)
            done += 1
            progress?(Double(done) / Double(chunks))
        }
        consumedBytes = Int64(used)
        if !waitingClassifiers.isEmpty {
            classifyWaitingMessages(in: bytes, workers: plan.workers)
        }
    }

    // MARK: Following

    /// What `follow()` found.
    public enum FollowResult: Equatable, Sendable {
        /// New complete lines were read (possibly none).
        case appended(lines: Int)
        /// The path now names another file (rotated or replaced): reopen it to read that one.
        case replaced
        /// The file is shorter than what was read: someone truncated it, against the format.
        case truncated(size: Int64)
    }

    /// Takes in the lines appended since the last read, from the last offset; the
    /// completion of a torn last line included. Cheap when nothing changed: one `fstat`.
    @discardableResult
    public func follow() throws(InboxError) -> FollowResult {
        var current = stat()
        if stat(path, &current) != 0 || UInt64(current.st_dev) != identity.dev || UInt64(current.st_ino) != identity.ino {
            return .replaced
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw InboxError.system("read the inbox", path) }
        let size = Int64(info.st_size)
        if size < consumedBytes { return .truncated(size: size) }
        let before = feeder.lineCount
        while consumedBytes < size {
            let count = Int(size - consumedBytes)
            var buffer = [UInt8](repeating: 0, count: count)
            let got = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(consumedBytes)) }
            guard got >= 0 else { throw InboxError.system("read the inbox", path) }
            if got == 0 { break }
            let used = buffer.withUnsafeBytes { raw in
                feeder.feed(UnsafeRawBufferPointer(rebasing: raw[0..<got]), base: consumedBytes,
                            file: path, state: &state, problems: &problems)
            }
            consumedBytes += Int64(used)
            if used < got { break }  // the rest is a write in progress
        }
        return .appended(lines: feeder.lineCount - before)
    }

    /// Bytes after the last complete line: a write in progress, read once it ends in `\n`.
    public var pendingBytes: Int64 {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return 0 }
        return max(0, Int64(info.st_size) - consumedBytes)
    }

    // MARK: Reading records back

    /// The bytes of one line, read again from the file.
    func lineBytes(_ location: LineLocation) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: Int(location.length))
        let got = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, Int(location.length), off_t(location.offset)) }
        return got == Int(location.length) ? buffer : nil
    }

    /// The known fields of a line read again, with the line's bytes.
    func rescan<T>(_ location: LineLocation, _ body: (ScannedFields, UnsafeRawBufferPointer) -> T) -> T? {
        guard let bytes = lineBytes(location) else { return nil }
        return bytes.withUnsafeBytes { raw -> T? in
            var scanner = JSONLineScanner()
            guard let fields = try? scanner.scan(raw) else { return nil }
            return body(fields, raw)
        }
    }

    // MARK: Counts

    /// Lines read in full so far (good and bad), the BOM and a torn last line aside.
    public var lineCount: Int { state.counts.lines }
    /// Changes whenever a person's handle, name or follower count does: a view that keeps
    /// what it showed of a thread keeps it only while this and the thread stay the same.
    public var peopleVersion: Int { state.peopleVersion }
    /// Messages in the inbox (duplicates not counted).
    public var messageCount: Int { state.messages.count }
    /// Active pins, oldest first.
    public var activePins: [Pin] { pinBoard.pins.filter(\.active) }

}
