import Foundation
import Testing
@testable import Desk
import InboxFormat

/// `{{response_time}}` and `{{opening_time}}` as a Berlin office says them, in English and
/// Russian. November 2026: Tuesday the 17th, Friday the 20th.
@Suite struct PromiseTests {
    let office = BusinessCalendar(timeZone: TimeZone(identifier: "Europe/Berlin")!, window: OpeningWindow("09:00-18:00")!,
                                  on: [.monday, .tuesday, .wednesday, .thursday, .friday])

    func t(_ text: String) -> Timestamp { Timestamp.parse(text)! }

    /// The promise of `due` at `now`, in English and in Russian.
    func say(_ due: String, at now: String) -> (String, String) {
        let promise = ResponsePromise(due: t(due), calendar: office)
        return (promise.phrase(now: t(now), language: "en"), promise.phrase(now: t(now), language: "ru"))
    }

    @Test func withinTheHourWhileOpen() {
        let now = "2026-11-17T10:00:00+01:00"
        #expect(say("2026-11-17T10:20:00+01:00", at: now) == ("within 20 minutes", "в течение 20 минут"))
        #expect(say("2026-11-17T10:17:00+01:00", at: now) == ("within 20 minutes", "в течение 20 минут"))
        #expect(say("2026-11-17T10:20:01+01:00", at: now) == ("within 25 minutes", "в течение 25 минут"))
        #expect(say("2026-11-17T10:00:30+01:00", at: now) == ("within 5 minutes", "в течение 5 минут"))
        #expect(say("2026-11-17T11:00:00+01:00", at: now) == ("within an hour", "в течение часа"))
        // Overdue: as soon as can be.
        #expect(say("2026-11-17T09:00:00+01:00", at: now) == ("within 5 minutes", "в течение 5 минут"))
    }

    @Test func byATimeLaterTodayRoundedUpToFiveMinutes() {
        let now = "2026-11-17T10:00:00+01:00"
        #expect(say("2026-11-17T11:30:00+01:00", at: now) == ("by 11:30", "до 11:30"))
        #expect(say("2026-11-17T11:26:00+01:00", at: now) == ("by 11:30", "до 11:30"))
        #expect(say("2026-11-17T11:25:30+01:00", at: now) == ("by 11:30", "до 11:30"))
        // Under an hour away, but the office closes before (an on-call clock): a time, not "within".
        #expect(say("2026-11-17T18:05:00+01:00", at: "2026-11-17T17:50:00+01:00") == ("by 18:05", "до 18:05"))
    }

    @Test func tomorrowByWhileOpenAfterWhenClosed() {
        #expect(say("2026-11-18T09:20:00+01:00", at: "2026-11-17T17:50:00+01:00") == ("tomorrow by 09:20", "завтра до 9:20"))
        // After hours: when we are back.
        #expect(say("2026-11-18T09:30:00+01:00", at: "2026-11-17T20:00:00+01:00") == ("tomorrow after 09:00", "завтра после 9:00"))
        // Overdue after hours: the same.
        #expect(say("2026-11-17T17:00:00+01:00", at: "2026-11-17T20:00:00+01:00") == ("tomorrow after 09:00", "завтра после 9:00"))
        // Before opening on the same day.
        #expect(say("2026-11-17T09:15:00+01:00", at: "2026-11-17T07:00:00+01:00") == ("after 09:00", "после 9:00"))
        // Over the weekend.
        #expect(say("2026-11-23T09:30:00+01:00", at: "2026-11-20T20:00:00+01:00") == ("on Monday after 09:00", "в понедельник после 9:00"))
        // Closed now, but due days after the team is back: the due time itself.
        #expect(say("2026-11-19T12:00:00+01:00", at: "2026-11-17T20:00:00+01:00") == ("on Thursday by 12:00", "в четверг до 12:00"))
    }

