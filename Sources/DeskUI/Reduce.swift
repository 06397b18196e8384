import Foundation
import Desk
import InboxFormat
import InboxStore

/// What happens to the app: keys, time, a new size, records arriving.
public enum Action: Sendable {
    case key(Key)
    /// A timer tick with the current time.
    case tick(Timestamp)
    case resize(width: Int, height: Int)
    /// `follow()` read new records touching these threads.
    case inboxChanged([ThreadRef])
    /// The file was replaced or truncated, or could not be read or written.
    case inboxTrouble(String)
    /// The store can or cannot be reached, and how many records wait for it.
    case storeStatus(trouble: String?, waiting: Int)
    /// Where the other agents on the inbox are now.
    case presence([Presence])
    /// The external editor exited with this text (nil: it failed, the text is unchanged).
    case editorReturned(String?)
    /// An `.append` failed and the inbox is as it was; `reason` says why (without the
    /// file's name), and the agent's text in the record, if any, comes back.
    case appendFailed(reason: String, unsent: UnsentText?)
    /// A batch of a search the loop ran for a `search` effect.
    case searchResults(SearchBatch)
}

/// Work for the main loop: values, so that tests can see what would happen.
public enum Effect: Equatable, Sendable {
    /// Append this record line to the inbox (then follow it, so the app sees its own write).
    /// If the write fails, the effects queued after it are dropped, since they assumed it
    /// worked, and `.appendFailed` gives `unsent` back.
    case append(String, unsent: UnsentText? = nil)
    /// Save the unsent reply to a thread outside the inbox (empty text: delete it).
    case saveDraft(thread: String, text: String)
    /// Hand the reply to $VISUAL / $EDITOR; its text comes back as `.editorReturned`.
    case openEditor(String)
    /// Run this search off the loop's thread (cancelling older ones); its batches come
    /// back as `.searchResults`.
    case search(SearchRequest)
    /// The filter was cleared: stop every search.
    case cancelSearch
    /// Paint the whole screen again, whatever the terminal shows now (Ctrl-L).
    case redraw
    case quit
}

/// What the agent wrote in a record being appended: kept until the write succeeds, so
/// that a full disk costs the agent nothing but a retry.
public enum UnsentText: Equatable, Sendable {
    /// A reply, with its compose pane as it was sent; `resolving` when sent with Ctrl-X.
    case reply(ComposeState, resolving: Bool)
    /// A note, as typed on the note line.
    case note(String)
    /// An announcement to pin, as written, and the id its record had.
    case pin(PinDraft, id: String)
    /// No text, but an action `u` would undo: it did not happen, so it leaves the undo list.
    case action(UndoStep)
    /// `u`'s record for this step: it did not happen, so the step goes back on the list.
    case undo(UndoStep)
}

/// The one place the state changes. `model` is the inbox as the loop holds it; reduce
/// reads it (never the file or the clock directly) and changes only `state`.
public func reduce(_ state: inout AppState, _ action: Action, _ model: any ReadModel) -> [Effect] {
    let effects = reduceAction(&state, action, model)
    state.buildLists(model)
    return effects
}

