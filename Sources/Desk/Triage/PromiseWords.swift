/// The words promises are made of, in the languages shiftdesk writes them in.
enum PromiseWords: Sendable {
    case english, russian

    /// Russian for "ru" (and "ru-…"), English for every other template language.
    init(language: String) {
        let code = language.lowercased()
        self = code == "ru" || code.hasPrefix("ru-") ? .russian : .english
    }

    /// A time of day: English "09:00", Russian "9:00".
    func clock(_ time: LocalTime) -> String { time.clock(leadingZero: self == .english) }

    /// `date` said from `today`: nil for today, then "tomorrow", a weekday within the
    /// week ("on Monday"), and past that the date ("on 2 January"), which a weekday could
    /// not tell from the same day next week.
    func day(_ date: LocalDate, from today: LocalDate) -> String? {
        let ahead = date.dayNumber - today.dayNumber
        switch (self, ahead) {
        case (_, ...0): return nil
        case (.english, 1): return "tomorrow"
        case (.russian, 1): return "завтра"
        case (.english, 2...6): return "on " + Self.englishWeekdays[date.weekday.rawValue]
        case (.russian, 2...6): return Self.russianWeekdays[date.weekday.rawValue]
        case (.english, _): return "on \(date.components.day) " + Self.englishMonths[date.components.month - 1]
        case (.russian, _): return "\(date.components.day) " + Self.russianMonths[date.components.month - 1]
        }
    }

    /// "within 20 minutes", "в течение 20 минут"; 60 minutes are an hour.
    func within(minutes: Int) -> String {
        switch self {
        case .english: return minutes >= 60 ? "within an hour" : "within \(minutes) minute" + (minutes == 1 ? "" : "s")
        case .russian: return minutes >= 60 ? "в течение часа" : "в течение " + RussianNoun.minute.phrase(minutes, .genitive)
        }
    }

    /// "by 11:30", "tomorrow by 09:30", "завтра до 9:30".
    func by(_ day: String?, _ time: String) -> String { Self.join(day, self == .english ? "by" : "до", time) }

    /// "tomorrow after 09:00", "завтра после 9:00".
    func after(_ day: String?, _ time: String) -> String { Self.join(day, self == .english ? "after" : "после", time) }

    /// "tomorrow at 09:00", "завтра в 9:00".
    func at(_ day: String?, _ time: String) -> String { Self.join(day, self == .english ? "at" : "в", time) }

    private static func join(_ day: String?, _ preposition: String, _ time: String) -> String {
        (day.map { $0 + " " } ?? "") + preposition + " " + time
    }

    static let englishWeekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    /// With their preposition, which "вторник" makes "во".
    static let russianWeekdays = ["в понедельник", "во вторник", "в среду", "в четверг", "в пятницу", "в субботу", "в воскресенье"]
    static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                                "October", "November", "December"]
    /// In the genitive, as a date says them: "2 января".
    static let russianMonths = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                                "октября", "ноября", "декабря"]
}
