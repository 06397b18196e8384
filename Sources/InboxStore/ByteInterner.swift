import InboxFormat
import CSupport
import Foundation

/// A set of byte strings, each given a dense number in the order it was first seen.
///
/// Holding a million record ids as Swift `String`s would cost an allocation and a
/// SipHash each; here all bytes share one arena and the table holds small integers,
/// so interning is a hash and a compare of a few bytes.
struct ByteInterner {
    private var arena: [UInt8] = []
    private var ends: [Int] = []          // entry i is arena[ends[i-1] ..< ends[i]]
    /// Open addressing: 0 is empty, else the entry's hash tag (high 32 bits) and number + 1.
    /// Keeping the tag in the slot means a miss never touches the arena.
    private var slots: [UInt64]
    private var mask: Int

    init(capacity: Int = 64) {
        var size = 16
        while size * 3 < capacity * 4 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
    }

    var count: Int { ends.count }

    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        // FNV-1a, then a final mix so that short, similar ids spread over the table.
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        h ^= h >> 29
        h = h &* 0xbf58_476d_1ce4_e5b9
        return UInt32(truncatingIfNeeded: h ^ (h >> 32))
    }

    private func start(of entry: Int) -> Int { entry == 0 ? 0 : ends[entry - 1] }

    private func equals(_ entry: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let s = start(of: entry)
        guard ends[entry] - s == bytes.count else { return false }
        return arena.withUnsafeBytes { all in
            bytes.count == 0 || memcmp(all.baseAddress! + s, bytes.baseAddress!, bytes.count) == 0
        }
    }

    /// The slot that holds `bytes`, or the empty slot where it would go.
    @inline(__always)
    private func find(_ bytes: UnsafeRawBufferPointer, tag: UInt32) -> (slot: Int, entry: Int32?) {
        var slot = Int(tag) & mask
        while true {
            let value = slots[slot]
            if value == 0 { return (slot, nil) }
            if UInt32(truncatingIfNeeded: value >> 32) == tag {
                let entry = Int(UInt32(truncatingIfNeeded: value)) - 1
                if equals(entry, bytes) { return (slot, Int32(entry)) }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Loads the slot where `tag` starts its search, to have it in cache when `intern` comes.
    @inline(__always)
    func prefetch(tag: UInt32) {
        slots.withUnsafeBufferPointer { csupport_prefetch($0.baseAddress! + (Int(tag) & mask)) }
    }

    /// The number of `bytes`, added if new; `inserted` tells which.
    mutating func intern(_ bytes: UnsafeRawBufferPointer) -> (index: Int32, inserted: Bool) {
        intern(bytes, tag: Self.hash(bytes))
    }

    /// `intern` with the hash computed beforehand.
    mutating func intern(_ bytes: UnsafeRawBufferPointer, tag: UInt32) -> (index: Int32, inserted: Bool) {
        let (slot, found) = find(bytes, tag: tag)
        if let found { return (found, false) }
        let index = Int32(ends.count)
        arena.append(contentsOf: bytes)
        ends.append(arena.count)
        slots[slot] = UInt64(tag) << 32 | UInt64(index + 1)
        if ends.count * 4 > slots.count * 3 { grow() }
        return (index, true)
    }

    /// The number of `bytes`, or nil when it was never interned.
    func lookup(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        find(bytes, tag: Self.hash(bytes)).entry
    }

    func lookup(_ string: String) -> Int32? {
        var copy = string
        return copy.withUTF8 { lookup(UnsafeRawBufferPointer($0)) }
    }

    /// The bytes of entry `index` as a string.
    func string(_ index: Int32) -> String {
        let i = Int(index)
        return String(decoding: arena[start(of: i)..<ends[i]], as: UTF8.self)
    }

    private mutating func grow() {
        let old = slots
        let size = slots.count * 2
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        for value in old where value != 0 {
            var slot = Int(value >> 32) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = value
        }
    }
}
