import Desk
import InboxFormat
import InboxStore

/// `A`: whom to give the selected thread to, from the agents the inbox names, with a filter.
public struct AgentPicker: Equatable, Sendable {
    public var threadID: String
    public var filter = ""
    public var index = 0
}

extension AppState {
    /// The agents the picker lists: those the inbox names and me, narrowed by the filter.
    func pickableAgents(_ model: any ReadModel) -> [String] {
        let all = Array(Set(model.agentNames + [agent])).sorted()
        guard let needle = agentPicker?.filter.lowercased(), !needle.isEmpty else { return all }
        return all.filter { $0.lowercased().contains(needle) }
    }
}

/// Opens the picker on the selected thread.
func openAgentPicker(_ state: inout AppState, _ model: any ReadModel) {
    guard let ref = state.selectedThread else { return }
    state.agentPicker = AgentPicker(threadID: state.summary(of: ref, in: model).id)
    state.mode = .assignTo
}

/// Keys of the picker: type to filter, ↑/↓, Enter gives the thread to the one chosen (or,
/// when none matches, to the name typed: a colleague the inbox has not seen yet), Esc leaves.
func agentPickerKey(_ state: inout AppState, _ key: Key, _ model: any ReadModel) -> [Effect] {
    guard var picker = state.agentPicker, let ref = model.thread(id: picker.threadID) else {
        state.mode = .queue
        return []
    }
    switch key {
    case .escape:
        state.agentPicker = nil
        state.mode = .queue
        return []
    case .enter:
        let list = state.pickableAgents(model)
        let typed = picker.filter.trimmingCharacters(in: .whitespaces)
        let owner = list.isEmpty ? typed : list[min(picker.index, list.count - 1)]
        state.agentPicker = nil
        state.mode = .queue
        guard !owner.isEmpty else { return [] }
        let current = model.assignee(of: ref)
        guard current != owner else {
            state.message = StatusMessage(text: "\(picker.threadID) is \(owner.replacingNewlines)'s already.", isError: false)
            return []
        }
        return give(&state, thread: picker.threadID, to: owner, from: current, saying: "\(picker.threadID) is \(owner.replacingNewlines)'s now.")
    default:
        editPickerFilter(&picker.filter, &picker.index, key)
    }
    state.agentPicker = picker
    let count = state.pickableAgents(model).count
    state.agentPicker?.index = min(picker.index, max(0, count - 1))
    return []
}

/// The picker over the panes.
enum AgentPickerOverlay {
    static func draw(_ state: AppState, _ model: any ReadModel, into grid: inout Grid) {
        guard let picker = state.agentPicker else { return }
        let list = state.pickableAgents(model)
        let shown = max(1, min(list.count, grid.height - 8))
        let rows = shown + 4
        guard let (x0, y0, width) = OverlayBox.draw("Give \(picker.threadID.replacingNewlines) to", width: 48, minimum: 20, rows: rows, into: &grid)
        else { return }
        let used = grid.put("/", x: x0 + 2, y: y0 + 1, style: Style(.accent, bold: true))
        let end = grid.put(picker.filter, x: x0 + 2 + used, y: y0 + 1, limit: width - 6 - used)
        grid.put("█", x: x0 + 2 + used + end, y: y0 + 1, style: .dim)
        let first = max(0, min(picker.index - shown + 1, list.count - shown))
        for (i, name) in list.dropFirst(first).prefix(shown).enumerated() {
            let selected = first + i == picker.index
            grid.put((selected ? "› " : "  ") + name.replacingNewlines, x: x0 + 2, y: y0 + 2 + i, limit: width - 4,
                     style: selected ? Style(.selection, bold: true, reverse: true) : .normal)
        }
        if list.isEmpty {
            grid.put(picker.filter.isEmpty ? "No agents yet." : "Enter gives it to “\(picker.filter.replacingNewlines)”.", x: x0 + 2, y: y0 + 2,
                     limit: width - 4, style: .dim)
        }
        grid.put("Enter give · ↑/↓ choose · Esc cancel", x: x0 + 2, y: y0 + rows - 2, limit: width - 4, style: .dim)
    }
}
