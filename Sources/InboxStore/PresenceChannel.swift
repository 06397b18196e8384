import InboxFormat

/// How running apps tell one another where their agents are: what a store offers beside
/// the records, never in them. The file store's is ``PresenceBoard`` (a folder beside the
/// inbox); a database store's would be a table with a heartbeat and a notification.
///
/// An app publishes as often as it likes (an implementation writes only what changed,
/// and a heartbeat), reads the others when told something changed and once a heartbeat
/// besides, and withdraws on quit. Owned by one thread, the app's loop.
public protocol PresenceChannel: AnyObject {
    /// Says where this app's agent is.
    func publish(_ presence: Presence)
    /// The other apps' agents at `now`, those not heard from for a while left out.
    func others(at now: Timestamp) -> [Presence]
    /// This app is going: the others stop seeing it at once.
    func withdraw()
    /// A path whose changes mean the others' presence changed, for a file watch; nil when
    /// this channel wakes its reader another way, or not at all (read on the heartbeat).
    var changePath: String? { get }
    /// How often, in milliseconds, an unchanged presence is said again, and so how often
    /// a reader looks for those that went quiet.
    var heartbeatMilliseconds: Int64 { get }
}

extension PresenceBoard: PresenceChannel {
    public var changePath: String? { folder }
    public var heartbeatMilliseconds: Int64 { Self.heartbeat }
}
