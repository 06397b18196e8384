import Foundation

/// Builds the records the app writes for agents, as single JSON lines.
///
/// Fields are written in a fixed order, strings through `JSONEscapes.quote`, so every line
/// is valid JSON on its own and shows nothing alarming when someone `cat`s the file.
public struct RecordWriter: Sendable {
    /// The agent who acts.
    public var agent: String
    /// Makes ids; tests may pin it.
    public var makeID: @Sendable (String) -> String
    /// The clock the records' `at` comes from: the caller's, never a default, so that a
    /// clock set with `--now` reaches every record.
    public var now: @Sendable () -> Timestamp

    public init(agent: String,
                makeID: @escaping @Sendable (String) -> String = RecordWriter.randomID,
                now: @escaping @Sendable () -> Timestamp) {
        self.agent = agent
        self.makeID = makeID
        self.now = now
    }

    /// A fresh id: a prefix naming the kind of record, and 64 random bits.
    public static func randomID(prefix: String) -> String {
        let value = UInt64.random(in: .min ... .max)
        let hex = String(value, radix: 16)
        return prefix + "-" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// A record as ordered key/value pairs; values are JSON already.
    private func line(_ type: String, id: String, _ fields: [(String, String)]) -> String {
        var out = "{\"type\":\(JSONEscapes.quoted(type)),\"id\":\(JSONEscapes.quoted(id)),\"at\":\"\(now().rfc3339)\""
        for (key, value) in fields { out += ",\(JSONEscapes.quoted(key)):\(value)" }
        return out + "}"
    }

    private func q(_ s: String) -> String { JSONEscapes.quoted(s) }

    public func resolve(thread: String) -> String {
        line("resolve", id: makeID("res"), [("thread", q(thread)), ("agent", q(agent))])
    }

    public func reopen(thread: String) -> String {
        line("reopen", id: makeID("reo"), [("thread", q(thread)), ("agent", q(agent))])
    }

    /// Snoozes the thread until `until`: out of the queue until then, or until the customer writes.
    public func snooze(thread: String, until: Timestamp) -> String {
        line("snooze", id: makeID("snz"), [("thread", q(thread)), ("agent", q(agent)), ("until", q(until.rfc3339))])
    }

    /// An agent's priority for the thread (`urgent`, `high`, `normal`, `low`), or nil to go
    /// back to the triage rules' verdict (`level: null`).
    public func priority(thread: String, level: String?) -> String {
        line("priority", id: makeID("pri"), [("thread", q(thread)), ("agent", q(agent)), ("level", level.map(q) ?? "null")])
    }

    /// Gives the thread to `agent`, or to nobody (`to: null`).
    public func assign(thread: String, to owner: String?) -> String {
        line("assign", id: makeID("asg"), [("thread", q(thread)), ("agent", q(agent)), ("to", owner.map(q) ?? "null")])
    }

    /// The agents' judgement that a detected surge (named by its first message's id) is none.
    public func dismiss(surge: String) -> String {
        line("dismiss", id: makeID("dis"), [("agent", q(agent)), ("surge", q(surge))])
    }

    /// An announcement pinned at the top of the public view, until `until` if given, for one
    /// channel if given; returns the line and the pin's id (which `unpin` names).
    public func pin(text: String, until: Timestamp?, channel: String?) -> (line: String, id: String) {
        let id = makeID("pin")
        var fields = [("agent", q(agent)), ("text", q(text))]
        if let until { fields.append(("until", q(until.rfc3339))) }
        if let channel { fields.append(("channel", q(channel))) }
        return (line("pin", id: id, fields), id)
    }

    /// Takes the pin `pin` down.
    public func unpin(pin: String) -> String {
        line("unpin", id: makeID("unp"), [("agent", q(agent)), ("pin", q(pin))])
    }

    /// A deliverer's report on a reply (`message`, an `out` message's id), written by the
    /// deliverer this writer's `agent` names (`by`).
    ///
    /// - `sending` is the claim, written before the reply goes out; `timeout` (seconds,
    ///   shiftdesk's own field beside format 1.1) says how long the deliverer gives the
    ///   channel, so a reader can tell a claim still in flight from one whose deliverer died.
    /// - `sent` may carry the channel's id for it (`remoteID`); `failed` carries `error`.
    public func delivery(message: String, state: DeliveryState, error: String? = nil, remoteID: String? = nil,
                         timeout: Int? = nil) -> String {
        var fields: [(String, String)] = [("message", q(message)), ("state", q(state.name)), ("by", q(agent))]
        if let error { fields.append(("error", q(error))) }
        if let remoteID { fields.append(("remote_id", q(remoteID))) }
        if let timeout { fields.append(("timeout", String(max(0, timeout)))) }
        return line("delivery", id: makeID("dlv"), fields)
    }

    public func note(thread: String, text: String) -> String {
        line("note", id: makeID("note"), [("thread", q(thread)), ("agent", q(agent)), ("text", q(text))])
    }

    /// A reply: an outbound message in the thread's channel and visibility, from the
    /// company's account. Returns the line and the new message's id.
    ///
    /// `templateEdit` is how many characters the agent changed in the template as it was
    /// rendered (an edit distance; 0: sent untouched), for the shift report.
    public func reply(thread: String, channel: String, visibility: Visibility, account: Person,
                      text: String, inReplyTo: String?, template: String? = nil, templateEdit: Int? = nil) -> (line: String, id: String) {
        let id = makeID("msg")
        var author = "{\"id\":\(q(account.id))"
        if let handle = account.handle { author += ",\"handle\":\(q(handle))" }
        if let name = account.name { author += ",\"name\":\(q(name))" }
        author += "}"
        var fields: [(String, String)] = [
            ("thread", q(thread)), ("channel", q(channel)), ("visibility", q(visibility.name)),
            ("direction", "\"out\""), ("author", author), ("agent", q(agent)),
        ]
        if let inReplyTo { fields.append(("in_reply_to", q(inReplyTo))) }
        if let template {
            fields.append(("template", q(template)))
            if let templateEdit { fields.append(("template_edit", String(max(0, templateEdit)))) }
        }
        fields.append(("text", q(text)))
        return (line("message", id: id, fields), id)
    }
}