private func reduceAction(_ state: inout AppState, _ action: Action, _ model: any ReadModel) -> [Effect] {
    switch action {
    case .tick(let now):
        let minuteChanged = now.milliseconds / 60_000 != state.now.milliseconds / 60_000
        state.now = now
        if state.mode == .report { state.reportTick(model, minuteChanged: minuteChanged) }
        // A snooze ends with time, not with a record: once a minute, the threads whose
        // snooze ended since the lists were last placed are moved, and only they (the
        // lists stay built).
        guard minuteChanged else { return [] }
        let before = state.placedAt
        state.placedAt = now
        if now < before {
            // The clock went back: every place may have changed.
            state.queue.invalidate()
            state.buildLists(model)
            return state.filterText.isEmpty ? [] : state.restartSearch(newText: false)
        }
        let ended = model.snoozesEnding(after: before, through: now)
        state.pinSelection()
        state.queue.update(ended, model: model, now: now)
        return state.researchChanged(ended)
    case .resize(let w, let h):
        state.width = w
        state.height = h
        return []
    case .inboxChanged(let refs):
        // A dismiss from another agent changes no thread, but may end the list in view.
        refreshSurgeView(&state, model)
        guard !refs.isEmpty else { return [] }
        if state.mode == .report { state.reportChanged(model) }
        // The selected thread stays selected when the records move it in the list.
        state.pinSelection()
        state.queue.update(refs, model: model, now: state.now)
        return state.researchChanged(refs)
    case .inboxTrouble(let text):
        state.message = StatusMessage(text: text, isError: true)
        return []
    case .storeStatus(let trouble, let waiting):
        state.storeTrouble = trouble
        state.waitingAppends = waiting
        return []
    case .presence(let others):
        state.presence = others
        return []
    case .searchResults(let batch):
        state.takeResults(batch)
        return []
    case .key(.ctrl("l")):
        // In every mode, as in most terminal programs: paint the whole screen again, for
        // when something else wrote on it.
        return [.redraw]
    case .key(let key):
        return reduceKey(&state, key, model)
    case .editorReturned(let text):
        guard var compose = state.compose else { return [] }
        if let text {
            compose.editor.replaceAll(with: text.hasSuffix("\n") ? String(text.dropLast()) : text)
            state.compose = compose
            state.message = StatusMessage(text: "Back from the editor.", isError: false)
            return [.saveDraft(thread: compose.threadID, text: compose.editor.text)]
        }
        state.message = StatusMessage(text: "The editor failed; the reply is as it was.", isError: true)
        return []
    case .appendFailed(let reason, let unsent):
        return appendFailed(&state, reason: reason, unsent: unsent)
    }
}

/// A record that did not reach the inbox: say why, and give the agent's text back.
private func appendFailed(_ state: inout AppState, reason: String, unsent: UnsentText?) -> [Effect] {
    switch unsent {
    case .reply(var compose, let resolving)?:
        if state.batch != nil {
            // The batch stops on the reply that did not go, with its thread in view.
            state.batch = nil
            state.mode = .compose
            state.selection[state.view] = compose.thread
        }
        compose.pendingWarnings = nil
        compose.resolveAfterSend = false
        let id = compose.threadID
        state.compose = compose
        state.drafts[id] = compose.editor.text
        if resolving {
            state.resolvedThisSession -= 1
            if state.undoStack.last == .resolve(thread: id) { state.undoStack.removeLast() }
        }
        state.message = StatusMessage(text: "Reply not sent: \(reason). Draft kept: r to retry.", isError: true)
        return [.saveDraft(thread: id, text: compose.editor.text)]
    case .note(let text)?:
        state.noteText = text
        state.message = StatusMessage(text: "Note not saved: \(reason). n to retry.", isError: true)
    case .pin(let draft, let id)?:
        if let i = state.undoStack.lastIndex(of: .pin(id: id)) { state.undoStack.remove(at: i) }
        state.pinDraft = draft
        state.message = StatusMessage(text: "Not pinned: \(reason). P to retry; the text is kept.", isError: true)
    case .action(let step)?:
        if let i = state.undoStack.lastIndex(of: step) {
            state.undoStack.remove(at: i)
            if case .resolve = step { state.resolvedThisSession -= 1 }
        }
        state.message = StatusMessage(text: "Not saved: \(reason). Nothing changed.", isError: true)
    case .undo(let step)?:
        state.undoStack.append(step)
        if case .resolve = step { state.resolvedThisSession += 1 }
        state.message = StatusMessage(text: "Not undone: \(reason). u to try again.", isError: true)
    case nil:
        state.message = StatusMessage(text: "Not saved: \(reason).", isError: true)
    }
    return []
}

