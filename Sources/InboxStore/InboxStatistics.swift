import InboxFormat
/// Figures about a whole inbox: what `shiftdesk stats` prints and a shift report builds on.
public struct InboxStatistics: Sendable, Equatable {
    public var lines = 0
    public var records = 0
    public var duplicates = 0
    public var malformedLines = 0
    public var unknownTypes = 0
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
        let counts = self.counts
        s.lines = counts.lines
        s.records = counts.records
        s.duplicates = counts.duplicates
        s.unknownTypes = counts.unknownTypes
        s.malformedLines = problems.count
        s.notes = state.notes.count
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
        for m in state.messages {
            if m.direction == .inbound {
                s.inboundMessages += 1
            } else {
                s.outboundMessages += 1
                s.deliveries[m.delivery, default: 0] += 1
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
