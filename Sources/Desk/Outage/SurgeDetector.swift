import DequeModule
import Foundation
import InboxFormat
import InboxStore

/// When a group of like messages is a surge.
public struct SurgeSettings: Sendable, Equatable {
    /// How many people (threads) must join a group within ``window`` for it to be a surge.
    public var threshold = 8
    /// The window, in milliseconds (15 minutes); a surge ends when nobody new joined it for as long.
    public var window: Int64 = 15 * 60_000
    /// How long an ended surge is still listed (24 hours).
    public var memory: Int64 = 24 * 3_600_000

    public init(threshold: Int = 8, window: Int64 = 15 * 60_000) {
        self.threshold = threshold
        self.window = window
    }
}

/// A surge: many people writing about one thing within minutes.
public struct Surge: Sendable, Equatable {
    /// The id of its first message (of the group that first was a surge, when groups
    /// merged): every process that reads the inbox names it alike.
    public var id: String
    /// When its first message came.
    public var since: Timestamp
    /// When someone last joined it (a new person, not the same one writing again).
    public var latest: Timestamp
    /// The ids of the groups merged into it, which a `dismiss` may name too.
    public var aliases: [String] = []
    /// Its threads, in the order they joined (oldest first).
    public var threads: [ThreadRef]
    /// The words that characterise it, most telling first, as customers wrote them.
    public var words: [String]
    /// Whether someone new joined within the window before the time asked about.
    public var active: Bool

    /// How many people wrote.
    public var size: Int { threads.count }
}

/// Groups incoming customer messages by what they say and tells which groups are surges.
///
/// Incremental: a message is compared only with the groups that had a message within the
/// window, through an index of their terms, so its cost follows the window, not the inbox.
///
/// How a message finds its group: each of its terms (``SurgeTerms``) weighs by how rare it
/// was before the window (a word everyone uses every day, such as "order", weighs little; one
/// that only the last minutes brought, such as "502", weighs much). A message joins the group
/// whose typical terms (those two and a fifth of its messages share; rarer ones in part) carry
/// at least 30% of the message's weight, and enough weight in themselves that one everyday
/// word is not enough.
/// A message that qualifies for two groups merges them: one outage described two ways.
public final class SurgeDetector {
    public let settings: SurgeSettings

    /// Messages of the window, oldest first: their terms leave for the background when they
    /// fall out of it.
    private var window: Deque<(at: Int64, keys: [FoldedWord])> = []
    /// Per term, how many background messages (older than the window) have it.
    private var background: [FoldedWord: Int] = [:]
    private var backgroundCount = 0
    /// The latest `at` seen: the window ends there.
    private var latest: Int64 = .min

    private var groups: [Int: Group] = [:]
    private var nextGroup = 0
    /// For each term, the open groups that have it.
    private var index: [FoldedWord: Set<Int>] = [:]
    /// Surges whose group has closed (nobody joined within the window).
    private var closed: [Surge] = []
    /// Surge ids the agents dismissed.
    public private(set) var dismissed: Set<String> = []
    /// Changes whenever what ``surges(at:)`` lists may have changed but for the time asked
    /// about: a surge grew, began, merged, closed, was forgotten or dismissed. The app keeps
    /// its list until it does (or the minute turns), rather than work it out again for
    /// every message a connector appends. A surge's words are weighed again then too.
    public private(set) var version = 0

    private struct Group {
        var id: String
        /// Ids of groups merged into this one.
        var aliases: [String] = []
        var since: Int64
        /// When a new thread last joined: a surge ends when nobody new joins for a window,
        /// not while one person keeps writing.
        var latest: Int64
        var messages = 0
        var counts: [FoldedWord: Int] = [:]
        var surfaces: [FoldedWord: [FoldedWord: Int]] = [:]
        /// Threads in the order they joined, with when.
        var threads: [(ref: ThreadRef, at: Int64)] = []
        var seen: Set<ThreadRef> = []
        var isSurge = false
    }

