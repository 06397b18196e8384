import Foundation
import InboxFormat

/// A reproducible generator of realistic inboxes, for the benchmark and the tests.
///
/// The mix follows a support shift: about five messages a thread, customers writing in
/// English and Russian with emoji, replies from agents, some notes, resolutions and
/// delivery confirmations; message texts of 50 to 400 characters.
public struct SyntheticInbox {
    /// Changes whenever the generator's output for the same parameters changes, so a
    /// cached file is never mistaken for one the current generator would write.
    public static let version = 2

    /// What kind of day the inbox holds.
    public enum Shape: String, Sendable, CaseIterable {
        /// An ordinary shift: about 400 live threads of three to seven messages, most
        /// answered and resolved.
        case shift
        /// A bad day's queue: an outage backlog of 100,000+ open threads, threads of 1 to 150
        /// messages (most of one or two, a few very long), few answered.
        case backlog
    }

    public var seed: UInt64
    public var shape: Shape

    public init(seed: UInt64 = 42, shape: Shape = .shift) {
        self.seed = seed
        self.shape = shape
    }

    /// A file name that names everything the content depends on: shape, size, seed and
    /// the generator's version.
    public func fileName(records: Int) -> String {
        "synthetic-\(shape.rawValue)-\(records)-seed\(seed)-v\(Self.version).jsonl"
    }

