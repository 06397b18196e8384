import Foundation
import Desk
import InboxFormat
import InboxStore

/// Opens the compose pane on the selected thread: its draft if there is one, else the
/// template's text, else empty.
func openCompose(_ state: inout AppState, template: ReplyTemplate?, _ model: any ReadModel, on thread: ThreadRef? = nil) {
    guard let ref = thread ?? state.selectedThread else { return }
    let id = state.summary(of: ref, in: model).id
    var compose: ComposeState
    if let current = state.compose, current.thread == ref {
        compose = current
    } else {
        compose = ComposeState(thread: ref, threadID: id, editor: TextEditor(state.drafts[id] ?? ""))
        compose.baseline = state.baseline(of: ref, in: model)
        if state.drafts[id] != nil, let origin = state.draftTemplates[id] {
            compose.templateName = origin.name
            compose.renderedTemplate = origin.rendered
        }
        // A reply the connector could not deliver comes back to be sent again.
        if state.drafts[id] == nil, template == nil,
           let last = model.messages(of: ref).last(where: { $0.direction == .outbound }), last.delivery == .failed {
            compose.editor = TextEditor(last.text)
            state.message = StatusMessage(text: "The last reply failed (\(last.deliveryError ?? "no reason given")): here it is again, Ctrl-S to retry.", isError: true)
        }
    }
    if let template {
        let rendered = template.render(state.templateValues(for: ref, in: model))
        compose.editor.replaceAll(with: rendered)
        compose.templateName = template.name
        compose.renderedTemplate = rendered
        state.draftTemplates[id] = TemplateOrigin(name: template.name, rendered: rendered)
    }
    state.compose = compose
    state.mode = .compose
}

/// The keys every picker shares: ↑/↓ move in the list, typing and Backspace change the
/// filter (and start the list again at its top).
func editPickerFilter(_ filter: inout String, _ index: inout Int, _ key: Key) {
    switch key {
    case .down: index += 1
    case .up: index = max(0, index - 1)
    case .backspace:
        guard !filter.isEmpty else { return }
        filter.removeLast()
        index = 0
    case .char(let c):
        filter.append(c)
        index = 0
    default: break
    }
}

/// Keys while the picker is open: type to filter, move, Enter to take, Esc to leave.
func pickerKey(_ state: inout AppState, _ key: Key, _ model: any ReadModel) -> [Effect] {
    guard var picker = state.picker else { state.mode = .queue; return [] }
    switch key {
    case .escape:
        state.picker = nil
        state.mode = .queue
        if state.batch != nil {
            state.batch = nil
            state.message = StatusMessage(text: "No batch: no template chosen.", isError: false)
        }
        return []
    case .enter:
        let list = state.pickerTemplates(model)
        state.picker = nil
        guard !list.isEmpty else { state.mode = .queue; state.batch = nil; return [] }
        if state.batch?.templateName.isEmpty == true {
            // The batch's template: every person of the surge starts from it.
            state.batch?.templateName = list[min(picker.index, list.count - 1)].name
            return openBatchThread(&state, model)
        }
        openCompose(&state, template: list[min(picker.index, list.count - 1)], model)
        return state.compose.map { [.saveDraft(thread: $0.threadID, text: $0.editor.text)] } ?? []
    default:
        editPickerFilter(&picker.filter, &picker.index, key)
    }
    state.picker = picker
    let count = state.pickerTemplates(model).count
    if count > 0 { state.picker?.index = min(picker.index, count - 1) }
    return []
}

/// Keys while writing a reply.
func composeKey(_ state: inout AppState, _ key: Key, _ model: any ReadModel) -> [Effect] {
    guard var compose = state.compose else { state.mode = .queue; return [] }
    // A message answers the last key; the next one clears it (the warnings stay).
    state.message = nil
    if let effects = collisionKey(&state, key, model) { return effects }
    if compose.pendingWarnings != nil {
        // Asked "send anyway?": y sends, anything else goes back to editing.
        compose.pendingWarnings = nil
        state.compose = compose
        if key == .char("y") { return send(&state, resolve: compose.resolveAfterSend, confirmed: true, model) }
        state.message = StatusMessage(text: "Not sent: the reply is still here to edit.", isError: false)
        return []
    }
    let before = compose.editor.text
    switch key {
    case .escape where state.batch != nil:
        state.batch = nil
        state.mode = .queue
        state.message = StatusMessage(text: "Left the batch; the drafts stay (r on a thread goes on with its reply).", isError: false)
        return []
    case .escape:
        state.mode = .queue
        if !compose.editor.isEmpty {
            state.message = StatusMessage(text: "Reply kept as a draft; r to go on with it.", isError: false)
        } else {
            state.compose = nil
        }
        return []
    case .ctrl("s"): return checkThenSend(&state, resolve: false, model)
    case .ctrl("n") where state.batch != nil:
        state.message = StatusMessage(text: "Skipped \(compose.threadID); its draft stays.", isError: false)
        return skipInBatch(&state, model)
    case .ctrl("x"): return checkThenSend(&state, resolve: true, model)
    case .ctrl("e"): return [.openEditor(compose.editor.text)]
    case .ctrl("u"): compose.editor.undo()
    case .ctrl("w"): compose.editor.deleteWordBackward()
    case .ctrl("b"): compose.editor.moveWordLeft()
    case .ctrl("f"): compose.editor.moveWordRight()
    case .enter: compose.editor.insert("\n")
    case .tab: compose.editor.insert("    ")
    case .backspace: compose.editor.backspace()
    case .delete: compose.editor.deleteForward()
    case .left: compose.editor.moveLeft()
    case .right: compose.editor.moveRight()
    case .up: compose.editor.moveVertically(-1)
    case .down: compose.editor.moveVertically(1)
    case .home: compose.editor.moveHome()
    case .end: compose.editor.moveEnd()
    case .char(let c): compose.editor.insert(String(c))
    default: return []
    }
    state.compose = compose
    guard compose.editor.text != before else { return [] }
    state.drafts[compose.threadID] = compose.editor.text
    return [.saveDraft(thread: compose.threadID, text: compose.editor.text)]
}

