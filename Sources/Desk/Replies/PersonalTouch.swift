import InboxFormat
import InboxStore
import Foundation

/// Why a reply might not read as written for this person, found before it is sent.
///
/// The checks warn; they never block. Each names what it found, so the agent can decide.
public struct ReplyWarning: Equatable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// The text is the template as rendered, not edited.
        case untouched
        /// A `{{placeholder}}` is left, or a variable came out empty ("Hi ,").
        case placeholder
        /// It greets or addresses someone who is not this customer, or mentions an @handle
        /// that is not in this thread: the reply meant for the previous thread.
        case wrongName
        /// The same text (handles and spacing aside) went out in the last 24 hours.
        case repeated
        /// A public reply holds what looks like personal data.
        case personalData
        /// A public reply is over its channel's length limit.
        case tooLong
        /// The same template went out publicly many times within minutes with nothing
        /// changed but the names (the flood guard), or this reply is another of the same
        /// batch's apart from the name.
        case flood
    }

    public var kind: Kind
    /// What was found, for the agent.
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }
}

/// What the checks need to know about a draft and its thread.
public struct ReplyDraft: Sendable {
    public var text: String
    public var visibility: Visibility
    /// The template as rendered for this thread, if the draft started from one.
    public var renderedTemplate: String?
    /// The names this customer goes by: name, first name, handle. Empty: the thread's
    /// people are unknown, and no name or handle is checked.
    public var customerNames: [String]
    /// Texts the company sent in the last 24 hours, from anyone.
    public var recentOutbound: [String]
    /// The handles already in this thread: of everyone who wrote in it, and those their
    /// messages mention. A reply may name them.
    public var threadHandles: [String]
    /// The company's own handles, on every channel: the authors of outbound messages.
    public var companyHandles: [String]
    /// The first names of the people the inbox knows, lower-cased. A word that opens the
    /// reply ("Анна, простите...") is taken for a name only when it is one of these, so
    /// "Sorry, ..." or "Thanks!" never counts as addressing someone.
    public var knownNames: Set<String>

    public init(text: String, visibility: Visibility, renderedTemplate: String? = nil,
                customerNames: [String] = [], recentOutbound: [String] = [],
                threadHandles: [String] = [], companyHandles: [String] = [], knownNames: Set<String> = []) {
        self.text = text
        self.visibility = visibility
        self.renderedTemplate = renderedTemplate
        self.customerNames = customerNames
        self.recentOutbound = recentOutbound
        self.threadHandles = threadHandles
        self.companyHandles = companyHandles
        self.knownNames = knownNames
    }
}

/// The personal-touch check: catches the untouched, the wrong-name, the repeated and the
/// oversharing reply before a customer sees it.
public enum PersonalTouch {
    /// Every warning for `draft`, skipping the kinds in `disabled`.
    public static func check(_ draft: ReplyDraft, disabled: Set<ReplyWarning.Kind> = []) -> [ReplyWarning] {
        var warnings: [ReplyWarning] = []
        func add(_ kind: ReplyWarning.Kind, _ message: String) {
            if !disabled.contains(kind) { warnings.append(ReplyWarning(kind: kind, message: message)) }
        }
        if let template = draft.renderedTemplate, normalized(template) == normalized(draft.text) {
            add(.untouched, "This is the template exactly as rendered: make it about this person.")
        }
        if let leftover = firstMatch(#"\{\{[^}]*\}\}"#, in: draft.text) {
            add(.placeholder, "A placeholder is left in the text: \(leftover)")
        } else if let empty = firstMatch(emptyGreeting, in: draft.text) {
            add(.placeholder, "A name seems to be missing: “\(empty)”")
        }
        if let customer = draft.customerNames.first {
            let own = draft.customerNames.reduce(into: Set<String>()) { $0.formUnion(names(in: $1)) }
            if let greeted = greetedName(in: draft.text), !own.contains(greeted.lowercased()) {
                add(.wrongName, "It greets “\(greeted)”, but this customer is “\(customer)”.")
            } else if let addressed = addressedName(in: draft.text), case let word = addressed.lowercased(),
                      !own.contains(word), draft.knownNames.contains(word) {
                add(.wrongName, "It opens with “\(addressed)”, another customer's name, but this customer is “\(customer)”.")
            }
            let allowed = Set((draft.customerNames + draft.threadHandles + draft.companyHandles).map(handleKey))
            var strangers: [String] = []
            for handle in mentions(in: draft.text) where !allowed.contains(handleKey(handle)) {
                if !strangers.contains(where: { handleKey($0) == handleKey(handle) }) { strangers.append(handle) }
            }
            if !strangers.isEmpty {
                let whose = draft.customerNames.first { $0.hasPrefix("@") }.map { " (this customer is \($0))" } ?? ""
                add(.wrongName, "It mentions \(strangers.joined(separator: ", ")), not in this thread nor the company's\(whose).")
            }
        }
        let mine = normalized(draft.text, droppingHandles: true)
        if !mine.isEmpty, draft.recentOutbound.contains(where: { normalized($0, droppingHandles: true) == mine }) {
            add(.repeated, "The same text already went out in the last 24 hours: the same automated message again.")
        }
        if draft.visibility == .public, let found = personalData(in: draft.text) {
            add(.personalData, "A public reply shows \(found). Move to a private channel instead.")
        }
        return warnings
    }

