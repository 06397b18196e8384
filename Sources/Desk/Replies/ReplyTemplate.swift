import InboxFormat
import InboxStore
import Foundation
import Mustache

/// A reply template: a start that the agent edits, never the finished answer.
///
/// A file holds a short header between `---` lines, then a Mustache body rendered as plain
/// text (no HTML escaping):
///
/// ```
/// ---
/// name: outage-ack
/// description: Outage: we know, we're fixing it
/// visibility: public            (public, private or any)
/// channels: twitter, vk         (optional; none means every channel)
/// language: en
/// moment: surge                 (optional: after-hours, angry, surge; it comes first then)
/// ---
/// {{handle}} Sorry {{first_name}}, checkout is failing for many people right now...
/// ```
public struct ReplyTemplate: Sendable {
    public var name: String
    public var description: String
    /// nil: suits public and private threads.
    public var visibility: Visibility?
    /// Empty: suits every channel.
    public var channels: [String]
    public var language: String
    /// The moments it is written for; empty for any moment.
    public var moments: ReplyMoment
    public var body: String
    /// Where it came from, for messages.
    public var file: String
    private let template: MustacheTemplate

    /// The key that a user template overrides a default by: its name and language.
    public var key: String { name + "." + language }

    /// A template for a pinned announcement (its name starts `pin-`), not for a reply: `P`
    /// starts from it, the reply picker does not list it.
    public var isPin: Bool { name.hasPrefix("pin-") }

    /// Parses a template file; a problem is reported with its file and line.
    public init(file: String, text: String) throws(LineProblemError) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
              let close = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" })
        else {
            throw LineProblemError(LineProblem(file: file, line: 1, reason: "a template starts with a header between two --- lines"))
        }
        var fields: [String: String] = [:]
        for (i, line) in lines[1..<close].enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let colon = line.firstIndex(of: ":") else {
                throw LineProblemError(LineProblem(file: file, line: i + 2, reason: "a header line is \"key: value\""))
            }
            fields[line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()] =
                line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        guard let name = fields["name"], !name.isEmpty else {
            throw LineProblemError(LineProblem(file: file, line: 2, reason: "the header has no name"))
        }
        self.name = name
        description = fields["description"] ?? ""
        switch fields["visibility"]?.lowercased() ?? "any" {
        case "public": visibility = .public
        case "private": visibility = .private
        case "any", "": visibility = nil
        case let other:
            throw LineProblemError(LineProblem(file: file, line: 2, reason: "visibility must be public, private or any, not \"\(other)\""))
        }
        channels = (fields["channels"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        language = (fields["language"] ?? "en").lowercased()
        moments = []
        for word in (fields["moment"] ?? "").split(separator: ",") {
            let name = word.trimmingCharacters(in: .whitespaces).lowercased()
            guard let moment = ReplyMoment.byName[name] else {
                let line = lines[1..<close].firstIndex { $0.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("moment") }.map { $0 + 1 } ?? 2
                throw LineProblemError(LineProblem(file: file, line: line, reason:
                    "moment must be \(ReplyMoment.byName.keys.sorted().joined(separator: ", ")), not \"\(name)\""))
            }
            moments.insert(moment)
        }
        body = lines[(close + 1)...].joined(separator: "\n").trimmingCharacters(in: .newlines)
        self.file = file
        do {
            // Plain text: customer names must come out as written, not HTML-escaped.
            template = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + body)
        } catch let error as MustacheTemplate.ParserError {
            throw LineProblemError(LineProblem(file: file, line: close + 1 + error.context.lineNumber,
                                               reason: "template does not parse: \(error.error)"))
        } catch {
            throw LineProblemError(LineProblem(file: file, line: close + 2, reason: "template does not parse: \(error)"))
        }
    }

    /// True when the template suits a thread of this visibility and channel.
    public func suits(_ visibility: Visibility, channel: String) -> Bool {
        (self.visibility == nil || self.visibility == visibility) && (channels.isEmpty || channels.contains(channel.lowercased()))
    }

    /// True when the template is written for one of `moment`'s moments.
    public func fits(_ moment: ReplyMoment) -> Bool { !moments.isDisjoint(with: moment) }