    @Test func laterDaysByWeekdayThenByDate() {
        let now = "2026-11-17T10:00:00+01:00"
        #expect(say("2026-11-19T15:00:00+01:00", at: now) == ("on Thursday by 15:00", "в четверг до 15:00"))
        #expect(say("2026-11-23T09:05:00+01:00", at: now) == ("on Monday by 09:05", "в понедельник до 9:05"))
        #expect(say("2026-11-25T10:00:00+01:00", at: now) == ("on 25 November by 10:00", "25 ноября до 10:00"))
        #expect(say("2027-01-02T10:00:00+01:00", at: now) == ("on 2 January by 10:00", "2 января до 10:00"))
        let ru = PromiseWords.russian, today = LocalDate("2026-11-16")!  // a Monday
        #expect((2...6).map { ru.day(today.adding(days: $0), from: today)! }
            == ["в среду", "в четверг", "в пятницу", "в субботу", "в воскресенье"])
        #expect(ru.day(LocalDate("2026-11-24")!, from: LocalDate("2026-11-19")!) == "во вторник")
        #expect(ru.day(today, from: today) == nil && PromiseWords.english.day(today.adding(days: 1), from: today) == "tomorrow")
    }

    @Test func roundTheClockAndOtherLanguages() {
        // An urgent clock that ignores the hours is promised on every hour, in the team's zone.
        let promise = ResponsePromise(due: t("2026-11-21T03:15:00+01:00"), calendar: office.roundTheClock)
        #expect(promise.phrase(now: t("2026-11-21T03:00:00+01:00"), language: "ru") == "в течение 15 минут")
        #expect(promise.phrase(now: t("2026-11-21T03:00:00+01:00"), language: "de") == "within 15 minutes")
        #expect(promise.phrase(now: t("2026-11-21T03:00:00+01:00"), language: "RU") == "в течение 15 минут")
        // Rounding up past midnight lands on the next day.
        #expect(ResponsePromise(due: t("2026-11-21T23:58:00Z")).phrase(now: t("2026-11-21T20:00:00Z"), language: "en")
            == "tomorrow by 00:00")
    }

    @Test func openingTime() {
        func opening(_ now: String, on calendar: BusinessCalendar? = nil) -> (String, String) {
            (ResponsePromise.openingTime(now: t(now), calendar: calendar ?? office, language: "en"),
             ResponsePromise.openingTime(now: t(now), calendar: calendar ?? office, language: "ru"))
        }
        #expect(opening("2026-11-17T07:00:00+01:00") == ("at 09:00", "в 9:00"))
        #expect(opening("2026-11-17T20:00:00+01:00") == ("tomorrow at 09:00", "завтра в 9:00"))
        #expect(opening("2026-11-20T18:00:00+01:00") == ("on Monday at 09:00", "в понедельник в 9:00"))
        // While open: the next opening after today.
        #expect(opening("2026-11-17T10:00:00+01:00") == ("tomorrow at 09:00", "завтра в 9:00"))
        // Closed for the holidays: a date.
        let holidays = Set((0..<14).map { LocalDate("2026-12-24")!.adding(days: $0) })
        let closed = BusinessCalendar(timeZone: office.timeZone, window: OpeningWindow("09:30-18:00")!,
                                      on: [.monday, .tuesday, .wednesday, .thursday, .friday], holidays: holidays)
        #expect(opening("2026-12-23T19:00:00+01:00", on: closed) == ("on 7 January at 09:30", "7 января в 9:30"))
    }

    @Test func templatesSayThePhrasesInTheirLanguage() throws {
        let after = try ReplyTemplate(file: "a", text: "---\nname: a\nlanguage: ru\n---\nВернёмся {{opening_time}}. Отвечу {{response_time}}.")
        let ack = try ReplyTemplate(file: "b", text: "---\nname: b\nlanguage: en\n---\nBack {{opening_time}}. I'll get back to you {{response_time}}.")
        let values = TemplateValues(customer: nil, agent: "Olga", channel: "vk", lastMessage: nil, now: t("2026-11-17T20:00:00+01:00"),
                                    hours: office, promise: ResponsePromise(due: t("2026-11-18T09:30:00+01:00"), calendar: office))
        #expect(after.render(values) == "Вернёмся завтра в 9:00. Отвечу завтра после 9:00.")
        #expect(ack.render(values) == "Back tomorrow at 09:00. I'll get back to you tomorrow after 09:00.")
    }
}