/// The check before sending: if others did something in the thread since the reply was
/// started, say what and ask; else on to the personal-touch check.
private func checkThenSend(_ state: inout AppState, resolve: Bool, _ model: any ReadModel) -> [Effect] {
    guard var compose = state.compose else { return [] }
    compose.resolveAfterSend = resolve
    if let baseline = compose.baseline {
        let changes = state.changes(in: compose.thread, since: baseline, in: model)
        if !changes.isEmpty {
            compose.pendingChanges = changes
            state.compose = compose
            return []
        }
    }
    state.compose = compose
    return send(&state, resolve: resolve, confirmed: false, model)
}

/// `y` on the changes: on to the personal-touch check, as Ctrl-S or Ctrl-X was pressed.
func sendAfterCheck(_ state: inout AppState, _ model: any ReadModel) -> [Effect] {
    send(&state, resolve: state.compose?.resolveAfterSend ?? false, confirmed: false, model)
}

/// Runs the personal-touch check, and sends unless it found something not yet confirmed.
private func send(_ state: inout AppState, resolve: Bool, confirmed: Bool, _ model: any ReadModel) -> [Effect] {
    guard var compose = state.compose else { return [] }
    let text = compose.editor.text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !text.isEmpty else {
        state.message = StatusMessage(text: "Nothing to send.", isError: false)
        return []
    }
    let t = state.summary(of: compose.thread, in: model)
    if !confirmed {
        let draft = state.replyDraft(text, to: compose.thread, renderedTemplate: compose.renderedTemplate, in: model)
        var warnings = PersonalTouch.check(draft, disabled: state.disabledChecks)
        if !state.disabledChecks.contains(.flood), let flood = state.floodWarning(text, templateName: compose.templateName, renderedTemplate: compose.renderedTemplate,
                                                                                        to: compose.thread, in: model) {
            warnings.append(flood)
        }
        if !state.disabledChecks.contains(.flood), let twin = state.batchTwin(of: text, to: compose.thread, in: model) {
            warnings.append(ReplyWarning(kind: .flood, message:
                "Apart from the name, this is your reply to \(twin.threadID) in this batch: it reads as pasted. Say something about what this person wrote."))
        }
        if !state.disabledChecks.contains(.tooLong),
           let limit = state.limits.limit(channel: t.channel, visibility: t.visibility), text.count > limit {
            warnings.append(ReplyWarning(kind: .tooLong, message:
                "\(text.count) characters, over \(t.channel)'s \(limit): shorten it, or move the conversation to a private channel (t, move-to-dm)."))
        }
        if !warnings.isEmpty {
            compose.pendingWarnings = warnings
            compose.resolveAfterSend = resolve
            state.compose = compose
            return []
        }
    }
    // How much of the template the agent rewrote, for the shift report's figures.
    let edit = compose.renderedTemplate.map { EditDistance.between($0, text) }
    let reply = state.replies.reply(to: model.replyTarget(of: compose.thread), text: text,
                                    template: compose.templateName, templateEdit: edit, writer: state.writer)
    // The draft goes once the reply is written, before the resolve: a resolve that fails
    // must not bring back a reply that was sent.
    var effects: [Effect] = [.append(reply.line, unsent: .reply(compose, resolving: resolve)),
                             .saveDraft(thread: t.id, text: "")]
    if resolve {
        effects.append(.append(state.writer.resolve(thread: t.id)))
        state.resolvedThisSession += 1
        state.undoStack.append(.resolve(thread: t.id))
    }
    state.drafts[t.id] = nil
    state.draftTemplates[t.id] = nil
    state.compose = nil
    state.mode = .queue
    state.message = StatusMessage(text: "Reply to \(t.id) saved and queued for delivery\(resolve ? "; thread resolved" : "").", isError: false)
    if let batch = state.batch, batch.current == compose.thread {
        // The next person of the batch, at once.
        let names = state.replyDraft(text, to: compose.thread, renderedTemplate: nil, in: model).customerNames
        state.batch?.sent.append(ReplyBatch.SentReply(threadID: t.id, text: text, names: names))
        state.batch?.index += 1
        effects += openBatchThread(&state, model)
    }
    return effects
}

/// `m` on a public thread: the invitation to continue in direct messages, in the
/// customer's language, ready to edit; their private thread, once they write, shows in
/// the customer context beside this one (both share the customer's `author.id`).
func moveToPrivate(_ state: inout AppState, _ model: any ReadModel) {
    guard let ref = state.selectedThread else { return }
    let t = state.summary(of: ref, in: model)
    guard t.visibility == .public else {
        state.message = StatusMessage(text: "\(t.id) is private already.", isError: false)
        return
    }
    let language = state.replyLanguage(for: ref, in: model)
    let candidates = state.templates.templates.filter { $0.name == "move-to-dm" }
    guard let template = candidates.first(where: { $0.language == language }) ?? candidates.first else {
        state.message = StatusMessage(text: "No move-to-dm template: add one to your templates folder.", isError: true)
        return
    }
    openCompose(&state, template: template, model)
    let privateThreads = model.customerThreads(of: ref, limit: .max).filter { state.summary(of: $0, in: model).visibility == .private }
    if let existing = privateThreads.first {
        state.message = StatusMessage(text: "They already have a private thread: \(state.summary(of: existing, in: model).id).", isError: false)
    }
}
