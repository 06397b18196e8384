import InboxFormat

/// The internal notes of every thread, in file order; their texts stay in the file.
public final class NoteLog: InboxProjection {
    struct Row {
        var line: LineLocation
        var at: Timestamp
        var agent: String
    }

    private var byThread: [Int32: [Row]] = [:]
    /// Notes in the whole inbox.
    public private(set) var count = 0

    public init() {}

    public func apply(_ record: RecordContext) {
        guard record.type == .note, let thread = record.thread else { return }
        byThread[thread.index, default: []].append(Row(line: record.location, at: record.at, agent: record.string(.agent) ?? ""))
        count += 1
    }

    func rows(of thread: ThreadRef) -> [Row] { byThread[thread.index] ?? [] }
}
