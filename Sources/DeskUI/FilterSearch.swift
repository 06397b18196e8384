import InboxStore

/// The `/` filter's searches: which one is current, and what they have found.
///
/// A key in the filter never reads a thread: it starts a search (an effect the loop runs
/// on another thread) and the list shows what comes back, batch by batch. Until the
/// first batch of a new text arrives, the list shows what it showed before, so typing
/// does not blank it.
struct FilterSearch {
    /// Bumped by every search started; batches of another generation are late, and dropped.
    var generation = 0
    /// The text `matching` answers for; empty when no filter is on.
    var query = ""
    /// Per thread ordinal: does it match `query`, as far as a search has said (false
    /// until one has).
    var matching: [Bool] = []
    /// The list narrowed to the matches, in queue order: what the queue shows.
    var visible: [ThreadRef] = []
    /// A new text's search has not answered yet: `visible` is still the old one.
    var awaitingFirst = false
    /// The search of the whole list is still running; how far it got.
    var searching = false
    var searched = 0
    var total = 0
    /// Second looks at changed threads not answered yet.
    var pendingPatches = 0

    /// Nothing is running or owed: `visible` is the whole answer for `query`.
    var isComplete: Bool { !searching && pendingPatches == 0 && !awaitingFirst }

    func matches(_ ref: ThreadRef) -> Bool { ref.ordinal < matching.count && matching[ref.ordinal] }

    mutating func record(_ ref: ThreadRef, _ matches: Bool) {
        if ref.ordinal >= matching.count {
            guard matches else { return }
            matching += Array(repeating: false, count: ref.ordinal + 1 - matching.count)
        }
        matching[ref.ordinal] = matches
    }
}

extension AppState {
    /// Starts the search for ``filterText`` over the current list, cancelling the one
    /// before; `newText` says the text changed (otherwise the list did, and what is
    /// known of the text still holds). Returns the effect; reads no thread.
    mutating func restartSearch(newText: Bool) -> [Effect] {
        search.generation += 1
        guard !filterText.isEmpty else {
            search = FilterSearch(generation: search.generation)
            return [.cancelSearch]
        }
        let list = listThreads
        var threads = list
        if newText {
            // A longer text matches a subset of what the shorter one matched: read just those.
            if search.isComplete, ThreadSearch.narrows(filterText, search.query) { threads = search.visible }
            if search.query.isEmpty { search.visible = list }
            search.query = filterText
            search.matching = []
            search.awaitingFirst = true
        } else {
            search.awaitingFirst = false
            narrowList()
        }
        search.searching = true
        search.searched = 0
        search.total = threads.count
        search.pendingPatches = 0
        return [.search(SearchRequest(generation: search.generation, query: search.query, threads: threads))]
    }

    /// After records changed `refs`: the list shows what is known, and the changed threads
    /// get a second look (their last message may be new).
    mutating func researchChanged(_ refs: [ThreadRef]) -> [Effect] {
        guard !filterText.isEmpty, !refs.isEmpty else { return [] }
        narrowList()
        search.pendingPatches += 1
        return [.search(SearchRequest(generation: search.generation, query: search.query, threads: refs, isPatch: true))]
    }

    /// Takes in a batch of a search: dropped unless it answers the current generation.
    mutating func takeResults(_ batch: SearchBatch) {
        guard batch.generation == search.generation, !search.query.isEmpty else { return }
        for ref in batch.matches { search.record(ref, true) }
        for ref in batch.misses { search.record(ref, false) }
        if batch.isPatch {
            if batch.done { search.pendingPatches = max(0, search.pendingPatches - 1) }
        } else {
            search.awaitingFirst = false
            search.searched = batch.searched
            if batch.done { search.searching = false }
        }
        narrowList()
    }

    /// The list narrowed to the known matches. A pass over the list, with no file read:
    /// it runs when a batch arrives or the list changes, never for a key.
    mutating func narrowList() {
        guard !search.query.isEmpty, !search.awaitingFirst else { return }
        let search = self.search
        self.search.visible = listThreads.filter { search.matches($0) }
    }
}
