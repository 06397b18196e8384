import Testing
@testable import Desk

/// Russian nouns after numbers, by case: the forms a promise needs.
@Suite struct RussianPluralTests {
    static let counts = [1, 2, 5, 11, 12, 14, 21, 22, 25, 101, 111]

    @Test func categoriesByTheLastTwoDigits() {
        let expected: [RussianPlural] = [.one, .few, .many, .many, .many, .many, .one, .few, .many, .one, .many]
        #expect(Self.counts.map(RussianPlural.init) == expected)
        #expect(RussianPlural(0) == .many && RussianPlural(3) == .few && RussianPlural(4) == .few && RussianPlural(13) == .many)
        #expect(RussianPlural(112) == .many && RussianPlural(122) == .few && RussianPlural(-1) == .one)
        #expect(RussianPlural.pick(21, one: "a", few: "b", many: "c") == "a")
    }

    @Test func minutesAfterVTecheniyeAreGenitive() {
        #expect(Self.counts.map { RussianNoun.minute.phrase($0, .genitive) } == [
            "1 минуты", "2 минут", "5 минут", "11 минут", "12 минут", "14 минут", "21 минуты", "22 минут", "25 минут", "101 минуты", "111 минут",
        ])
    }

    @Test func minutesAfterCherezAreAccusative() {
        #expect(Self.counts.map { RussianNoun.minute.phrase($0, .accusative) } == [
            "1 минуту", "2 минуты", "5 минут", "11 минут", "12 минут", "14 минут", "21 минуту", "22 минуты", "25 минут", "101 минуту", "111 минут",
        ])
        #expect(RussianNoun.minute.phrase(21, .nominative) == "21 минута")
    }

    @Test func hoursAndDays() {
        #expect(Self.counts.map { RussianNoun.hour.phrase($0, .nominative) } == [
            "1 час", "2 часа", "5 часов", "11 часов", "12 часов", "14 часов", "21 час", "22 часа", "25 часов", "101 час", "111 часов",
        ])
        #expect(Self.counts.map { RussianNoun.hour.phrase($0, .genitive) } == [
            "1 часа", "2 часов", "5 часов", "11 часов", "12 часов", "14 часов", "21 часа", "22 часов", "25 часов", "101 часа", "111 часов",
        ])
        #expect(Self.counts.map { RussianNoun.day.phrase($0, .accusative) } == [
            "1 день", "2 дня", "5 дней", "11 дней", "12 дней", "14 дней", "21 день", "22 дня", "25 дней", "101 день", "111 дней",
        ])
        #expect(RussianNoun.day.phrase(2, .genitive) == "2 дней" && RussianNoun.day.phrase(21, .genitive) == "21 дня")
    }
}
