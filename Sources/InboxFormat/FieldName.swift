import Foundation

/// The field names of the inbox format that the scanner keeps; every other key is skipped.
public enum FieldName: UInt8, Sendable {
    case unknown
    case type, id, at, thread, channel, visibility, direction, author, text
    case inReplyTo, subject, agent, template, templateEdit, to, until, pin, message, state, error, by, remoteID, level, surge, timeout
    case authorID, authorHandle, authorName, authorFollowers

    /// The name as written in the file, for reasons shown to a person.
    public var jsonName: String {
        switch self {
        case .unknown: return "?"
        case .type: return "type"
        case .id: return "id"
        case .at: return "at"
        case .thread: return "thread"
        case .channel: return "channel"
        case .visibility: return "visibility"
        case .direction: return "direction"
        case .author: return "author"
        case .text: return "text"
        case .inReplyTo: return "in_reply_to"
        case .subject: return "subject"
        case .agent: return "agent"
        case .template: return "template"
        case .templateEdit: return "template_edit"
        case .to: return "to"
        case .until: return "until"
        case .pin: return "pin"
        case .message: return "message"
        case .state: return "state"
        case .error: return "error"
        case .by: return "by"
        case .remoteID: return "remote_id"
        case .level: return "level"
        case .surge: return "surge"
        case .timeout: return "timeout"
        case .authorID: return "author.id"
        case .authorHandle: return "author.handle"
        case .authorName: return "author.name"
        case .authorFollowers: return "author.followers"
        }
    }

    /// The member name of a top-level key, matched on its bytes (decoded first if escaped).
    package static func topLevel(_ base: UnsafePointer<UInt8>, _ key: FieldValue) -> FieldName {
        if key.escaped { return decodedMatch(base, key, topLevel) }
        let p = base + Int(key.start)
        let n = Int(key.end - key.start)
        // Matching on length first keeps this to one or two byte compares per key.
        @inline(__always) func eq(_ s: StaticString) -> Bool { memcmp(p, s.utf8Start, n) == 0 }
        switch n {
        case 2: return eq("id") ? .id : eq("at") ? .at : eq("to") ? .to : eq("by") ? .by : .unknown
        case 3: return eq("pin") ? .pin : .unknown
        case 4: return eq("type") ? .type : eq("text") ? .text : .unknown
        case 5:
            return eq("agent") ? .agent : eq("until") ? .until : eq("state") ? .state : eq("error") ? .error
                : eq("level") ? .level : eq("surge") ? .surge : .unknown
        case 6: return eq("thread") ? .thread : eq("author") ? .author : .unknown
        case 7: return eq("channel") ? .channel : eq("subject") ? .subject : eq("message") ? .message : eq("timeout") ? .timeout : .unknown
        case 8: return eq("template") ? .template : .unknown
        case 9: return eq("direction") ? .direction : eq("remote_id") ? .remoteID : .unknown
        case 10: return eq("visibility") ? .visibility : .unknown
        case 11: return eq("in_reply_to") ? .inReplyTo : .unknown
        case 13: return eq("template_edit") ? .templateEdit : .unknown
        default: return .unknown
        }
    }

    /// The member name of a key inside `author`.
    package static func author(_ base: UnsafePointer<UInt8>, _ key: FieldValue) -> FieldName {
        if key.escaped { return decodedMatch(base, key, author) }
        let p = base + Int(key.start)
        let n = Int(key.end - key.start)
        @inline(__always) func eq(_ s: StaticString) -> Bool { memcmp(p, s.utf8Start, n) == 0 }
        switch n {
        case 2: return eq("id") ? .authorID : .unknown
        case 4: return eq("name") ? .authorName : .unknown
        case 6: return eq("handle") ? .authorHandle : .unknown
        case 9: return eq("followers") ? .authorFollowers : .unknown
        default: return .unknown
        }
    }

    /// Rare: a key spelled with escapes ("\u0074ype") still names the same field.
    private static func decodedMatch(_ base: UnsafePointer<UInt8>, _ key: FieldValue,
                                     _ match: (UnsafePointer<UInt8>, FieldValue) -> FieldName) -> FieldName {
        let decoded = JSONEscapes.decode(UnsafeBufferPointer(start: base + Int(key.start), count: Int(key.end - key.start)))
        guard !decoded.isEmpty else { return .unknown }
        return decoded.withUnsafeBufferPointer { buffer in
            match(buffer.baseAddress!, FieldValue(kind: .string, start: 0, end: Int32(buffer.count)))
        }
    }
}

extension ScannedFields {
    /// Keeps a known field, refusing a second copy: a record that says two things is ambiguous.
    package mutating func store(_ value: FieldValue, in name: FieldName) throws(ScanFailure) {
        func put(_ slot: inout FieldValue) throws(ScanFailure) {
            if slot.kind != .absent { throw ScanFailure(reason: "field \"\(name.jsonName)\" appears twice") }
            slot = value
        }
        switch name {
        case .unknown: return
        case .type: try put(&type)
        case .id: try put(&id)
        case .at: try put(&at)
        case .thread: try put(&thread)
        case .channel: try put(&channel)
        case .visibility: try put(&visibility)
        case .direction: try put(&direction)
        case .author: try put(&author)
        case .text: try put(&text)
        case .inReplyTo: try put(&inReplyTo)
        case .subject: try put(&subject)
        case .agent: try put(&agent)
        case .template: try put(&template)
        case .templateEdit: try put(&templateEdit)
        case .to: try put(&to)
        case .until: try put(&until)
        case .pin: try put(&pin)
        case .message: try put(&message)
        case .state: try put(&state)
        case .error: try put(&error)
        case .by: try put(&by)
        case .remoteID: try put(&remoteID)
        case .level: try put(&level)
        case .surge: try put(&surge)
        case .timeout: try put(&timeout)
        case .authorID: try put(&authorID)
        case .authorHandle: try put(&authorHandle)
        case .authorName: try put(&authorName)
        case .authorFollowers: try put(&authorFollowers)
        }
    }
}

extension ScannedFields {
    /// The field kept for `name` (absent when the line has none).
    public func value(_ name: FieldName) -> FieldValue {
        switch name {
        case .unknown: return FieldValue()
        case .type: return type
        case .id: return id
        case .at: return at
        case .thread: return thread
        case .channel: return channel
        case .visibility: return visibility
        case .direction: return direction
        case .author: return author
        case .text: return text
        case .inReplyTo: return inReplyTo
        case .subject: return subject
        case .agent: return agent
        case .template: return template
        case .templateEdit: return templateEdit
        case .to: return to
        case .until: return until
        case .pin: return pin
        case .message: return message
        case .state: return state
        case .error: return error
        case .by: return by
        case .remoteID: return remoteID
        case .level: return level
        case .surge: return surge
        case .timeout: return timeout
        case .authorID: return authorID
        case .authorHandle: return authorHandle
        case .authorName: return authorName
        case .authorFollowers: return authorFollowers
        }
    }
}
