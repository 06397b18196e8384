import InboxFormat
/// Figures about a whole inbox: what `check` and `stats` print and a shift report builds on.
public struct InboxStatistics: Sendable, Equatable {
    /// Lines read in full (good and bad), the BOM and a torn last line aside.
    public var lines = 0
    /// Valid records, re-deliveries included.
    public var records = 0
    /// Records whose `id` was seen before: ignored.
    public var duplicates = 0
    public var malformedLines = 0
    /// Records of a type this version does not know: skipped.
    public var unknownTypes = 0
    /// `delivery` records naming no outbound message in the file.
    public var unmatchedDeliveries = 0
    /// Valid records left out because their `at` is after the time the inbox was read as of.
    public var afterAsOf = 0
    public var inboundMessages = 0
    public var outboundMessages = 0
    public var threads = 0
    public var threadsByVisibility: [Visibility: Int] = [:]
    public var threadsByStatus: [ThreadStatus: Int] = [:]
    /// Threads per channel, most first.
    public var threadsByChannel: [(channel: String, threads: Int)] = []
    public var customers = 0
    /// Replies per agent, most first.
    public var repliesByAgent: [(agent: String, replies: Int)] = []
    public var deliveries: [DeliveryState: Int] = [:]
    public var notes = 0
    public var activePins = 0
    public var firstMessage: Timestamp?
    public var lastMessage: Timestamp?

    public static func == (a: Self, b: Self) -> Bool {
        a.lines == b.lines && a.records == b.records && a.threads == b.threads
            && a.duplicates == b.duplicates && a.unknownTypes == b.unknownTypes
            && a.unmatchedDeliveries == b.unmatchedDeliveries && a.afterAsOf == b.afterAsOf
            && a.deliveries == b.deliveries && a.notes == b.notes && a.activePins == b.activePins
            && a.customers == b.customers && a.threadsByVisibility == b.threadsByVisibility
            && a.firstMessage == b.firstMessage && a.lastMessage == b.lastMessage
            && a.threadsByStatus == b.threadsByStatus && a.inboundMessages == b.inboundMessages
            && a.outboundMessages == b.outboundMessages && a.malformedLines == b.malformedLines
            && a.threadsByChannel.map(\.channel) == b.threadsByChannel.map(\.channel)
            && a.threadsByChannel.map(\.threads) == b.threadsByChannel.map(\.threads)
            && a.repliesByAgent.map(\.agent) == b.repliesByAgent.map(\.agent)
            && a.repliesByAgent.map(\.replies) == b.repliesByAgent.map(\.replies)
    }
}

extension Inbox {
    /// Counts over every thread and message, at `now` (a snooze may have ended).
    public func statistics(at now: Timestamp) -> InboxStatistics {
        var s = InboxStatistics()
        let counts = state.counts
        s.lines = counts.lines
        s.records = counts.records
        s.duplicates = counts.duplicates
        s.unknownTypes = counts.unknownTypes
        s.unmatchedDeliveries = deliveries.unmatched
        s.afterAsOf = counts.afterAsOf
        s.malformedLines = problems.count
        s.notes = noteLog.count
        s.activePins = activePins.count
        var perChannel = [Int](repeating: 0, count: state.channels.count)
        var perAgent = [Int](repeating: 0, count: state.agents.count)
        var customers = Set<Int32>()
        for (i, row) in state.threads.enumerated() where row.messageCount > 0 {
            s.threads += 1
            s.threadsByVisibility[row.visibility, default: 0] += 1
            s.threadsByStatus[status(of: ThreadRef(index: Int32(i)), at: now), default: 0] += 1
            if row.channel >= 0 { perChannel[Int(row.channel)] += 1 }
            if row.customer >= 0 { customers.insert(row.customer) }
        }
        s.customers = customers.count
        for (i, m) in state.messages.enumerated() {
            if m.direction == .inbound {
                s.inboundMessages += 1
            } else {
                s.outboundMessages += 1
                s.deliveries[delivery(of: MessageRef(index: Int32(i))).state, default: 0] += 1
                if m.agent >= 0 { perAgent[Int(m.agent)] += 1 }
            }
            let at = Timestamp(milliseconds: m.at)
            if s.firstMessage.map({ at < $0 }) ?? true { s.firstMessage = at }
            if s.lastMessage.map({ at > $0 }) ?? true { s.lastMessage = at }
        }
        s.threadsByChannel = perChannel.enumerated().filter { $0.element > 0 }
            .map { (state.channels.string(Int32($0.offset)), $0.element) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        s.repliesByAgent = perAgent.enumerated().filter { $0.element > 0 }
            .map { (state.agents.string(Int32($0.offset)), $0.element) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        return s
    }
}
