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
}
