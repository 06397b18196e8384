import InboxKit

/// The queue's thread lists per view and status, kept sorted and updated thread by thread.
///
/// Building a list walks every thread once; after that a resolve or a new record moves
/// only the threads it touched, so no key press does work that grows with the inbox.
final class QueueIndex {
    struct Key: Hashable {
        var view: ViewFilter
        var status: StatusFilter
    }

    /// A list in queue order, with each thread's sort time beside it.
    private struct List {
        var since: [Int64] = []
        var refs: [ThreadRef] = []
    }

    private var lists: [Key: List] = [:]

    /// The sorted list for `key`, built on first use; later calls cost nothing.
    func list(_ key: Key, inbox: Inbox, now: Timestamp) -> [ThreadRef] {
        if let cached = lists[key] { return cached.refs }
        var list = List()
        list.refs = inbox.threads(view: key.view, status: key.status.status, at: now)
        list.since = list.refs.map { inbox.queuePlace(of: $0, view: key.view, status: key.status.status, at: now) ?? 0 }
        lists[key] = list
        return list.refs
    }

    /// Re-places `changed` threads in every list built so far.
    func update(_ changed: [ThreadRef], inbox: Inbox, now: Timestamp) {
        guard !changed.isEmpty else { return }
        let set = Set(changed)
        for (key, old) in lists {
            var list = List()
            list.since.reserveCapacity(old.refs.count + changed.count)
            list.refs.reserveCapacity(old.refs.count + changed.count)
            for i in old.refs.indices where !set.contains(old.refs[i]) {
                list.since.append(old.since[i])
                list.refs.append(old.refs[i])
            }
            for ref in changed {
                guard let since = inbox.queuePlace(of: ref, view: key.view, status: key.status.status, at: now) else { continue }
                // Binary search for its place: longest-waiting first, ties in thread order.
                var lo = 0
                var hi = list.refs.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if list.since[mid] < since || (list.since[mid] == since && list.refs[mid] < ref) {
                        lo = mid + 1
                    } else {
                        hi = mid
                    }
                }
                list.since.insert(since, at: lo)
                list.refs.insert(ref, at: lo)
            }
            lists[key] = list
        }
    }

    /// Forgets every list: after a snooze may have ended, for example.
    func invalidate() { lists.removeAll() }
}
