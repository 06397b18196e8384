import InboxStore

/// A search for the loop to run off its thread: the `/` filter's text over some threads.
public struct SearchRequest: Equatable, Sendable {
    /// Which typing of the filter this answers: results of an older generation are
    /// dropped, and a newer request cancels the older ones.
    public var generation: Int
    public var query: String
    /// The threads to search, in queue order.
    public var threads: [ThreadRef]
    /// A second look at threads that new records changed, beside the search of the list
    /// (same generation, so it cancels nothing).
    public var isPatch: Bool

    public init(generation: Int, query: String, threads: [ThreadRef], isPatch: Bool = false) {
        self.generation = generation
        self.query = query
        self.threads = threads
        self.isPatch = isPatch
    }
}

/// What a search found in the threads it read since its last batch.
public struct SearchBatch: Equatable, Sendable {
    public var generation: Int
    public var isPatch: Bool
    public var matches: [ThreadRef]
    public var misses: [ThreadRef]
    /// Threads of the request read so far, this batch's included, and in all.
    public var searched: Int
    public var total: Int
    /// The last batch of its request.
    public var done: Bool

    public init(generation: Int, isPatch: Bool = false, matches: [ThreadRef], misses: [ThreadRef] = [],
                searched: Int, total: Int, done: Bool) {
        self.generation = generation
        self.isPatch = isPatch
        self.matches = matches
        self.misses = misses
        self.searched = searched
        self.total = total
        self.done = done
    }
}

/// The search itself, on whatever thread runs it: reads each thread's texts, and hands
/// over what it found in batches that grow (the first soon, for the first rows to show;
/// later ones larger, so the loop is woken less), asking between batches whether a newer
/// search has made this one pointless.
public enum ThreadSearch {
    public static func run(_ request: SearchRequest, over haystacks: any Haystacks, firstBatch: Int = 128, largestBatch: Int = 8192,
                           isCancelled: () -> Bool, deliver: (SearchBatch) -> Void) {
        let needle = request.query.lowercased()
        let total = haystacks.count
        var start = 0
        var size = max(1, firstBatch)
        repeat {
            if isCancelled() { return }
            let end = min(total, start + size)
            var batch = SearchBatch(generation: request.generation, isPatch: request.isPatch, matches: [], misses: [],
                                    searched: end, total: total, done: end == total)
            for i in start..<end {
                if matches(haystacks.texts(at: i), needle) {
                    batch.matches.append(haystacks.ref(at: i))
                } else {
                    batch.misses.append(haystacks.ref(at: i))
                }
            }
            deliver(batch)
            start = end
            size = min(size * 2, max(size, largestBatch))
        } while start < total
    }

    /// The filter's rule: any of the texts contains the (lowercased) needle, ignoring case.
    static func matches(_ texts: [String], _ needle: String) -> Bool {
        texts.contains { $0.lowercased().contains(needle) }
    }

    /// Whether every thread that matches `newer` also matches `older`, so a search for
    /// `newer` need read only `older`'s matches.
    static func narrows(_ newer: String, _ older: String) -> Bool {
        !older.isEmpty && newer.lowercased().contains(older.lowercased())
    }
}