    /// Writes `records` records to `path` (replacing it) and returns the bytes written.
    @discardableResult
    public func write(records: Int, to path: String) throws -> Int {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw InboxError("\(path): cannot create the synthetic inbox")
        }
        defer { try? handle.close() }
        var total = 0
        var chunk = ""
        chunk.reserveCapacity(1 << 22)
        forEachLine(records: records) { line in
            chunk += line
            chunk += "\n"
            if chunk.utf8.count >= 1 << 22 {
                total += chunk.utf8.count
                handle.write(Data(chunk.utf8))
                chunk.removeAll(keepingCapacity: true)
            }
        }
        total += chunk.utf8.count
        handle.write(Data(chunk.utf8))
        return total
    }

    /// Calls `body` with each line (without `\n`) of an inbox of `records` records.
    public func forEachLine(records: Int, _ body: (String) -> Void) {
        switch shape {
        case .shift: shiftLines(records: records, body)
        case .backlog: backlogLines(records: records, body)
        }
    }

    private func shiftLines(records: Int, _ body: (String) -> Void) {
        var rng = SplitMix64(seed: seed)
        var open: [Int] = []           // threads that still get messages
        var nextThread = 0
        var nextRecord = 0
        var clock: Int64 = 1_795_000_000_000  // 2026-11-18, in milliseconds
        var messagesLeft: [Int: Int] = [:]
        var lastOut: [Int: Int] = [:]
        var started: Set<Int> = []
        while nextRecord < records {
            clock += Int64(rng.next(below: 4000))
            let at = Timestamp(milliseconds: clock).rfc3339
            let roll = rng.next(below: 100)
            if open.isEmpty || (roll < 22 && open.count < 400) {
                let t = nextThread
                nextThread += 1
                open.append(t)
                messagesLeft[t] = 3 + rng.next(below: 5)
            }
            let t = open[rng.next(below: open.count)]
            let id = "r\(nextRecord)"
            nextRecord += 1
            let visibility = t % 3 == 0 ? "private" : "public"
            let channel = Self.channels[t % Self.channels.count].forVisibility(visibility)
            let customer = t % 50_000
            let left = messagesLeft[t, default: 0]
            if roll >= 95, let out = lastOut[t] {
                let failed = rng.next(below: 20) == 0
                body("{\"type\":\"delivery\",\"id\":\"\(id)\",\"at\":\"\(at)\",\"message\":\"r\(out)\",\"state\":\"\(failed ? "failed" : "sent")\"\(failed ? ",\"error\":\"rate limited\"" : "")}")
                lastOut[t] = nil
                continue
            }
            if roll >= 92 {
                body("{\"type\":\"note\",\"id\":\"\(id)\",\"at\":\"\(at)\",\"thread\":\"t\(t)\",\"agent\":\"\(Self.agents[t % Self.agents.count])\",\"text\":\(JSONEscapes.quoted(text(&rng, russian: t % 2 == 0, length: 40 + rng.next(below: 80))))}")
                continue
            }
            if left <= 0 {
                body("{\"type\":\"resolve\",\"id\":\"\(id)\",\"at\":\"\(at)\",\"thread\":\"t\(t)\",\"agent\":\"\(Self.agents[t % Self.agents.count])\"}")
                open.removeAll { $0 == t }
                messagesLeft[t] = nil
                lastOut[t] = nil
                started.remove(t)
                continue
            }
            messagesLeft[t] = left - 1
            defer { started.insert(t) }
            // Customers start threads; after that, the two sides take turns, mostly.
            let inbound = !started.contains(t) || left % 2 == 1 || roll < 30
            let russian = customer % 2 == 0
            let length = 50 + rng.next(below: 351)
            let body_ = text(&rng, russian: russian, length: length)
            if inbound {
                let name = Self.names[customer % Self.names.count]
                body("{\"type\":\"message\",\"id\":\"\(id)\",\"at\":\"\(at)\",\"thread\":\"t\(t)\",\"channel\":\"\(channel)\",\"visibility\":\"\(visibility)\",\"direction\":\"in\",\"author\":{\"id\":\"u\(customer)\",\"handle\":\"@\(name.handle)\(customer)\",\"name\":\(JSONEscapes.quoted(name.full)),\"followers\":\(rng.next(below: 5000))},\"text\":\(JSONEscapes.quoted(body_))}")
            } else {
                lastOut[t] = nextRecord - 1
                body("{\"type\":\"message\",\"id\":\"\(id)\",\"at\":\"\(at)\",\"thread\":\"t\(t)\",\"channel\":\"\(channel)\",\"visibility\":\"\(visibility)\",\"direction\":\"out\",\"author\":{\"id\":\"brand\",\"handle\":\"@brand\"},\"agent\":\"\(Self.agents[t % Self.agents.count])\",\"text\":\(JSONEscapes.quoted(body_))}")
            }
        }
    }

    /// The outage backlog: customers keep arriving, agents answer a few. A thread's length
    /// is drawn once: 70% one message, 20% two to ten, 9% ten to fifty, 1% fifty to 150
    /// (one thread in a thousand exactly 150, for the benchmark of opening a long thread).
    private func backlogLines(records: Int, _ body: (String) -> Void) {
        var rng = SplitMix64(seed: seed)
        var live: [(thread: Int, left: Int, started: Bool)] = []
        var nextThread = 0
        var clock: Int64 = 1_795_000_000_000
        for n in 0..<records {
            clock += Int64(rng.next(below: 400))
            let at = Timestamp(milliseconds: clock).rfc3339
            let id = "b\(n)"
            if live.count < 2000 && (live.isEmpty || rng.next(below: 100) < 60) {
                let roll = rng.next(below: 1000)
                let length = roll < 700 ? 1 : roll < 900 ? 2 + rng.next(below: 9) : roll < 990 ? 10 + rng.next(below: 41)
                    : roll == 999 ? 150 : 50 + rng.next(below: 101)
                live.append((nextThread, length, false))
                nextThread += 1
            }
            let slot = rng.next(below: live.count)
            let t = live[slot].thread
            let visibility = t % 3 == 0 ? "private" : "public"
            let channel = Self.channels[t % Self.channels.count].forVisibility(visibility)
            let customer = t % 90_000
            let roll = rng.next(below: 100)
            if roll < 2 {
                body("{\"type\":\"note\",\"id\":\"\(id)\",\"at\":\"\(at)\",\"thread\":\"t\(t)\",\"agent\":\"\(Self.agents[t % Self.agents.count])\",\"text\":\(JSONEscapes.quoted(text(&rng, russian: t % 2 == 0, length: 40 + rng.next(below: 80))))}")
                continue
            }
            // The customer opens the thread; later messages are mostly theirs too (a backlog
            // is customers asking again), with an agent's answer now and then.
            let inbound = !live[slot].started || roll < 75
            live[slot].started = true
            live[slot].left -= 1
            if live[slot].left <= 0 {
                live.swapAt(slot, live.count - 1)
                live.removeLast()
            }
            let russian = customer % 2 == 0
            let text = text(&rng, russian: russian, length: 40 + rng.next(below: 200))
            if inbound {
                let name = Self.names[customer % Self.names.count]
                body("{\"type\":\"message\",\"id\":\"\(id)\",\"at\":\"\(at)\",\"thread\":\"t\(t)\",\"channel\":\"\(channel)\",\"visibility\":\"\(visibility)\",\"direction\":\"in\",\"author\":{\"id\":\"u\(customer)\",\"handle\":\"@\(name.handle)\(customer)\",\"name\":\(JSONEscapes.quoted(name.full)),\"followers\":\(rng.next(below: 5000))},\"text\":\(JSONEscapes.quoted(text))}")
            } else {
                body("{\"type\":\"message\",\"id\":\"\(id)\",\"at\":\"\(at)\",\"thread\":\"t\(t)\",\"channel\":\"\(channel)\",\"visibility\":\"\(visibility)\",\"direction\":\"out\",\"author\":{\"id\":\"brand\",\"handle\":\"@brand\"},\"agent\":\"\(Self.agents[t % Self.agents.count])\",\"text\":\(JSONEscapes.quoted(text))}")
            }
        }
    }

    private func text(_ rng: inout SplitMix64, russian: Bool, length: Int) -> String {
        let words = russian ? Self.russianWords : Self.englishWords
        var out = ""
        var characters = 0
        while characters < length {
            if characters > 0 {
                let gap = rng.next(below: 12) == 0 ? ". " : " "
                out += gap
                characters += gap.count
            }
            let word = rng.next(below: 15) == 0 ? Self.emoji[rng.next(below: Self.emoji.count)] : words[rng.next(below: words.count)]
            out += word
            characters += word.count
        }
        return out
    }

    struct Channel {
        var publicName: String
        var privateName: String
        func forVisibility(_ v: String) -> String { v == "public" ? publicName : privateName }
    }

    static let channels = [
        Channel(publicName: "twitter", privateName: "twitter"),
        Channel(publicName: "facebook", privateName: "email"),
        Channel(publicName: "vk", privateName: "telegram"),
        Channel(publicName: "instagram", privateName: "chat"),
    ]
    static let agents = ["olga", "max", "dana", "ivan"]
    static let names: [(full: String, handle: String)] = [
        ("Анна Кузнецова", "anna_k"), ("Mark Evans", "markev"), ("Дмитрий Орлов", "d_orlov"),
        ("Priya Shah", "priyash"), ("Елена Смирнова", "lena_s"), ("Tom O'Neil", "tomo"),
        ("Сергей", "serg"), ("Chloé Martin", "chloem"),
    ]
    static let englishWords = [
        "order", "delivery", "refund", "payment", "site", "down", "again", "please", "help", "waiting",
        "hours", "card", "charged", "twice", "login", "password", "reset", "broken", "courier", "thanks",
        "great", "service", "still", "nothing", "today", "tracking", "number", "app", "crashes", "checkout",
    ]
    static let russianWords = [
        "заказ", "доставка", "возврат", "оплата", "сайт", "не", "работает", "снова", "пожалуйста", "помогите",
        "жду", "часа", "карта", "списали", "дважды", "вход", "пароль", "сломался", "курьер", "спасибо",
        "отлично", "сервис", "всё", "ещё", "ничего", "сегодня", "трек", "номер", "приложение", "корзина",
    ]
    static let emoji = ["😡", "🙏", "👍", "😀", "🔥", "💳", "📦", "😭", "❤️", "👍🏽"]
}

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64), so a seed
/// always gives the same inbox.
public struct SplitMix64 {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    public mutating func next(below n: Int) -> Int { Int(next() % UInt64(n)) }
}