    public init(settings: SurgeSettings = SurgeSettings()) {
        self.settings = settings
    }

    /// Takes in one customer message.
    public func add(id: String, thread: ThreadRef, at: Timestamp, terms: SurgeTerms) {
        let t = at.milliseconds
        if t > latest {
            latest = t
            slide()
        }
        let keys = terms.keys
        window.append((t, keys))
        guard !keys.isEmpty else { return }

        let weights = keys.map(weight)
        let total = weights.reduce(0, +)
        var candidates = Set<Int>()
        for key in keys { candidates.formUnion(index[key] ?? []) }
        var qualifying: [(group: Int, score: Double)] = []
        for g in candidates {
            guard let group = groups[g] else { continue }
            // A term counts in full once it is typical of the group (a lone message's every term;
            // else what two messages and a fifth of them share), in part below that.
            let typical = max(Double(min(2, group.messages)), 0.2 * Double(group.messages))
            var shared = 0.0
            for (key, w) in zip(keys, weights) {
                if let c = group.counts[key] { shared += w * min(1, Double(c) / typical) }
            }
            if shared >= Self.evidence && shared >= Self.coverage * total { qualifying.append((g, shared / total)) }
        }
        let target: Int
        if qualifying.isEmpty {
            target = nextGroup
            nextGroup += 1
            groups[target] = Group(id: id, since: t, latest: t)
        } else {
            // The oldest group takes the message, and any other it qualifies for.
            let ids = qualifying.map(\.group).sorted()
            target = ids[0]
            for other in ids.dropFirst() { merge(other, into: target) }
        }
        join(target, keys: keys, surfaces: terms.surfaces, thread: thread, at: t)
    }

    /// Records that the agents judged surge `id` not to be one.
    public func dismiss(_ id: String) {
        dismissed.insert(id)
        version += 1
    }

    /// The surges active at `now` and those that ended within ``SurgeSettings/memory``
    /// before it, oldest first; dismissed ones left out.
    public func surges(at now: Timestamp) -> [Surge] {
        let n = now.milliseconds
        var all = closed
        for group in groups.values where group.isSurge { all.append(surge(group, at: n)) }
        // A message stamped a little ahead (a connector's clock) keeps its surge active.
        return all.map { var s = $0; s.active = n - s.latest.milliseconds <= settings.window; return s }
            .filter { surge in
                // Listed for a day after it ended, a window after the last person joined.
                !dismissed.contains(surge.id) && !surge.aliases.contains(where: dismissed.contains)
                    && n - surge.latest.milliseconds - settings.window <= settings.memory && surge.since.milliseconds <= n
            }
            .sorted { ($0.since, $0.id) < ($1.since, $1.id) }
    }

    /// The weight of a term: how rare it was before the window. The words of everyday
    /// support questions start as if already met a few times, so that a new inbox, with no
    /// day behind it yet, does not take "where is my order" for news.
    private func weight(_ key: FoldedWord) -> Double {
        let seen = (background[key] ?? 0) + (Self.everyday.contains(key) ? 5 : 0)
        return log(Double(backgroundCount + 10) / Double(seen + 1))
    }

    /// One everyday word is not enough to join: at least this weight must be shared (one
    /// word that the window brought is).
    private static let evidence = 2.0
    /// The share of a message's weight that the group's typical terms must carry.
    private static let coverage = 0.3

    /// Terms of the questions a support desk hears every day, in both languages.
    static let everyday: Set<FoldedWord> = [
        "order", "доставк", "delive", "refund", "возвра", "return", "размер", "size", "адрес", "addres", "посылк",
        "parcel", "packag", "курьер", "courie", "товар", "item", "price", "цена", "скидк", "discou", "promo", "промок",
        "помоги", "help", "вопрос", "questi", "можно", "need", "want", "хочу", "сколько", "long", "когда", "ждать", "wait",
    ]