    /// The body with this thread's values filled in, and the fallbacks of the template's
    /// language where the thread has no value.
    public func render(_ values: TemplateValues) -> String {
        template.render(values.dictionary(language: language))
    }
}

/// A `LineProblem` thrown: where a template file is wrong, and why.
public struct LineProblemError: Error, Sendable {
    public var problem: LineProblem
    /// Problems after the first, where the reader went on past it (a config's other sections).
    public var others: [LineProblem] = []
    public init(_ problem: LineProblem, others: [LineProblem] = []) {
        self.problem = problem
        self.others = others
    }
    /// The first problem and the others, in the order found.
    public var all: [LineProblem] { [problem] + others }
}

/// The values a template can use. Each one that is missing falls back to another, so a
/// rendered reply never says "Hi ,": first name to name to handle, handle to name; and the
/// settings that are not set fall back to a value in the template's own language, so a
/// Russian reply never says "2 hours".
public struct TemplateValues: Sendable {
    public var name: String?
    public var handle: String?
    public var agent: String
    public var channel: String
    public var lastMessage: String?
    public var now: Timestamp
    /// nil: the `promise` said in the template's language, else its fallback.
    public var responseTime: String?
    /// nil: the next opening of `hours` said in the template's language, else its fallback.
    public var openingTime: String?
    /// The team's hours, for `opening_time`: "tomorrow at 09:00", "завтра в 9:00".
    public var hours: BusinessCalendar?
    /// The thread's response clock, for `response_time`: "within 20 minutes", "до 11:30".
    public var promise: ResponsePromise?
    /// The pinned announcement a reply in a surge may quote (`pin`); nil: none.
    public var pin: String?

    public init(customer: Person?, agent: String, channel: String, lastMessage: String?, now: Timestamp,
                responseTime: String? = nil, openingTime: String? = nil, hours: BusinessCalendar? = nil,
                promise: ResponsePromise? = nil) {
        name = customer?.name.flatMap { $0.isEmpty ? nil : $0 }
        handle = customer?.handle.flatMap { $0.isEmpty ? nil : $0 }
        self.agent = agent
        self.channel = channel
        self.lastMessage = lastMessage
        self.now = now
        self.responseTime = responseTime
        self.openingTime = openingTime
        self.hours = hours
        self.promise = promise
    }

    /// What each setting says when it is not set, per template language: whole phrases, as
    /// ``ResponsePromise`` says them ("I'll get back to you within 2 hours", "we're back at
    /// 09:00"). A language not listed takes the English ones.
    public static let fallbacks: [String: [String: String]] = [
        "en": ["response_time": "within 2 hours", "opening_time": "at 09:00"],
        "ru": ["response_time": "в течение 2 часов", "opening_time": "в 9:00"],
    ]

    /// The variables by name, as the templates spell them, for a template in `language`.
    public func dictionary(language: String = "en") -> [String: String] {
        let fallback = Self.fallbacks[language] ?? Self.fallbacks["en"]!
        let shownHandle = handle.map { $0.hasPrefix("@") || channel != "twitter" ? $0 : "@" + $0 }
        let fullName = name ?? shownHandle ?? ""
        let first = name.flatMap { $0.split(separator: " ").first.map(String.init) } ?? shownHandle ?? ""
        return [
            "name": fullName,
            "first_name": first,
            "handle": shownHandle ?? "",
            "agent": agent,
            "channel": channel,
            "last_message": lastMessage.map { TextSafety.singleLine($0) } ?? "",
            "time": String(now.short.dropFirst(11).dropLast()),
            "date": String(now.short.prefix(10)),
            "response_time": responseTime ?? promise?.phrase(now: now, language: language) ?? fallback["response_time"]!,
            "opening_time": openingTime ?? hours.map { ResponsePromise.openingTime(now: now, calendar: $0, language: language) }
                ?? fallback["opening_time"]!,
            "pin": pin.map { TextSafety.singleLine($0) } ?? "",
            "customer_words": lastMessage.map(Self.customerWords) ?? "",
        ]
    }
}

