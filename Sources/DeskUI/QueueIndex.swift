import Desk
import InboxFormat
import InboxStore

/// The queue's thread lists per view and status, kept sorted and updated thread by thread.
///
/// Building a list walks every thread once; after that a resolve or a new record moves
/// only the threads it touched, so no key press does work that grows with the inbox.
///
/// A value in the state: `reduce` builds and updates it (through the read model), and
/// `render` only reads it, so a copy of the state is a copy of its lists.
struct QueueIndex {
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
    /// The sort time each thread was last placed with, by thread ordinal. It is the same in
    /// every list (it depends only on the thread's status), so it finds a thread's old
    /// place in any list by binary search.
    private var placed: [Int64] = []

    private mutating func remember(_ since: Int64, for ref: ThreadRef) {
        if ref.ordinal >= placed.count { placed += Array(repeating: Int64.min, count: ref.ordinal + 1 - placed.count) }
        placed[ref.ordinal] = since
    }

    /// The sorted list for `key`, if it was built.
    func list(_ key: Key) -> [ThreadRef]? { lists[key]?.refs }

    /// Builds the list for `key` unless it is there: once, then updates keep it.
    mutating func build(_ key: Key, model: any ReadModel, now: Timestamp) {
        guard lists[key] == nil else { return }
        var list = List()
        list.refs = model.threads(view: key.view, status: key.status.status, at: now)
        list.since = list.refs.map { model.queuePlace(of: $0, view: key.view, status: key.status.status, at: now) ?? 0 }
        for (ref, since) in zip(list.refs, list.since) { remember(since, for: ref) }
        lists[key] = list
    }

    /// The index where (`since`, `ref`) is or would go: longest-waiting first, ties in thread order.
    private static func position(of since: Int64, _ ref: ThreadRef, in list: List) -> Int {
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
        return lo
    }

    /// Re-places `changed` threads in every list built so far: a binary search out and one
    /// in per thread and list, not a pass over the list.
    mutating func update(_ changed: [ThreadRef], model: any ReadModel, now: Timestamp) {
        guard !changed.isEmpty else { return }
        for key in Array(lists.keys) {
            guard var list = lists.removeValue(forKey: key) else { continue }
            for ref in changed {
                if ref.ordinal < placed.count, placed[ref.ordinal] != Int64.min {
                    let i = Self.position(of: placed[ref.ordinal], ref, in: list)
                    if i < list.refs.count, list.refs[i] == ref {
                        list.since.remove(at: i)
                        list.refs.remove(at: i)
                    } else if let j = list.refs.firstIndex(of: ref) {
                        // Placed at another time (a snooze ended in between): find it the slow way.
                        list.since.remove(at: j)
                        list.refs.remove(at: j)
                    }
                }
                guard let since = model.queuePlace(of: ref, view: key.view, status: key.status.status, at: now) else { continue }
                let i = Self.position(of: since, ref, in: list)
                list.since.insert(since, at: i)
                list.refs.insert(ref, at: i)
            }
            lists[key] = list
        }
        for ref in changed {
            remember(model.queuePlace(of: ref, view: .all, status: nil, at: now) ?? Int64.min, for: ref)
        }
    }

    /// Forgets every list: after a snooze may have ended, for example.
    mutating func invalidate() { lists.removeAll() }
}