    // MARK: The rules

    /// A greeting with no name where one belongs: "Hi ,", "Dear !", "Привет ,", "Здравствуйте, ,".
    static let emptyGreeting = #"(?i)\b(hi|hello|hey|dear|привет|здравствуйте|добрый день|добрый вечер)(\s+|,\s*)[,!.]"#

    /// The name right after a greeting at the start of the text or a line, if any.
    static func greetedName(in text: String) -> String? {
        let pattern = #"(?im)^\s*(?:@\S+\s+)?(?:hi|hello|hey|dear|привет|здравствуйте|добрый день|добрый вечер),?\s+([\p{Lu}][\p{L}'’-]+)"#
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        let range = NSRange(text.startIndex..., in: text)
        guard let match = regex.firstMatch(in: text, range: range), let r = Range(match.range(at: 1), in: text) else { return nil }
        return String(text[r])
    }

    /// The name that opens the text, before a comma or "!", after any @handles:
    /// "@maria_k Мария, ..." gives "Мария"; of a two-word name, the first word.
    static func addressedName(in text: String) -> String? {
        let pattern = #"^\s*(?:@\S+\s+)*([\p{Lu}][\p{L}'’-]*)(?:\s+[\p{Lu}][\p{L}'’.-]*)?\s*[,!]"#
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        let range = NSRange(text.startIndex..., in: text)
        guard let match = regex.firstMatch(in: text, range: range), let r = Range(match.range(at: 1), in: text) else { return nil }
        return String(text[r])
    }

    /// The @handles the text mentions, as written. An `@` inside a word (an e-mail
    /// address) is not one, nor is a dot that ends the sentence part of it.
    public static func mentions(in text: String) -> [String] {
        matches(#"(?<![\p{L}\p{N}_.@-])@[\p{L}\p{N}_]+(?:\.[\p{L}\p{N}_]+)*"#, in: text)
    }

    /// A handle as compared: lower-cased, without its `@` (VK writes none).
    static func handleKey(_ handle: String) -> String {
        String(handle.lowercased().drop { $0 == "@" })
    }

    /// The words of a name, lower-cased, with a handle's `@` dropped; a handle also gives
    /// its parts ("maria_k" gives "maria"), which is how it often reads as a name.
    static func names(in name: String) -> Set<String> {
        var out = Set<String>()
        for word in name.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "’" && $0 != "-" && $0 != "_" && !$0.isNumber }) {
            out.insert(String(word))
            for part in word.split(whereSeparator: { !$0.isLetter }) where part.count < word.count { out.insert(String(part)) }
        }
        return out
    }

    /// What looks like personal data, named for the warning.
    static func personalData(in text: String) -> String? {
        if firstMatch(#"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#, in: text) != nil { return "an e-mail address" }
        for candidate in matches(#"(?:\d[ -]?){13,19}"#, in: text) where luhn(candidate) { return "a card number" }
        if firstMatch(#"(?:\+\d{1,3}[ -]?)?(?:\(?\d{3}\)?[ -]?)\d{3}[ -]?\d{2}[ -]?\d{2}\b"#, in: text) != nil { return "a phone number" }
        if firstMatch(#"(?i)(?:order|заказ|#)\s*(?:no\.?|№|number)?\s*#?\d{4,}"#, in: text) != nil { return "an order number" }
        return nil
    }

    /// The Luhn checksum that card numbers pass.
    static func luhn(_ text: String) -> Bool {
        let digits = text.compactMap { $0.wholeNumberValue }
        guard (13...19).contains(digits.count) else { return false }
        var sum = 0
        for (i, d) in digits.reversed().enumerated() {
            let v = i % 2 == 1 ? d * 2 : d
            sum += v > 9 ? v - 9 : v
        }
        return sum % 10 == 0
    }

    /// Lower case, spacing collapsed, and optionally without @handles: two replies that
    /// differ only there read the same to a customer who sees both.
    static func normalized(_ text: String, droppingHandles: Bool = false) -> String {
        var words = text.lowercased().split(whereSeparator: { $0.isWhitespace }).map(String.init)
        if droppingHandles { words.removeAll { $0.hasPrefix("@") } }
        return words.joined(separator: " ")
    }

    static func firstMatch(_ pattern: String, in text: String) -> String? {
        matches(pattern, in: text).first
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range, in: text).map { String(text[$0]) }
        }
    }
}
