import Desk
import InboxFormat
import InboxStore

/// The queue's thread lists per view, status and order, kept sorted and updated thread by
/// thread.
///
/// Building a list walks every thread once; after that a resolve or a new record moves
/// only the threads it touched, so no key press does work that grows with the inbox.
///
/// A value in the state: `reduce` builds and updates it (through the read model), and
/// `render` only reads it, so a copy of the state is a copy of its lists.
struct QueueIndex {
    struct Key: Hashable {
        var view: QueueView
        var status: StatusFilter
        var order: QueueOrder

        /// Only open threads have clocks: the lists of other statuses are the same in both
        /// orders, so they are kept once, under the waiting order.
        init(view: QueueView, status: StatusFilter, order: QueueOrder) {
            self.view = view
            self.status = status
            self.order = status == .open || status == .all ? order : .waiting
        }
    }

    private var lists: [Key: [ThreadRef]] = [:]
    /// The agent at the keys: whose threads the Mine view lists.
    var me = ""
    /// Per order, the place each thread was last sorted by, by thread ordinal. A thread's
    /// place is the same in every list of one order (it depends on the thread alone), so it
    /// finds the thread's old position in any of them by binary search.
    private var placed: [QueueOrder: [QueuePlace]] = [:]

    private mutating func remember(_ place: QueuePlace, for ref: ThreadRef, order: QueueOrder) {
        var table = placed.removeValue(forKey: order) ?? []
        if ref.ordinal >= table.count { table += repeatElement(QueuePlace.nowhere, count: ref.ordinal + 1 - table.count) }
        table[ref.ordinal] = place
        placed[order] = table
    }

    private func place(of ref: ThreadRef, order: QueueOrder) -> QueuePlace {
        guard let table = placed[order], ref.ordinal < table.count else { return .nowhere }
        return table[ref.ordinal]
    }

    /// The sorted list for `key`, if it was built.
    func list(_ key: Key) -> [ThreadRef]? { lists[key] }

    /// Builds the list for `key` unless it is there: once, then updates keep it.
    mutating func build(_ key: Key, model: any ReadModel, now: Timestamp) {
        guard lists[key] == nil else { return }
        var entries: [(QueuePlace, ThreadRef)] = []
        for ref in model.threads(view: key.view.side, status: key.status.status, at: now)
        where key.view.admits(owner: model.assignee(of: ref), me: me) {
            guard let place = model.queuePlace(of: ref, view: key.view.side, status: key.status.status, order: key.order, at: now)
            else { continue }
            entries.append((place, ref))
        }
        if key.order != .waiting { entries.sort { ($0.0, $0.1) < ($1.0, $1.1) } }
        var table = placed.removeValue(forKey: key.order) ?? []
        for (place, ref) in entries {
            if ref.ordinal >= table.count { table += repeatElement(QueuePlace.nowhere, count: ref.ordinal + 1 - table.count) }
            table[ref.ordinal] = place
        }
        placed[key.order] = table
        lists[key] = entries.map(\.1)
    }

    /// The index where `ref` placed at `place` is or would go: smallest place first, ties in
    /// thread order.
    private func position(of place: QueuePlace, _ ref: ThreadRef, in list: [ThreadRef], order: QueueOrder) -> Int {
        var lo = 0
        var hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let other = self.place(of: list[mid], order: order)
            if other < place || (other == place && list[mid] < ref) {
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
        // Out of every list at the old place first: the lists' searches read the table.
        for key in Array(lists.keys) {
            guard var list = lists.removeValue(forKey: key) else { continue }
            for ref in changed {
                let old = place(of: ref, order: key.order)
                guard old != .nowhere else { continue }
                let i = position(of: old, ref, in: list, order: key.order)
                if i < list.count, list[i] == ref {
                    list.remove(at: i)
                } else if let j = list.firstIndex(of: ref) {
                    // Placed at another time (a snooze ended in between): find it the slow way.
                    list.remove(at: j)
                }
            }
            lists[key] = list
        }
        for order in QueueOrder.allCases {
            for ref in changed {
                let new = model.queuePlace(of: ref, view: .all, status: nil, order: order, at: now) ?? .nowhere
                remember(new, for: ref, order: order)
            }
        }
        for key in Array(lists.keys) {
            guard var list = lists.removeValue(forKey: key) else { continue }
            for ref in changed where model.queuePlace(of: ref, view: key.view.side, status: key.status.status, order: key.order, at: now) != nil
                && key.view.admits(owner: model.assignee(of: ref), me: me) {
                list.insert(ref, at: position(of: place(of: ref, order: key.order), ref, in: list, order: key.order))
            }
            lists[key] = list
        }
    }

    /// Where `ref` is in the list `key`, found by its place: a binary search, not a walk.
    func index(of ref: ThreadRef, in key: Key) -> Int? {
        guard let list = lists[key] else { return nil }
        let placed = place(of: ref, order: key.order)
        guard placed != .nowhere else { return nil }
        let i = position(of: placed, ref, in: list, order: key.order)
        return i < list.count && list[i] == ref ? i : nil
    }

    /// How many threads of the list `key` have a place whose first field is before
    /// `bound`: in the deadline order, those due before it. A binary search.
    func count(_ key: Key, firstBefore bound: Int64) -> Int {
        guard let list = lists[key] else { return 0 }
        var lo = 0
        var hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if place(of: list[mid], order: key.order).first < bound { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Forgets every list: after the clock went back, for example.
    mutating func invalidate() {
        lists.removeAll()
        placed.removeAll()
    }
}
