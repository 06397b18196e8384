import Foundation
import InboxFormat
import InboxStore

extension ShiftReport {
    /// The report of what `log` saw up to `until`, over `inbox` as it stands at `until`.
    ///
    /// - Parameters:
    ///   - triage: the levels, SLA targets and business hours (its calendar measures waits).
    ///   - hours: the business hours configured, if any: waits are then counted in them and
    ///     hours are shown in their zone; else on the wall clock, in `localZone`.
    ///   - agent: keep only what this agent did (`--by`): their replies, resolves, first
    ///     responses and breaches, and the unresolved threads they own. Customer messages
    ///     and new threads stay the whole inbox's: no agent makes them.
    ///   - handoverLimit: list only the first that many threads of the handover (a screen's
    ///     worth); nil: all of them.
    public init(log: ReportLog, inbox: Inbox, triage: Triage, until: Timestamp, hours: BusinessCalendar?,
                localZone: TimeZone = .current, agent: String? = nil, handoverLimit: Int? = nil) {
        let zone = hours?.timeZone ?? localZone
        self.init(since: log.since, until: until, agent: agent, businessHours: hours != nil,
                  wallClock: BusinessCalendar(timeZone: zone, window: .allDay))
        let clock = hours ?? .always
        let last = until.milliseconds
        // An agent who did nothing has a number of -2: it matches no event.
        let who: Int32? = agent.map { log.number(of: $0) ?? -2 }
        func mine(_ n: Int32) -> Bool { who.map { $0 == n } ?? true }

        var sides = [Side(), Side()]  // public, private
        func sideIndex(_ isPublic: Bool) -> Int { isPublic ? 0 : 1 }

        for r in log.received where r.at <= last { sides[sideIndex(r.isPublic)].messagesIn += 1 }
        for o in log.openings where o.at <= last {
            if o.reopened { sides[sideIndex(o.isPublic)].threadsReopened += 1 } else { sides[sideIndex(o.isPublic)].threadsOpened += 1 }
        }

        var agentTable: [Int32: AgentFigures] = [:]
        func figures(_ n: Int32) -> AgentFigures { agentTable[n] ?? AgentFigures(agent: log.name(n) ?? "") }

        var templateTable: [Int32: (uses: Int, edits: [Int])] = [:]
        var edits: [Int] = []
        for s in log.sent where s.at <= last && mine(s.agent) {
            sides[sideIndex(s.isPublic)].messagesOut += 1
            guard s.agent >= 0 else { continue }
            var a = figures(s.agent)
            a.replies += 1
            if s.isPublic { a.publicReplies += 1 } else { a.privateReplies += 1 }
            agentTable[s.agent] = a
            guard s.template >= 0 else { repliesWrittenFresh += 1; continue }
            repliesFromTemplates += 1
            templateTable[s.template, default: (0, [])].uses += 1
            if s.edit >= 0 {
                templateTable[s.template]!.edits.append(Int(s.edit))
                edits.append(Int(s.edit))
            }
        }

        var firstWaits: [[Int64]] = [[], []]
        var agentFirstWaits: [Int32: [Int64]] = [:]
        for r in log.responses where r.at <= last && mine(r.agent) {
            let ref = ThreadRef(ordinal: Int(r.thread))
            let visibility: Visibility = r.isPublic ? .public : .private
            let level = triage.level(of: ref, in: inbox).level
            let due = triage.targets.clock(since: Timestamp(milliseconds: r.waitedSince), visibility: visibility, level: level,
                                           firstResponse: r.first, calendar: triage.calendar).due
            if r.at > due.milliseconds { sides[sideIndex(r.isPublic)].slaBreaches += 1 }
            guard r.first else { continue }
            let wait = clock.openMilliseconds(from: Timestamp(milliseconds: r.waitedSince), to: Timestamp(milliseconds: r.at))
            firstWaits[sideIndex(r.isPublic)].append(wait)
            if r.agent >= 0 { agentFirstWaits[r.agent, default: []].append(wait) }
        }

        var resolutionTimes: [[Int64]] = [[], []]
        for r in log.resolutions where r.at <= last && mine(r.agent) {
            let isPublic = inbox.visibility(of: ThreadRef(ordinal: Int(r.thread))) == .public
            sides[sideIndex(isPublic)].threadsResolved += 1
            resolutionTimes[sideIndex(isPublic)].append(
                clock.openMilliseconds(from: Timestamp(milliseconds: r.openedAt), to: Timestamp(milliseconds: r.at)))
            if r.agent >= 0 {
                var a = figures(r.agent)
                a.resolved += 1
                agentTable[r.agent] = a
            }
        }

        for i in 0..<2 {
            sides[i].firstResponse = DurationFigures(firstWaits[i])
            sides[i].resolution = DurationFigures(resolutionTimes[i])
        }
        publicSide = sides[0]
        privateSide = sides[1]
        total = Side()
        for s in sides {
            total.messagesIn += s.messagesIn
            total.messagesOut += s.messagesOut
            total.threadsOpened += s.threadsOpened
            total.threadsReopened += s.threadsReopened
            total.threadsResolved += s.threadsResolved
            total.slaBreaches += s.slaBreaches
        }
        total.firstResponse = DurationFigures(firstWaits[0] + firstWaits[1])
        total.resolution = DurationFigures(resolutionTimes[0] + resolutionTimes[1])

        for (n, waits) in agentFirstWaits {
            var a = figures(n)
            a.firstResponses = waits.count
            a.firstResponseMedian = DurationFigures(waits).median
            agentTable[n] = a
        }
        agents = agentTable.values.sorted { ($0.replies, $1.agent) > ($1.replies, $0.agent) }

        templates = templateTable.map { number, t in
            let sorted = t.edits.sorted()
            return TemplateFigures(template: log.name(number) ?? "", uses: t.uses, measured: sorted.count,
                                   untouched: sorted.prefix { $0 == 0 }.count, medianEdit: Self.median(sorted))
        }.sorted { ($0.uses, $1.template) > ($1.uses, $0.template) }
        let sortedEdits = edits.sorted()
        measuredTemplateReplies = sortedEdits.count
        untouchedTemplateReplies = sortedEdits.prefix { $0 == 0 }.count
        medianEdit = Self.median(sortedEdits)

        self.hours = Self.hourly(log: log, from: log.since, to: until, wall: wallClock, mine: mine)

        // The handover walks the open and snoozed threads once, and counts them as it goes.
        let listed = HandoverEntry.list(in: inbox, triage: triage, at: until, owner: agent, limit: handoverLimit)
        handover = listed.entries
        unresolved.open = listed.open
        unresolved.overdue = listed.overdue
        unresolved.snoozed = listed.snoozed
        for ref in inbox.threads(view: .all, status: .waiting, at: until) where agent == nil || inbox.assignee(of: ref) == agent {
            unresolved.waiting += 1
        }
    }

