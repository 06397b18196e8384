import Foundation
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
        let needle = CaseFold.bytes(request.query)
        var folded: [UInt8] = []
        let total = haystacks.count
        var start = 0
        var size = max(1, firstBatch)
        repeat {
            if isCancelled() { return }
            let end = min(total, start + size)
            var batch = SearchBatch(generation: request.generation, isPatch: request.isPatch, matches: [], misses: [],
                                    searched: end, total: total, done: end == total)
            for i in start..<end {
                if matches(haystacks.texts(at: i), needle, &folded) {
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

    /// The filter's rule: any of the texts contains the needle, ignoring case (both folded
    /// by ``CaseFold``).
    static func matches(_ texts: [String], _ needle: [UInt8], _ folded: inout [UInt8]) -> Bool {
        for text in texts {
            CaseFold.fold(text, into: &folded)
            if contains(folded, needle) { return true }
        }
        return false
    }

    /// Whether every thread that matches `newer` also matches `older`, so a search for
    /// `newer` need read only `older`'s matches.
    static func narrows(_ newer: String, _ older: String) -> Bool {
        !older.isEmpty && contains(CaseFold.bytes(newer), CaseFold.bytes(older))
    }

    /// Substring search on UTF-8 bytes: several times faster than comparing characters,
    /// and it finds "cafe" in a "café" written with a combining accent too.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        haystack.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                guard !n.isEmpty else { return true }
                guard n.count <= h.count else { return false }
                let first = n[0]
                var i = 0
                let last = h.count - n.count
                while i <= last {
                    guard let hit = memchr(h.baseAddress! + i, Int32(first), last - i + 1) else { return false }
                    i = h.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(h.baseAddress! + i, n.baseAddress!, n.count) == 0 { return true }
                    i += 1
                }
                return false
            }
        }
    }
}

/// Lower case as the filter compares it, straight into UTF-8 bytes: ASCII and Cyrillic (most
/// of what customers write here) by table, anything else by its Unicode lowercase mapping.
/// `String.lowercased()` was most of a search's time.
enum CaseFold {
    static func bytes(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        fold(text, into: &out)
        return out
    }

    static func fold(_ text: String, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        for scalar in text.unicodeScalars {
            var v = scalar.value
            if v < 0x80 {
                if v >= 0x41 && v <= 0x5A { v += 0x20 }
                out.append(UInt8(v))
                continue
            }
            if v >= 0x400 && v <= 0x42F {
                v += v < 0x410 ? 0x50 : 0x20
            } else if v >= 0x430 && v <= 0x45F {
                // Lower case already.
            } else {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars { append(lower.value, to: &out) }
                continue
            }
            append(v, to: &out)
        }
    }

    private static func append(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case ..<0x80: out.append(UInt8(v))
        case ..<0x800:
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        case ..<0x10000:
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }
}
