/// Which form a Russian noun takes after a number: "1 минута", "2 минуты", "5 минут".
///
/// By the last two digits: 11 to 14 take `many`; otherwise a last digit of 1 takes `one`,
/// 2 to 4 `few`, and the rest `many`. So 21 is `one`, 22 `few`, 111 `many`.
public enum RussianPlural: Sendable, Equatable {
    case one, few, many

    /// The category of `count` (its sign does not matter).
    public init(_ count: Int) {
        let n = count.magnitude
        if (11...14).contains(n % 100) {
            self = .many
        } else {
            switch n % 10 {
            case 1: self = .one
            case 2...4: self = .few
            default: self = .many
            }
        }
    }

    /// The form of `count`'s category among three.
    public static func pick(_ count: Int, one: String, few: String, many: String) -> String {
        switch RussianPlural(count) {
        case .one: return one
        case .few: return few
        case .many: return many
        }
    }
}

/// A Russian noun of time with its forms after a number, by grammatical case: what a phrase
/// needs after "в течение" (genitive: "в течение 21 минуты") or "через" (accusative:
/// "через 21 минуту").
public struct RussianNoun: Sendable {
    /// The grammatical cases phrases use.
    public enum Case: Sendable { case nominative, accusative, genitive }

    /// Forms for `one`, `few`, `many`, per case.
    let forms: [Case: (one: String, few: String, many: String)]

    /// The count and the noun's form for it in `grammaticalCase`: `minute.phrase(2,
    /// .accusative)` is "2 минуты", `minute.phrase(2, .genitive)` "2 минут".
    public func phrase(_ count: Int, _ grammaticalCase: Case) -> String {
        let f = forms[grammaticalCase]!
        return "\(count) " + RussianPlural.pick(count, one: f.one, few: f.few, many: f.many)
    }

    /// минута, минуты, минут.
    public static let minute = RussianNoun(forms: [
        .nominative: ("минута", "минуты", "минут"),
        .accusative: ("минуту", "минуты", "минут"),
        .genitive: ("минуты", "минут", "минут"),
    ])
    /// час, часа, часов.
    public static let hour = RussianNoun(forms: [
        .nominative: ("час", "часа", "часов"),
        .accusative: ("час", "часа", "часов"),
        .genitive: ("часа", "часов", "часов"),
    ])
    /// день, дня, дней.
    public static let day = RussianNoun(forms: [
        .nominative: ("день", "дня", "дней"),
        .accusative: ("день", "дня", "дней"),
        .genitive: ("дня", "дней", "дней"),
    ])
}
