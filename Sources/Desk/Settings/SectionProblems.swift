import InboxFormat

/// The mistakes found in one section of the config file, gathered as its settings are read,
/// so that one run of `check-config` shows every wrong setting rather than one per run.
struct SectionProblems {
    private(set) var found: [LineProblem] = []

    /// Runs one setting's check; a mistake in it is kept, and the next setting is read all the same.
    mutating func check(_ body: () throws(LineProblemError) -> Void) {
        do { try body() } catch { found.append(contentsOf: error.all) }
    }

    var isEmpty: Bool { found.isEmpty }

    /// Throws what was found, the first with the others; nothing when the section was right.
    func throwIfAny() throws(LineProblemError) {
        if let first = found.first { throw LineProblemError(first, others: Array(found.dropFirst())) }
    }
}