    private func join(_ g: Int, keys: [FoldedWord], surfaces: [FoldedWord], thread: ThreadRef, at t: Int64) {
        // Taken out of the table while it changes: a copy left there would make every
        // message copy the group's word counts and threads, and a surge's grow large.
        guard var group = groups.removeValue(forKey: g) else { return }
        group.messages += 1
        for (key, surface) in zip(keys, surfaces) {
            group.counts[key, default: 0] += 1
            group.surfaces[key, default: [:]][surface, default: 0] += 1
            index[key, default: []].insert(g)
        }
        if group.seen.insert(thread).inserted {
            group.threads.append((thread, t))
            group.latest = max(group.latest, t)
        }
        if !group.isSurge {
            let recent = group.threads.reduce(0) { $0 + ($1.at >= t - settings.window && $1.at <= t ? 1 : 0) }
            group.isSurge = recent >= settings.threshold
        }
        if group.isSurge { version += 1 }
        groups[g] = group
    }

    private func merge(_ from: Int, into g: Int) {
        guard let source = groups.removeValue(forKey: from) else { return }
        guard var group = groups.removeValue(forKey: g) else {
            groups[from] = source
            return
        }
        group.messages += source.messages
        // The name stays a surge's once it is one, so a dismiss or an open list keeps
        // finding it; else the older group's. The other names stay as aliases.
        let keepSource = source.isSurge != group.isSurge ? source.isSurge
            : source.since < group.since || (source.since == group.since && source.id < group.id)
        if keepSource {
            group.aliases += [group.id] + source.aliases
            group.id = source.id
        } else {
            group.aliases += [source.id] + source.aliases
        }
        group.since = min(group.since, source.since)
        group.latest = max(group.latest, source.latest)
        for (key, count) in source.counts {
            group.counts[key, default: 0] += count
            index[key]?.remove(from)
            index[key, default: []].insert(g)
        }
        for (key, forms) in source.surfaces { group.surfaces[key, default: [:]].merge(forms, uniquingKeysWith: +) }
        for member in source.threads where group.seen.insert(member.ref).inserted { group.threads.append(member) }
        group.threads.sort { $0.at < $1.at }
        group.isSurge = group.isSurge || source.isSurge
        if group.isSurge { version += 1 }
        groups[g] = group
    }

    /// Moves the messages that fell out of the window to the background, and closes the
    /// groups nobody joined within it.
    private func slide() {
        let start = latest - settings.window
        while let first = window.first, first.at < start {
            window.removeFirst()
            backgroundCount += 1
            for key in first.keys { background[key, default: 0] += 1 }
        }
        for (g, group) in groups where group.latest < start {
            groups.removeValue(forKey: g)
            for key in group.counts.keys { index[key]?.remove(g) }
            if group.isSurge {
                closed.append(surge(group, at: latest))
                version += 1
            }
        }
        // Ended surges are kept as long as they are listed.
        let listed = closed.count
        closed.removeAll { latest - $0.latest.milliseconds - settings.window > settings.memory }
        if closed.count != listed { version += 1 }
    }

    private func surge(_ group: Group, at now: Int64) -> Surge {
        // The most telling words: those most of the group wrote, heavier for rarer. Asked
        // on every frame while the group grows: one pass keeps the best three, each word
        // weighed once, rather than a sort of every word the group wrote.
        var best: [(score: Double, key: FoldedWord)] = []
        for (key, count) in group.counts {
            let score = Double(count) * weight(key)
            if best.count == 3, let last = best.last, (score, key) <= (last.score, last.key) { continue }
            best.append((score, key))
            best.sort { ($0.score, $0.key) > ($1.score, $1.key) }
            if best.count > 3 { best.removeLast() }
        }
        let words = best.compactMap { entry in
            group.surfaces[entry.key]?.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key.text
        }
        return Surge(id: group.id, since: Timestamp(milliseconds: group.since), latest: Timestamp(milliseconds: group.latest),
                     aliases: group.aliases, threads: group.threads.map(\.ref), words: words, active: now - group.latest <= settings.window)
    }
}
