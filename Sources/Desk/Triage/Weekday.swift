/// A day of the week, Monday first as in the config file's `days` list.
public enum Weekday: Int, Sendable, CaseIterable, Comparable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    /// The three-letter name the config file uses: `mon` ... `sun`.
    public var shortName: String {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][rawValue]
    }

    /// The day with this three-letter name, any case.
    public init?(shortName: String) {
        guard let found = Self.allCases.first(where: { $0.shortName == shortName.lowercased() }) else { return nil }
        self = found
    }

    /// The weekday of a day counted from 1970-01-01, which was a Thursday. Plain
    /// arithmetic, because the business-hours clock asks for every day it walks over.
    static func of(dayNumber: Int) -> Weekday { Weekday(rawValue: index(ofDay: dayNumber))! }

    /// The `rawValue` of ``of(dayNumber:)``, without the optional.
    @inline(__always)
    static func index(ofDay dayNumber: Int) -> Int {
        let index = (dayNumber + 3) % 7
        return index < 0 ? index + 7 : index
    }

    /// Monday first.
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
