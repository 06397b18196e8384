import InboxFormat
import InboxStore

/// The one place a reply record is made, for the command line and the app alike.
///
/// The reply goes out in the thread's channel and visibility, answers the customer's last
/// message, and is written from the account the format (1.1) names: the author of the last
/// `out` message in the thread, else the account configured for the channel
/// (`[accounts]` in `config.toml`), else the agent (`agent:NAME`).
public struct ReplyBuilder: Sendable {
    /// Per channel, the account a thread the company has not answered yet is answered from.
    public var accounts: [String: Person]

    public init(accounts: [String: Person] = [:]) { self.accounts = accounts }

    /// The account a reply in `target` is sent from.
    public func account(for target: ReplyTarget, agent: String) -> Person {
        target.threadAccount ?? accounts[target.channel.lowercased()] ?? Person(id: "agent:" + agent, name: agent)
    }

    /// The reply record (a JSON line) and its id.
    public func reply(to target: ReplyTarget, text: String, template: String? = nil, templateEdit: Int? = nil,
                      writer: RecordWriter) -> (line: String, id: String) {
        writer.reply(thread: target.thread, channel: target.channel, visibility: target.visibility,
                     account: account(for: target, agent: writer.agent), text: text,
                     inReplyTo: target.inReplyTo, template: template, templateEdit: templateEdit)
    }
}