    /// The median of sorted whole numbers (the lower middle's and upper middle's mean,
    /// rounded down, for an even count); nil when there are none.
    private static func median(_ sorted: [Int]) -> Int? {
        DurationFigures.median(sorted.map(Int64.init)).map(Int.init)
    }

    /// One bucket per hour of the `wall` clock from the hour `from` falls in to the one
    /// `to` falls in; at most the last year of them. An hour the clocks skip has none.
    private static func hourly(log: ReportLog, from: Timestamp, to: Timestamp, wall: BusinessCalendar,
                               mine: (Int32) -> Bool) -> [HourVolume] {
        guard to >= from else { return [] }
        // Local hours, numbered from 1970: an hour the clocks skip has no bucket, and the
        // hour they repeat is one bucket of two hours.
        func hourNumber(_ t: Int64) -> Int {
            let l = wall.local(Timestamp(milliseconds: t))
            return l.date.dayNumber * 24 + l.hour
        }
        let lastHour = hourNumber(to.milliseconds)
        // A window of years would make a table nobody reads: the last year of it is shown.
        let first = max(hourNumber(from.milliseconds), lastHour - 366 * 24 + 1)
        let count = lastHour - first + 1
        guard count > 0 else { return [] }
        var buckets = (0..<count).map { i -> HourVolume in
            // Floor division: hours before 1970 are negative numbers.
            let n = first + i
            let day = n >= 0 ? n / 24 : -((-n + 23) / 24)
            let local = LocalTime(date: LocalDate(dayNumber: day), minutes: (n - day * 24) * 60)
            return HourVolume(start: wall.timestamp(local), local: local)
        }
        func bucket(_ t: Int64) -> Int? {
            let i = hourNumber(t) - first
            return i >= 0 && i < count ? i : nil
        }
        for r in log.received where r.at <= to.milliseconds {
            guard let i = bucket(r.at) else { continue }
            if r.isPublic { buckets[i].inPublic += 1 } else { buckets[i].inPrivate += 1 }
        }
        for s in log.sent where s.at <= to.milliseconds && mine(s.agent) {
            guard let i = bucket(s.at) else { continue }
            if s.isPublic { buckets[i].outPublic += 1 } else { buckets[i].outPrivate += 1 }
        }
        // The hour the clocks skip in spring has no instant of its own (its start is the next
        // hour's): it gets no row.
        return buckets.filter { wall.local($0.start).hour == $0.local.hour }
    }
}
