import InboxFormat
import TOMLKit

/// The `[sla]` table: response targets as ``SLATargets``.
///
/// A key names what it sets, in this order, each part optional but one at least:
/// `first` or `next` (response), `public` or `private`, and a level (`urgent`, `high`,
/// `normal`, `low`), joined by `_`: `public_urgent`, `private`, `low`, `first_public_high`,
/// `next_private`. A value is a time like "15m", "4h", "1d" or "1h30m" (a day is 24 hours of
/// open time). When two keys cover the same target, the one that names the level wins,
/// then the one that names the visibility, then the one that names first or next; so
/// `private = "3h"` with `low = "2d"` leaves private low at two days.
extension Config {
    /// Reads `[sla]` into ``sla``.
    mutating func readSLA(_ table: TOMLTable, lines: ConfigLines, file: String) throws(LineProblemError) {
        func problem(_ key: String, _ reason: String) -> LineProblemError {
            LineProblemError(LineProblem(file: file, line: lines.line(of: key, in: "sla"), reason: reason))
        }
        var settings: [(key: SLAKey, minutes: Int)] = []
        var problems = SectionProblems()
        for name in table.keys {
            problems.check { () throws(LineProblemError) in
                if name == "language" {
                    throw problem(name, "language goes at the top of the file, before [sla] and any other table")
                }
                if name == "urgent_around_the_clock" {
                    throw problem(name, "urgent_around_the_clock goes in [hours]: it says whether the hours stop urgent clocks")
                }
                guard let key = SLAKey(name) else {
                    throw problem(name, "unknown setting sla.\(name) (a key is [first_|next_][public_|private_][urgent|high|normal|low], like public_urgent, private or first_low)")
                }
                guard let text = table[name]?.string, let minutes = Self.minutes(ofDuration: text) else {
                    throw problem(name, "sla.\(name) must be a time like \"15m\", \"4h\", \"1d\" or \"1h30m\"")
                }
                settings.append((key, minutes))
            }
        }
        try problems.throwIfAny()
        // The wider keys first, so that the narrower overwrite them.
        for (key, minutes) in settings.sorted(by: { $0.key.precedence < $1.key.precedence }) {
            for visibility in key.visibility.map({ [$0] }) ?? Visibility.allCases {
                for level in key.level.map({ [$0] }) ?? PriorityLevel.allCases {
                    for first in key.firstResponse.map({ [$0] }) ?? [true, false] {
                        sla.set(minutes, visibility: visibility, level: level, firstResponse: first)
                    }
                }
            }
        }
    }

    /// Minutes of "15m", "4h", "1d", "1h30m" (days, hours, minutes, in that order, each
    /// once); nil when it is not such a time or is no time at all.
    static func minutes(ofDuration text: String) -> Int? {
        var total = 0, number = "", units: [Character] = []
        for c in text.lowercased() where c != " " {
            if c.isASCII && c.isNumber {
                number.append(c)
                guard number.count <= 6 else { return nil }
            } else {
                let order: [Character] = ["d", "h", "m"]
                guard let n = Int(number), let rank = order.firstIndex(of: c),
                      units.last.map({ order.firstIndex(of: $0)! < rank }) ?? true else { return nil }
                total += n * [1440, 60, 1][rank]
                units.append(c)
                number = ""
            }
        }
        return number.isEmpty && total > 0 ? total : nil
    }
}

/// What one `[sla]` key covers: nil parts cover all.
struct SLAKey {
    var firstResponse: Bool?
    var visibility: Visibility?
    var level: PriorityLevel?

    init?(_ name: String) {
        var parts = name.lowercased().split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        if let part = parts.first, part == "first" || part == "next" {
            firstResponse = part == "first"
            parts.removeFirst()
        }
        if let part = parts.first, part == "public" || part == "private" {
            visibility = part == "public" ? .public : .private
            parts.removeFirst()
        }
        if let part = parts.first, let found = PriorityLevel(name: part) {
            level = found
            parts.removeFirst()
        }
        guard parts.isEmpty, firstResponse != nil || visibility != nil || level != nil else { return nil }
    }

    /// Larger for a narrower key: the level counts most, then the visibility, then the response.
    var precedence: Int { (level != nil ? 4 : 0) + (visibility != nil ? 2 : 0) + (firstResponse != nil ? 1 : 0) }
}
