/// An outage morning for the tests that need one: 42 complaints about one thing in 12
/// minutes (from 2026-11-24T09:00:00Z), in English and Russian, each from its own customer
/// on Twitter, among everyday e-mails.
public enum OutageMorning {
    static let complaints = [
        "site is down?", "сайт не работает", "502 at checkout!!", "ошибка 502 при оформлении заказа", "checkout gives 502 bad gateway",
        "сайт лежит, оплатить не могу", "your website is down again", "не открывается сайт, 502", "Site down, can't pay", "502 error on the site",
    ]
    static let extras = ["", " help", " please fix", " 😡", " since 9am", " уже 10 минут", " что происходит?", " ???"]
    static let everyday = ["where is my parcel?", "can I change my delivery address", "хочу вернуть куртку", "what size is the blue coat",
                           "спасибо, всё пришло!", "promo code doesn't apply"]

    /// RFC 3339 for `seconds` after 09:00 that morning.
    static func at(_ seconds: Int) -> String {
        let m = seconds / 60, s = seconds % 60
        return "2026-11-24T09:\(m < 10 ? "0" : "")\(m):\(s < 10 ? "0" : "")\(s)Z"
    }

    /// The customers of the complaints: even ones write in English ("Customer0 Smith"),
    /// odd ones in Russian ("Клиент1 Иванов"); their threads are `tw-0` to `tw-41`.
    public static func name(_ i: Int) -> String { i % 2 == 0 ? "Customer\(i) Smith" : "Клиент\(i) Иванов" }

    /// The inbox's lines, in time order: a complaint every 17 seconds, an e-mail every two minutes.
    public static var lines: [String] {
        var out: [(Int, String)] = []
        for i in 0..<42 {
            let text = complaints[i % complaints.count] + extras[i % extras.count]
            out.append((i * 17, #"{"type":"message","id":"c\#(i)","at":"\#(at(i * 17))","thread":"tw-\#(i)","channel":"twitter","visibility":"public","direction":"in","author":{"id":"u\#(i)","handle":"@user\#(i)","name":"\#(name(i))"},"text":"@shop \#(text)"}"#))
        }
        for (i, text) in everyday.enumerated() {
            out.append((i * 120 + 5, #"{"type":"message","id":"e\#(i)","at":"\#(at(i * 120 + 5))","thread":"mail-\#(i)","channel":"email","visibility":"private","direction":"in","author":{"id":"e\#(i)","name":"Everyday \#(i)"},"text":"\#(text)"}"#))
        }
        return out.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
