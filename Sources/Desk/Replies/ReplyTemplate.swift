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
    public var body: String
    /// Where it came from, for messages.
    public var file: String
    private let template: MustacheTemplate

    /// The key that a user template overrides a default by: its name and language.
    public var key: String { name + "." + language }

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
        language = fields["language"] ?? "en"
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

    /// The body with this thread's values filled in.
    public func render(_ values: TemplateValues) -> String {
        template.render(values.dictionary)
    }
}

/// A `LineProblem` thrown: where a template file is wrong, and why.
public struct LineProblemError: Error, Sendable {
    public var problem: LineProblem
    public init(_ problem: LineProblem) { self.problem = problem }
}

/// The values a template can use. Each one that is missing falls back to another, so a
/// rendered reply never says "Hi ,": first name to name to handle, handle to name.
public struct TemplateValues: Sendable {
    public var name: String?
    public var handle: String?
    public var agent: String
    public var channel: String
    public var lastMessage: String?
    public var now: Timestamp
    public var responseTime: String
    public var openingTime: String

    public init(customer: Person?, agent: String, channel: String, lastMessage: String?, now: Timestamp,
                responseTime: String = "2 hours", openingTime: String = "09:00") {
        name = customer?.name.flatMap { $0.isEmpty ? nil : $0 }
        handle = customer?.handle.flatMap { $0.isEmpty ? nil : $0 }
        self.agent = agent
        self.channel = channel
        self.lastMessage = lastMessage
        self.now = now
        self.responseTime = responseTime
        self.openingTime = openingTime
    }

    /// The variables by name, as the templates spell them.
    public var dictionary: [String: String] {
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
            "response_time": responseTime,
            "opening_time": openingTime,
        ]
    }
}

/// The templates an agent can pick from: the defaults, with the user's own added and
/// overriding them by name and language.
public struct TemplateLibrary: Sendable {
    public private(set) var templates: [ReplyTemplate] = []
    /// Files that did not load, each with its line and reason; the others still load.
    public private(set) var problems: [LineProblem] = []

    public init() {}

    /// Loads every `*.mustache` file of each folder in order; a later folder's template
    /// replaces an earlier one with the same name and language.
    public init(folders: [String]) {
        var byKey: [String: ReplyTemplate] = [:]
        var order: [String] = []
        for folder in folders {
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
                .filter { $0.hasSuffix(".mustache") }.sorted()
            for name in files {
                let path = folder + "/" + name
                guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    problems.append(LineProblem(file: path, line: 1, reason: "not readable as UTF-8 text"))
                    continue
                }
                do {
                    let template = try ReplyTemplate(file: path, text: text)
                    if byKey[template.key] == nil { order.append(template.key) }
                    byKey[template.key] = template
                } catch {
                    problems.append(error.problem)
                }
            }
        }
        templates = order.compactMap { byKey[$0] }
    }

    /// The templates in the order a picker shows them: those that suit the thread first.
    public func ordered(for visibility: Visibility, channel: String) -> [ReplyTemplate] {
        templates.filter { $0.suits(visibility, channel: channel) } + templates.filter { !$0.suits(visibility, channel: channel) }
    }
}