extension TemplateValues {
    /// A short quote of what the customer wrote, for a reply that shows it was read: the
    /// @mentions that open it left out, cut at a word past 80 characters.
    static func customerWords(_ text: String) -> String {
        var words = TextSafety.singleLine(text).split(separator: " ")
        while let first = words.first, first.hasPrefix("@") { words.removeFirst() }
        var quote = ""
        for word in words {
            if quote.count + word.count > 80 { return quote + "…" }
            quote += (quote.isEmpty ? "" : " ") + word
        }
        return quote
    }
}

/// Where templates come from. A library reads its sources in order.
public enum TemplateSource: Sendable {
    /// Every `*.mustache` file of a folder; a folder that is not there holds none.
    case folder(String)
    /// Template files given as text, such as the defaults built into the binary, with
    /// `origin` to say where they came from in messages.
    case files(origin: String, [(file: String, text: String)])

    var origin: String {
        switch self {
        case .folder(let path): path
        case .files(let origin, _): origin
        }
    }
}

/// The templates an agent can pick from: the defaults, with the user's own added and
/// overriding them by name and language.
public struct TemplateLibrary: Sendable {
    public private(set) var templates: [ReplyTemplate] = []
    /// Files that did not load, each with its line and reason; the others still load.
    public private(set) var problems: [LineProblem] = []
    /// Where the templates were looked for, in order: folders and built-in sets.
    public private(set) var searched: [String] = []

    public init() {}

    /// Loads every `*.mustache` file of each folder in order; a later folder's template
    /// replaces an earlier one with the same name and language.
    public init(folders: [String]) {
        self.init(sources: folders.map { .folder($0) })
    }

    /// Loads each source in order; a later source's template replaces an earlier one
    /// with the same name and language.
    public init(sources: [TemplateSource]) {
        var byKey: [String: ReplyTemplate] = [:]
        var order: [String] = []
        for source in sources {
            searched.append(source.origin)
            let files: [(file: String, text: String?)]
            switch source {
            case .folder(let folder):
                files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
                    .filter { $0.hasSuffix(".mustache") }.sorted()
                    .map { name in
                        let path = folder + "/" + name
                        return (path, FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) })
                    }
            case .files(_, let given):
                files = given.map { ($0.file, $0.text) }
            }
            for (file, text) in files {
                guard let text else {
                    problems.append(LineProblem(file: file, line: 1, reason: "not readable as UTF-8 text"))
                    continue
                }
                do {
                    let template = try ReplyTemplate(file: file, text: text)
                    if byKey[template.key] == nil { order.append(template.key) }
                    byKey[template.key] = template
                } catch {
                    problems.append(error.problem)
                }
            }
        }
        templates = order.compactMap { byKey[$0] }
    }

    /// Why there is no template at all, in words for the agent; nil when there is one.
    public var emptyReason: String? {
        guard templates.isEmpty else { return nil }
        if let first = problems.first {
            let more = problems.count > 1 ? " (and \(problems.count - 1) more)" : ""
            return "every template file failed to load: \(first)\(more)"
        }
        if searched.isEmpty { return "no template source was given" }
        return "no template files in " + searched.joined(separator: ", ")
    }

    /// The templates in the order a picker shows them: those in the customer's `language`
    /// first, then the others by language; within a language, those that suit the thread,
    /// then those written for this `moment` (for a surge first: an angry customer in an
    /// outage is answered about the outage, personally), then by name.
    public func ordered(for visibility: Visibility, channel: String, language: String? = nil,
                        moment: ReplyMoment = []) -> [ReplyTemplate] {
        func fit(_ t: ReplyTemplate) -> Int {
            if moment.contains(.surge) && t.moments.contains(.surge) { return 0 }
            return t.fits(moment) ? 1 : 2
        }
        func key(_ t: ReplyTemplate) -> (Int, String, Int, Int, String) {
            (t.language == language ? 0 : 1, t.language, t.suits(visibility, channel: channel) ? 0 : 1, fit(t), t.name)
        }
        return templates.filter { !$0.isPin }.sorted { key($0) < key($1) }
    }

    /// The pin template `name` (`pin-outage`, `pin-after-hours`) in `language`, else in
    /// English, else in any language.
    public func pinTemplate(_ name: String, language: String) -> ReplyTemplate? {
        let named = templates.filter { $0.name == name }
        return named.first { $0.language == language } ?? named.first { $0.language == "en" } ?? named.first
    }
}
