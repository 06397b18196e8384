import Desk
import InboxFormat
import InboxStore

/// The queue's views: a side of the conversation (public, private, all), or whose the
/// threads are (mine, nobody's). `1` to `5`; `Tab` and `Shift-Tab` go round them.
public enum QueueView: String, Hashable, Sendable, CaseIterable {
    case `public`, `private`, all, mine, unassigned

    /// The side the store lists for it.
    public var side: ViewFilter {
        switch self {
        case .public: return .public
        case .private: return .private
        case .all, .mine, .unassigned: return .all
        }
    }

    /// Whether a thread owned by `owner` belongs in it, for the agent `me`.
    public func admits(owner: String?, me: String) -> Bool {
        switch self {
        case .mine: return owner == me
        case .unassigned: return owner == nil
        case .public, .private, .all: return true
        }
    }

    /// How the title and the queue's heading name it.
    public var label: String {
        switch self {
        case .public: return "Public"
        case .private: return "Private"
        case .all: return "All"
        case .mine: return "Mine"
        case .unassigned: return "Unassigned"
        }
    }

    /// The next view for `Tab`, and the previous for `Shift-Tab`, round.
    var next: QueueView { Self.allCases[(Self.allCases.firstIndex(of: self)! + 1) % Self.allCases.count] }
    var previous: QueueView { Self.allCases[(Self.allCases.firstIndex(of: self)! + Self.allCases.count - 1) % Self.allCases.count] }
}
