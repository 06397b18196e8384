/// How much an agent changed a template before sending it: the edit distance (Levenshtein)
/// between the template as rendered and the reply as sent, in characters as a reader counts
/// them (an accented letter or an emoji with its skin tone is one), each end trimmed of
/// white space first. 0 means sent untouched. The shift report reads it from each reply's
/// `template_edit`.
public enum EditDistance {
    /// Past this many cells (the two changed middles' lengths multiplied), the distance is
    /// not worked out cell by cell: the longer middle is given instead, an upper bound. A
    /// reply is rarely that long (two e-mails of 4,000 characters each, changed from end
    /// to end), and a send must not stall the loop.
    static let cellBudget = 16_000_000

    /// The distance between `rendered` and `sent`.
    public static func between(_ rendered: String, _ sent: String) -> Int {
        // Characters are numbered, so that the table compares integers, not graphemes.
        var numbers: [Character: Int32] = [:]
        func numbered(_ text: Substring) -> [Int32] {
            text.map { c in
                if let n = numbers[c] { return n }
                let n = Int32(numbers.count)
                numbers[c] = n
                return n
            }
        }
        let a = numbered(rendered.trimmingWhitespace)
        let b = numbered(sent.trimmingWhitespace)
        // Most edits touch one place (a name added at the start, a sentence at the end):
        // what the two share at either end costs nothing and is skipped.
        var start = 0
        while start < a.count, start < b.count, a[start] == b[start] { start += 1 }
        var endA = a.count, endB = b.count
        while endA > start, endB > start, a[endA - 1] == b[endB - 1] { endA -= 1; endB -= 1 }
        let x = a[start..<endA], y = b[start..<endB]
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        if x.count * y.count > cellBudget { return max(x.count, y.count) }
        var previous = Array(0...y.count)
        var current = Array(repeating: 0, count: y.count + 1)
        for (i, u) in x.enumerated() {
            current[0] = i + 1
            for (j, v) in y.enumerated() {
                let replace = previous[j] + (u == v ? 0 : 1)
                current[j + 1] = min(replace, previous[j + 1] + 1, current[j] + 1)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}

extension String {
    /// Without white space or newlines at either end.
    fileprivate var trimmingWhitespace: Substring {
        var s = self[...]
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return s
    }
}
