/// The bytes ``TriageProjection`` keeps per thread ordinal, in one value.
///
/// Why one value: the projection is a class, and Swift checks every touch of a class's
/// stored array for exclusive access at run time. Three arrays touched two or three times
/// a record cost 2% of the 1M backlog's load, on the one thread that applies records in
/// order; one mutating call a record on this value costs one check.
struct ThreadLevelTable {
    /// The highest word-rule level over the open customer messages; 0 when there are
    /// none, ``unworked`` when a customer wrote since it was worked out.
    var words: [UInt8] = []
    /// The highest regular-expression level over the same messages, set by ``Triage``
    /// after the load and on new records (regexes never run in the scan).
    var patterns: [UInt8] = []
    /// The agent's level (0: none, the rules decide).
    var overrides: [UInt8] = []

    /// A word level not worked out since the customer last wrote.
    static let unworked: UInt8 = 0xFF

    /// How many threads it covers: ordinals from 0 up to this one (excluded).
    var count: Int { words.count }

    /// A customer wrote in thread `t`: its word level is to be worked out again.
    mutating func customerWrote(_ t: Int) {
        reach(t)
        words[t] = Self.unworked
    }

    /// The company spoke in thread `t`: what the customer wrote before is answered.
    mutating func companySpoke(_ t: Int) {
        reach(t)
        words[t] = 0
        patterns[t] = 0
    }

    /// An agent set thread `t`'s level (`raw` 0: back to the rules).
    mutating func setOverride(_ raw: UInt8, of t: Int) {
        reach(t)
        overrides[t] = raw
    }

    /// Makes room for thread ordinal `t`; the threads come in order, one at a time.
    private mutating func reach(_ t: Int) {
        guard t >= words.count else { return }
        let grow = t + 1 - words.count
        words += repeatElement(0, count: grow)
        patterns += repeatElement(0, count: grow)
        overrides += repeatElement(0, count: grow)
    }
}
