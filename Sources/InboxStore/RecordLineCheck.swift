import InboxFormat

/// Checks one line as the reader would check it in the middle of an inbox: a connector's
/// record is appended only when every reader will take it.
///
/// The same scanner and decoder as the load (JSON syntax, UTF-8, the format's required
/// fields and their types), so `shiftdesk ingest` and `shiftdesk check` never disagree.
public struct RecordLineCheck: ~Copyable {
    private var scanner = JSONLineScanner()

    public init() {}

    /// The record's id when `line` (without its `\n`) is a valid record; else the reason
    /// it is not, in the words `check` uses.
    public mutating func check(_ line: UnsafeRawBufferPointer) -> Result<String, ScanFailure> {
        do throws(ScanFailure) {
            let fields = try scanner.scan(line)
            _ = try RecordDecoder.decode(fields, line: line)
            return .success(InboxState.string(fields.id, line))
        } catch {
            return .failure(error)
        }
    }

    /// As ``check(_:)``, with the fields a database store keeps in columns of their own.
    public mutating func checkRecord(_ line: UnsafeRawBufferPointer) -> Result<CheckedRecord, ScanFailure> {
        do throws(ScanFailure) {
            let fields = try scanner.scan(line)
            _ = try RecordDecoder.decode(fields, line: line)
            return .success(CheckedRecord(
                id: InboxState.string(fields.id, line), type: InboxState.string(fields.type, line),
                thread: fields.thread.kind == .string ? InboxState.string(fields.thread, line) : nil,
                at: InboxState.string(fields.at, line)))
        } catch {
            return .failure(error)
        }
    }
}

/// What a database store indexes of a valid record.
public struct CheckedRecord: Sendable, Equatable {
    public var id: String
    public var type: String
    /// The thread it belongs to, for the record types that name one.
    public var thread: String?
    /// The `at` field as written (RFC 3339).
    public var at: String
}
