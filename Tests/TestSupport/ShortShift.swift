/// A short shift for the report's tests, small enough to count by hand: Friday
/// 2026-11-20, the window 09:00 to 12:00 UTC, four threads, two agents and a connector.
///
/// What happens, and what the report must make of it (wall clock; targets are the
/// defaults: public normal 30 min, private normal 4 h):
///
/// - `t1` (public): Anna writes at 08:50, before the window. Olga answers at 09:10 from
///   template `ack`, untouched (first response: 20 min), and resolves at 09:30
///   (resolution: 40 min). Anna writes again at 10:00 (re-opened). Ivan answers at
///   10:45 without a template (a next response, 45 min: an SLA breach) and resolves at
///   11:00 (resolution: 60 min).
/// - `t2` (private e-mail): Bob writes at 09:05 and 09:20. Olga answers at 11:05 from
///   `refund`, 12 characters edited (first response: 2 h). Olga notes at 11:10. The
///   company spoke last: waiting, not in the handover.
/// - `t3` (public): Carl writes at 11:20; assigned to Ivan at 11:25, who notes at 11:26.
///   Still open at 12:00, due at 11:50: overdue, first in the handover.
/// - `t4` (private chat): Dee writes at 09:40; a connector reports a reply at 09:50 (first
///   response: 10 min, no agent); Olga snoozes it at 09:55 until 13:00: snoozed, second
///   in the handover.
/// - `t0`: a thread of the day before, resolved before the window: counts for nothing.
/// - `t5`: a message at 12:30, after the window: counts for nothing.
///
/// With business hours 09:00 to 17:00 (UTC, Monday to Friday), Anna's first wait is 10
/// minutes (her clock starts at 09:00) and her first resolution 30.
public enum ShortShift {
    public static let since = "2026-11-20T09:00:00Z"
    public static let until = "2026-11-20T12:00:00Z"

    static func message(_ id: String, _ at: String, _ thread: String, _ channel: String, _ visibility: String, _ direction: String,
                        _ author: String, _ text: String, extra: String = "") -> String {
        #"{"type":"message","id":"\#(id)","at":"2026-11-20T\#(at):00Z","thread":"\#(thread)","channel":"\#(channel)","visibility":"\#(visibility)","direction":"\#(direction)","author":{"id":"\#(author)","name":"\#(author.capitalized)"}\#(extra),"text":"\#(text)"}"#
    }

    static func action(_ type: String, _ id: String, _ at: String, _ thread: String, _ agent: String, _ extra: String = "") -> String {
        #"{"type":"\#(type)","id":"\#(id)","at":"2026-11-20T\#(at):00Z","thread":"\#(thread)","agent":"\#(agent)"\#(extra)}"#
    }

    /// The inbox's lines, in file order.
    public static var lines: [String] {
        [
            #"{"type":"message","id":"m0","at":"2026-11-19T16:00:00Z","thread":"t0","channel":"twitter","visibility":"public","direction":"in","author":{"id":"zed"},"text":"old news"}"#,
            #"{"type":"resolve","id":"e0","at":"2026-11-19T17:00:00Z","thread":"t0","agent":"olga"}"#,
            message("m1", "08:50", "t1", "twitter", "public", "in", "anna", "my order is late"),
            message("m2", "09:10", "t1", "twitter", "public", "out", "shop", "Anna, sorry: it ships today.",
                    extra: #","agent":"olga","template":"ack","template_edit":0"#),
            message("m5", "09:05", "t2", "email", "private", "in", "bob", "refund please"),
            action("resolve", "e1", "09:30", "t1", "olga"),
            message("m6", "09:20", "t2", "email", "private", "in", "bob", "hello?"),
            message("m9", "09:40", "t4", "chat", "private", "in", "dee", "where is my parcel"),
            message("m10", "09:50", "t4", "chat", "private", "out", "shop", "It arrives tomorrow."),
            action("snooze", "s1", "09:55", "t4", "olga", #","until":"2026-11-20T13:00:00Z""#),
            message("m3", "10:00", "t1", "twitter", "public", "in", "anna", "it did not ship"),
            message("m4", "10:45", "t1", "twitter", "public", "out", "shop", "Anna, it left this morning.", extra: #","agent":"ivan""#),
            action("resolve", "e2", "11:00", "t1", "ivan"),
            message("m7", "11:05", "t2", "email", "private", "out", "shop", "Bob, your refund is on its way.",
                    extra: #","agent":"olga","template":"refund","template_edit":12"#),
            action("note", "n1", "11:10", "t2", "olga", #","text":"call back at 14""#),
            message("m8", "11:20", "t3", "twitter", "public", "in", "carl", "my coupon code is missing"),
            action("assign", "a1", "11:25", "t3", "olga", #","to":"ivan""#),
            action("note", "n2", "11:26", "t3", "ivan", #","text":"asked for the phone model""#),
            message("m11", "12:30", "t5", "twitter", "public", "in", "eve", "hi"),
        ]
    }

    /// The config that sets business hours 09:00 to 17:00 UTC on weekdays.
    public static let businessHoursConfig = """
        [hours]
        timezone = "UTC"
        days = ["mon", "tue", "wed", "thu", "fri"]
        opens = "09:00"
        closes = "17:00"
        """
}