private func reduceKey(_ state: inout AppState, _ key: Key, _ model: any ReadModel) -> [Effect] {
    switch state.mode {
    case .help:
        return helpKey(&state, key)
    case .confirmQuit:
        if key == .char("y") { return [.quit] }
        state.mode = .queue
        state.message = StatusMessage(text: "Not quitting; the note is still there (n).", isError: false)
        return []
    case .filter:
        let before = state.filterText
        switch editLine(&state.filterText, key) {
        case .submitted: state.mode = .queue
        case .cancelled:
            state.filterText = ""
            state.mode = .queue
        case .editing: break
        }
        return state.filterText == before ? [] : state.restartSearch(newText: true)
    case .note:
        switch editLine(&state.noteText, key) {
        case .editing:
            return []
        case .cancelled:
            state.mode = .queue
            if !state.noteText.isEmpty {
                state.message = StatusMessage(text: "Note kept unsent; n to go on with it.", isError: false)
            }
            return []
        case .submitted:
            state.mode = .queue
            let trimmed = state.noteText.trimmingCharacters(in: .whitespaces)
            guard let ref = state.selectedThread, !trimmed.isEmpty else { return [] }
            let id = state.summary(of: ref, in: model).id
            let typed = state.noteText
            state.noteText = ""
            state.message = StatusMessage(text: "Note added to \(id).", isError: false)
            return [.append(state.writer.note(thread: id, text: trimmed), unsent: .note(typed))]
        }
    case .compose:
        return composeKey(&state, key, model)
    case .picker:
        return pickerKey(&state, key, model)
    case .snooze:
        return snoozeKey(&state, key, model)
    case .pin:
        return pinKey(&state, key, model)
    case .unpin:
        return unpinKey(&state, key)
    case .assignTo:
        return agentPickerKey(&state, key, model)
    case .report:
        return reportKey(&state, key, model)
    case .queue, .conversation:
        guard let command = Keymap.command(for: key) else { return [] }
        return perform(&state, command, model)
    }
}

/// What a key did to a one-line input.
private enum LineEdit { case editing, submitted, cancelled }

/// Line editing for the filter and note inputs: type, Backspace, Ctrl-U, Enter, Esc.
private func editLine(_ text: inout String, _ key: Key) -> LineEdit {
    switch key {
    case .char(let c): text.append(c)
    case .backspace: if !text.isEmpty { text.removeLast() }
    case .ctrl("u"): text = ""
    case .enter: return .submitted
    case .escape: return .cancelled
    default: break
    }
    return .editing
}

/// The commands that act on the selected thread: on an empty list, they say so rather than
/// do nothing and leave an older message standing.
private let threadCommands: Set<Command> = [.resolve, .priority, .snooze, .assign, .assignTo, .note, .reply, .moveToPrivate, .template]

