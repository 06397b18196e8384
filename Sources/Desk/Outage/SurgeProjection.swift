import InboxFormat
import InboxStore

/// Feeds the surge detector as records arrive: each customer message from `since` on (older
/// ones cannot belong to a surge still listed, so a long inbox costs nothing for them), and
/// the agents' `dismiss` records whatever their age.
///
/// The text is read here, in file order, rather than by a classifier during the scan: the
/// terms of a message are a list of words, more than the few bits a classifier keeps, and
/// only the last day's messages need them.
public final class SurgeProjection: InboxProjection {
    public let detector: SurgeDetector
    private let since: Int64
    private let clock: (@Sendable () -> Timestamp)?

    /// - Parameters:
    ///   - since: messages before this are not read (for the app: its start, less a day and
    ///     the window); nil reads them all.
    ///   - clock: the reader's time. A message stamped more than an hour after it is left
    ///     out: one record dated in the year 9999 must not end every surge and hold the
    ///     window open for ever. nil: none is left out (tests that replay a day).
    public init(settings: SurgeSettings = SurgeSettings(), since: Timestamp? = nil, clock: (@Sendable () -> Timestamp)? = nil) {
        detector = SurgeDetector(settings: settings)
        self.since = since?.milliseconds ?? .min
        self.clock = clock
    }

    /// The first moment whose messages can still belong to a surge listed at `now`.
    public static func horizon(before now: Timestamp, settings: SurgeSettings) -> Timestamp {
        Timestamp(milliseconds: now.milliseconds - settings.memory - settings.window)
    }

    public func apply(_ record: RecordContext) {
        switch record.type {
        case .message:
            guard record.direction == .inbound, record.at.milliseconds >= since,
                  clock.map({ record.at.milliseconds <= $0().milliseconds + 3_600_000 }) ?? true,
                  let thread = record.thread, let id = record.string(.id) else { return }
            detector.add(id: id, thread: thread, at: record.at, terms: SurgeTerms(record.string(.text) ?? ""))
        case .dismiss:
            if let surge = record.string(.surge) { detector.dismiss(surge) }
        default:
            break
        }
    }
}
