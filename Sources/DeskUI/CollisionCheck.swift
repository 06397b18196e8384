import Desk
import InboxFormat
import InboxStore

/// The thread as it was when a reply was started: what the check before sending compares
/// with, so that two agents do not give one person two answers.
public struct ThreadBaseline: Equatable, Sendable {
    var messages: Int
    var notes: Int
    var status: ThreadStatus
    var owner: String?
}

extension AppState {
    /// The thread `ref` as it stands now.
    func baseline(of ref: ThreadRef, in model: any ReadModel) -> ThreadBaseline {
        ThreadBaseline(messages: model.messages(of: ref).count, notes: model.notes(of: ref).count,
                       status: model.status(of: ref, at: now), owner: model.assignee(of: ref))
    }

    /// What others did in the thread since `baseline`, one line each, for the agent to read
    /// before the reply goes: replies and notes of other agents, the customer's new
    /// messages, a resolve, the thread taken. Empty when nothing happened.
    func changes(in ref: ThreadRef, since baseline: ThreadBaseline, in model: any ReadModel) -> [String] {
        var out: [String] = []
        func quote(_ text: String) -> String { "“" + TextSafety.singleLine(text, maxScalars: 200) + "”" }
        for message in model.messages(of: ref).dropFirst(baseline.messages) {
            if message.direction == .inbound {
                out.append("The customer wrote again: \(quote(message.text))")
            } else if message.agent != agent {
                out.append("\(message.agent.map { TextSafety.singleLine($0) } ?? "The company") replied: \(quote(message.text))")
            }
        }
        for note in model.notes(of: ref).dropFirst(baseline.notes) where note.agent != agent {
            out.append("\(TextSafety.singleLine(note.agent)) added a note: \(quote(note.text))")
        }
        let status = model.status(of: ref, at: now)
        if status == .resolved && baseline.status != .resolved { out.append("Someone resolved the thread.") }
        let owner = model.assignee(of: ref)
        if owner != baseline.owner, let owner, owner != agent { out.append("\(TextSafety.singleLine(owner)) took the thread.") }
        return out
    }
}

/// The keys while the changes are shown: `y` sends anyway, `d` discards the reply, any
/// other goes back to it (the changes count as read).
func collisionKey(_ state: inout AppState, _ key: Key, _ model: any ReadModel) -> [Effect]? {
    guard var compose = state.compose, compose.pendingChanges != nil else { return nil }
    compose.pendingChanges = nil
    compose.baseline = state.baseline(of: compose.thread, in: model)
    state.compose = compose
    switch key {
    case .char("y"):
        return sendAfterCheck(&state, model)
    case .char("d"):
        let id = compose.threadID
        state.compose = nil
        state.drafts[id] = nil
        state.draftTemplates[id] = nil
        state.mode = .queue
        state.message = StatusMessage(text: "Reply to \(id) discarded.", isError: false)
        return [.saveDraft(thread: id, text: "")]
    default:
        state.message = StatusMessage(text: "Back to the reply: read what changed, then Ctrl-S.", isError: false)
        return []
    }
}