private func perform(_ state: inout AppState, _ command: Command, _ model: any ReadModel) -> [Effect] {
    let inConversation = state.mode == .conversation
    if threadCommands.contains(command), state.selectedThread == nil {
        state.message = StatusMessage(text: "No thread here to act on: this list is empty.", isError: false)
        return []
    }
    switch command {
    case .viewPublic: return switchView(&state, .public, model)
    case .viewPrivate: return switchView(&state, .private, model)
    case .viewAll: return switchView(&state, .all, model)
    case .viewMine: return switchView(&state, .mine, model)
    case .viewUnassigned: return switchView(&state, .unassigned, model)
    case .cycleView: return switchView(&state, state.view.next, model)
    case .previousView: return switchView(&state, state.view.previous, model)
    case .down: inConversation ? scroll(&state, -1) : move(&state, 1)
    case .up: inConversation ? scroll(&state, 1) : move(&state, -1)
    case .pageDown: inConversation ? scroll(&state, -pageSize(state)) : move(&state, pageSize(state))
    case .pageUp: inConversation ? scroll(&state, pageSize(state)) : move(&state, -pageSize(state))
    case .top: inConversation ? scroll(&state, Int.max / 2) : move(&state, Int.min / 2)
    case .bottom: inConversation ? (state.conversationScroll = 0) : move(&state, Int.max / 2)
    case .open:
        if let ref = state.selectedThread {
            state.mode = .conversation
            state.conversationScroll = 0
            state.seen[ref] = state.now
        }
    case .back:
        if state.mode == .conversation {
            state.mode = .queue
        } else if state.surgeView != nil {
            closeSurgeView(&state)
        } else if !state.filterText.isEmpty {
            state.filterText = ""
            return state.restartSearch(newText: true)
        }
    case .filter:
        state.mode = .filter
    case .cycleStatus:
        if state.surgeView != nil { closeSurgeView(&state) }
        state.status = state.status.next
        state.message = StatusMessage(text: "Showing \(state.status.rawValue) threads.", isError: false)
        return listChanged(&state, model)
    case .resolve:
        return resolve(&state, model)
    case .undo:
        return undo(&state, model)
    case .priority:
        return cyclePriority(&state, model)
    case .snooze:
        openSnoozeMenu(&state, model)
    case .toggleOrder:
        state.order = state.order == .deadline ? .waiting : .deadline
        state.message = StatusMessage(text: state.order == .deadline ? "Sorted by deadline: overdue first." :
            "Sorted by waiting time: longest first.", isError: false)
        return listChanged(&state, model)
    case .jumpToDeadline:
        return jumpToDeadline(&state, model)
    case .surges:
        return openSurgeView(&state, model)
    case .dismissSurge:
        return dismissSurge(&state, model)
    case .assign:
        return assignToMe(&state, model)
    case .assignTo:
        openAgentPicker(&state, model)
    case .batch:
        return startBatch(&state, followUp: false, model)
    case .followUp:
        return startBatch(&state, followUp: true, model)
    case .pin:
        openPinDraft(&state, model)
    case .unpin:
        return unpin(&state, model)
    case .note:
        guard state.selectedThread != nil else { return [] }
        state.mode = .note
    case .reply:
        openCompose(&state, template: nil, model)
    case .moveToPrivate:
        moveToPrivate(&state, model)
    case .template:
        guard let ref = state.selectedThread else { return [] }
        state.picker = state.pickerState(for: ref, in: model)
        state.mode = .picker
    case .report:
        openReport(&state, model)
    case .help:
        state.mode = .help
        state.helpScroll = 0
    case .quit:
        if !state.noteText.isEmpty {
            state.mode = .confirmQuit
            return []
        }
        return [.quit]
    }
    return []
}

private func resolve(_ state: inout AppState, _ model: any ReadModel) -> [Effect] {
    guard let ref = state.selectedThread, let index = state.selectedIndex else { return [] }
    let summary = state.summary(of: ref, in: model)
    if summary.status == .resolved {
        state.message = StatusMessage(text: "\(summary.id) is already resolved.", isError: false)
        return []
    }
    // The next thread takes the selection, as the resolved one leaves the open queue.
    let list = state.visibleThreads
    if index + 1 < list.count {
        state.selection[state.view] = list[index + 1]
    } else if index > 0 {
        state.selection[state.view] = list[index - 1]
    }
    state.cursor[state.view] = index
    state.resolvedThisSession += 1
    state.undoStack.append(.resolve(thread: summary.id))
    state.mode = .queue
    state.message = StatusMessage(text: "Resolved \(summary.id). u to undo.", isError: false)
    return [.append(state.writer.resolve(thread: summary.id), unsent: .action(.resolve(thread: summary.id)))]
}

private func switchView(_ state: inout AppState, _ view: QueueView, _ model: any ReadModel) -> [Effect] {
    if state.surgeView != nil { closeSurgeView(&state) }
    state.view = view
    state.mode = .queue
    state.conversationScroll = 0
    return listChanged(&state, model)
}

/// Another list is shown: a filter on it searches that list.
func listChanged(_ state: inout AppState, _ model: any ReadModel) -> [Effect] {
    state.buildLists(model)
    return state.filterText.isEmpty ? [] : state.restartSearch(newText: false)
}

private func move(_ state: inout AppState, _ delta: Int) {
    let list = state.visibleThreads
    guard !list.isEmpty else { return }
    let current = state.selectedIndex ?? 0
    let target = min(max(0, current.addingReportingOverflow(delta).partialValue), list.count - 1)
    state.selection[state.view] = list[target]
    state.cursor[state.view] = target
    state.conversationScroll = 0
}

private func scroll(_ state: inout AppState, _ delta: Int) {
    state.conversationScroll = max(0, state.conversationScroll + delta)
}

private func pageSize(_ state: AppState) -> Int { max(1, state.height - 6) }
