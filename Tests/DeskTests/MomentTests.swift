import Testing
@testable import Desk
import InboxFormat

/// The moments that bring templates forward: after hours, an angry customer.
@Suite struct MomentTests {
    func at(_ time: String) -> Timestamp { Timestamp.parse("2026-11-20T\(time):00Z")! }

    @Test func businessHoursInUTC() throws {
        let day = BusinessCalendar(window: try #require(OpeningWindow(opens: "09:00", closes: "18:00")))
        #expect(!day.isOpen(at: at("08:59")))
        #expect(day.isOpen(at: at("09:00")) && day.isOpen(at: at("17:59")))
        #expect(!day.isOpen(at: at("18:00")) && !day.isOpen(at: at("23:30")))
        #expect(ResponsePromise.openingTime(now: at("23:30"), calendar: day, language: "en") == "tomorrow at 09:00")
        let night = BusinessCalendar(window: try #require(OpeningWindow("20:00-04:00")))
        #expect(night.isOpen(at: at("23:30")) && night.isOpen(at: at("03:59")))
        #expect(!night.isOpen(at: at("12:00")) && !night.isOpen(at: at("04:00")))
        #expect(OpeningWindow(opens: "9", closes: "18:00") == nil)
        #expect(OpeningWindow(opens: "25:00", closes: "18:00") == nil)
        #expect(OpeningWindow(opens: "24:00", closes: "18:00") == nil)
        #expect(OpeningWindow("09:00-24:00")?.closes == 1440)
    }

    @Test func angryFirstMessages() {
        for text in ["@shopwave checkout keeps failing with 'payment error' 😡 tried 3 cards",
                     "@shopwave сайт лежит уже час, не могу оплатить заказ. Корзина на 12 тысяч, а скидка сгорает сегодня!!!",
                     "@shopwave 45 minutes trying to check out. Payment error every time. Seriously?",
                     "ВЫ ВООБЩЕ СОБИРАЕТЕСЬ ОТВЕЧАТЬ",
                     "Where is my order?!", "Это просто издевательство, а не доставка", "🤦‍♀️ again"] {
            #expect(Tone.isAngry(text), "\(text)")
        }
        for text in ["love the new winter collection!! is the green scarf coming back in stock? 🧣💚",
                     "@shopwave payment error code PAY-502. Anyone else?",
                     "Скидка «ЧЁРНАЯ ПЯТНИЦА» действует до конца дня — она сохранится?",
                     "do you ship to Ireland?", "Подскажите, когда будет в наличии кофемолка Bora?"] {
            #expect(!Tone.isAngry(text), "\(text)")
        }
    }
}
