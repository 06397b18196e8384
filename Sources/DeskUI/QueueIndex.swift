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
        let view: QueueView
        let status: StatusFilter
        let order: QueueOrder
        /// Where its list lies in the index's tables: the three as one small number, which
        /// the key also compares and hashes by (the enums' own hashing goes through their
        /// string raw values).
        let slot: Int
        /// Its side and status as one small number: which threads it may hold, before owners.
        let shown: Int

        /// Only open threads have clocks: the lists of other statuses are the same in both
        /// orders, so they are kept once, under the waiting order.
        init(view: QueueView, status: StatusFilter, order: QueueOrder) {
            self.view = view
            self.status = status
            self.order = status == .open || status == .all ? order : .waiting
            slot = (Self.position(of: view) * StatusFilter.allCases.count + Self.position(of: status)) * QueueOrder.allCases.count
                + Self.position(of: self.order)
            shown = Self.position(of: view.side) * StatusFilter.allCases.count + Self.position(of: status)
        }

        /// How many values ``shown`` takes.
        static let shownValues = ViewFilter.allCases.count * StatusFilter.allCases.count

        /// How many slots there are.
        static let slots = QueueView.allCases.count * StatusFilter.allCases.count * QueueOrder.allCases.count

        private static func position<Case: CaseIterable & Equatable>(of value: Case) -> Int {
            Case.allCases.firstIndex(of: value).map { Case.allCases.distance(from: Case.allCases.startIndex, to: $0) } ?? 0
        }

        static func == (a: Key, b: Key) -> Bool { a.slot == b.slot }
        func hash(into hasher: inout Hasher) { hasher.combine(slot) }
    }

    /// The lists built so far, in the order they were.
    private var built: [Key] = []
    /// Per slot, its sorted list once built. Arrays by slot, not dictionaries by key: an
    /// update visits every list for every few records a connector appends.
    private var lists: [[ThreadRef]?] = Array(repeating: nil, count: Key.slots)
    /// Per slot, a bit per thread ordinal: whether the thread is in the list. An update asks
    /// for every list and every changed thread, and most threads are in few lists: without
    /// it, telling "not there" from "placed elsewhere" took a walk over the list.
    private var members: [[UInt64]] = Array(repeating: [], count: Key.slots)

    private func isMember(_ ref: ThreadRef, of slot: Int) -> Bool {
        let word = ref.ordinal / 64
        return word < members[slot].count && members[slot][word] & (1 << UInt64(ref.ordinal % 64)) != 0
    }

    private mutating func setMember(_ ref: ThreadRef, of slot: Int, _ member: Bool) {
        let word = ref.ordinal / 64
        if word >= members[slot].count { members[slot] += repeatElement(0, count: word + 1 - members[slot].count) }
        if member { members[slot][word] |= 1 << UInt64(ref.ordinal % 64) } else { members[slot][word] &= ~(1 << UInt64(ref.ordinal % 64)) }
    }
    /// The agent at the keys: whose threads the Mine view lists.
    var me = ""
    /// Per order (by ``slot(_:)``), the place each thread was last sorted by, by thread
    /// ordinal. A thread's place is the same in every list of one order (it depends on the
    /// thread alone), so it finds the thread's old position in any of them by binary search.
    /// Arrays, not a dictionary: a search reads one at every step.
    private var placed: [[QueuePlace]] = Array(repeating: [], count: QueueOrder.allCases.count)

    private static func slot(_ order: QueueOrder) -> Int { order == .deadline ? 0 : 1 }

    private mutating func remember(_ place: QueuePlace, for ref: ThreadRef, order: QueueOrder) {
        let s = Self.slot(order)
        if ref.ordinal >= placed[s].count { placed[s] += repeatElement(QueuePlace.nowhere, count: ref.ordinal + 1 - placed[s].count) }
        placed[s][ref.ordinal] = place
    }

    private func place(of ref: ThreadRef, order: QueueOrder) -> QueuePlace {
        let table = placed[Self.slot(order)]
        return ref.ordinal < table.count ? table[ref.ordinal] : .nowhere
    }

    /// The sorted list for `key`, if it was built.
    func list(_ key: Key) -> [ThreadRef]? { lists[key.slot] }

    /// Builds the list for `key` unless it is there: once, then updates keep it.
    mutating func build(_ key: Key, model: any ReadModel, now: Timestamp) {
        guard lists[key.slot] == nil else { return }
        var entries: [(QueuePlace, ThreadRef)] = []
        for ref in model.threads(view: key.view.side, status: key.status.status, at: now)
        where key.view.admits(owner: model.assignee(of: ref), me: me) {
            guard let place = model.queuePlace(of: ref, view: key.view.side, status: key.status.status, order: key.order, at: now)
            else { continue }
            entries.append((place, ref))
        }
        if key.order != .waiting { entries.sort { ($0.0, $0.1) < ($1.0, $1.1) } }
        // Both tables grown once to the highest thread, then filled: a build walks them all.
        let top = (entries.map(\.1.ordinal).max() ?? -1) + 1
        var table = placed[Self.slot(key.order)]
        placed[Self.slot(key.order)] = []
        if top > table.count { table += repeatElement(QueuePlace.nowhere, count: top - table.count) }
        var bits = [UInt64](repeating: 0, count: (top + 63) / 64)
        for (place, ref) in entries {
            table[ref.ordinal] = place
            bits[ref.ordinal / 64] |= 1 << UInt64(ref.ordinal % 64)
        }
        placed[Self.slot(key.order)] = table
        members[key.slot] = bits
        lists[key.slot] = entries.map(\.1)
        built.append(key)
    }

    /// The index where `ref` placed at `place` is or would go: smallest place first, ties in
    /// thread order.
    private func position(of place: QueuePlace, _ ref: ThreadRef, in list: [ThreadRef], order: QueueOrder) -> Int {
        let table = placed[Self.slot(order)]
        var lo = 0
        var hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let o = list[mid].ordinal
            let other = o < table.count ? table[o] : .nowhere
            if other < place || (other == place && list[mid] < ref) {
                lo = mid + 1
            } else {
                hi = mid
            }
        }
        return lo
    }

    /// Re-places `changed` threads in every list built so far: a binary search out and one
    /// in per thread and list, not a pass over the list; and where a thread stays in a list
    /// at the same place (a new message in a thread whose customer already waited), not
    /// even that: the lists of every status are long, and moving their tail costs.
    mutating func update(_ changed: [ThreadRef], model: any ReadModel, now: Timestamp) {
        guard !changed.isEmpty else { return }
        // The new places, once per thread and order: the same in every list of that order.
        var fresh = [[QueuePlace]](repeating: [], count: QueueOrder.allCases.count)
        for order in QueueOrder.allCases {
            fresh[Self.slot(order)] = changed.map { model.queuePlace(of: $0, view: .all, status: nil, order: order, at: now) ?? .nowhere }
        }
        func freshPlace(_ i: Int, _ order: QueueOrder) -> QueuePlace { fresh[Self.slot(order)][i] }
        let owners = changed.map { model.assignee(of: $0) }
        // Which side and status each thread has now, asked once per pair the lists need
        // (the waiting order's place says them without working out a clock).
        var shown = [Int8](repeating: -1, count: changed.count * Key.shownValues)
        func belongs(_ i: Int, in key: Key) -> Bool {
            guard freshPlace(i, key.order) != .nowhere, key.view.admits(owner: owners[i], me: me) else { return false }
            let pair = i * Key.shownValues + key.shown
            if shown[pair] < 0 {
                let place = model.queuePlace(of: changed[i], view: key.view.side, status: key.status.status, order: .waiting, at: now)
                shown[pair] = place == nil ? 0 : 1
            }
            return shown[pair] == 1
        }
        // Out of every list at the old place first (the searches read the old places),
        // noting the threads that stay where they are.
        var staying = [Bool](repeating: false, count: built.count * changed.count)
        for (k, key) in built.enumerated() {
            guard var list = lists[key.slot] else { continue }
            lists[key.slot] = nil
            for (n, ref) in changed.enumerated() where isMember(ref, of: key.slot) {
                let old = place(of: ref, order: key.order)
                let i = position(of: old, ref, in: list, order: key.order)
                // Placed at another time than its place says: found the slow way.
                let found = i < list.count && list[i] == ref ? i : list.firstIndex(of: ref)
                guard let at = found else { continue }
                if at == i, old == freshPlace(n, key.order), belongs(n, in: key) {
                    staying[k * changed.count + n] = true
                    continue
                }
                list.remove(at: at)
                setMember(ref, of: key.slot, false)
            }
            lists[key.slot] = list
        }
        for order in QueueOrder.allCases {
            for (n, ref) in changed.enumerated() { remember(fresh[Self.slot(order)][n], for: ref, order: order) }
        }
        for (k, key) in built.enumerated() {
            guard var list = lists[key.slot] else { continue }
            lists[key.slot] = nil
            for (n, ref) in changed.enumerated() where !staying[k * changed.count + n] && belongs(n, in: key) {
                list.insert(ref, at: position(of: place(of: ref, order: key.order), ref, in: list, order: key.order))
                setMember(ref, of: key.slot, true)
            }
            lists[key.slot] = list
        }
    }

    /// Where `ref` is in the list `key`, found by its place: a binary search, not a walk.
    func index(of ref: ThreadRef, in key: Key) -> Int? {
        guard let list = lists[key.slot] else { return nil }
        let placed = place(of: ref, order: key.order)
        guard placed != .nowhere else { return nil }
        let i = position(of: placed, ref, in: list, order: key.order)
        return i < list.count && list[i] == ref ? i : nil
    }

    /// How many threads of the list `key` have a place whose first field is before
    /// `bound`: in the deadline order, those due before it. A binary search.
    func count(_ key: Key, firstBefore bound: Int64) -> Int {
        guard let list = lists[key.slot] else { return 0 }
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
        built.removeAll()
        lists = Array(repeating: nil, count: Key.slots)
        members = Array(repeating: [], count: Key.slots)
        placed = Array(repeating: [], count: QueueOrder.allCases.count)
    }
}
