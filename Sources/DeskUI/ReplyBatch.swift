import Desk
import InboxFormat
import InboxStore

/// Answering everyone in a surge, one person at a time (`B`, and `F` once it is fixed): each
/// thread opens in the compose pane with the chosen template filled in for that person,
/// to be made theirs before it goes.
public struct ReplyBatch: Equatable, Sendable {
    /// The threads to answer, oldest first, as they were when the batch began.
    public var threads: [ThreadRef]
    /// Where the batch is in ``threads``.
    public var index = 0
    /// The template's name; each thread gets it in its customer's language.
    public var templateName: String
    /// The second pass, once the outage is over: Ctrl-X sends and resolves.
    public var followUp: Bool
    /// What this batch sent so far, for the copy-paste check: each reply's text and the
    /// names of the person it went to.
    public var sent: [SentReply] = []

    public struct SentReply: Equatable, Sendable {
        public var threadID: String
        public var text: String
        public var names: [String]
    }

    /// The thread being answered.
    public var current: ThreadRef? { index < threads.count ? threads[index] : nil }
    /// "7 of 31", for the compose pane's title.
    public var progress: String { "\(min(index + 1, threads.count)) of \(threads.count)" }
}

/// `B` in the surge view: the template picker, then the surge's unanswered threads one by
/// one. `F`: the follow-up template for every thread of the surge not yet resolved.
func startBatch(_ state: inout AppState, followUp: Bool, _ model: any ReadModel) -> [Effect] {
    guard let view = state.surgeView else {
        state.message = StatusMessage(text: "\(followUp ? "F" : "B") works in a surge's list: S opens it.", isError: false)
        return []
    }
    let threads = view.threads.filter { ref in
        let status = model.status(of: ref, at: state.now)
        return followUp ? status != .resolved : status == .open
    }
    guard let first = threads.first else {
        state.message = StatusMessage(text: followUp ? "Every thread of the surge is resolved." : "Everyone in the surge has an answer.", isError: false)
        return []
    }
    // The surge view's line ("Surge: 42 people · …") would stand where the batch's keys go.
    state.message = nil
    if followUp {
        state.batch = ReplyBatch(threads: threads, templateName: "resolution-followup", followUp: true)
        return openBatchThread(&state, model)
    }
    // The agent chooses the template on the first thread; the batch takes it from there.
    state.selection[state.view] = first
    state.batch = ReplyBatch(threads: threads, templateName: "", followUp: false)
    state.picker = state.pickerState(for: first, in: model)
    state.mode = .picker
    return []
}

/// Opens the batch's current thread in the compose pane with its template, or ends the batch.
func openBatchThread(_ state: inout AppState, _ model: any ReadModel) -> [Effect] {
    guard var batch = state.batch else { return [] }
    // Someone else may have answered (or, for a follow-up, resolved) one meanwhile.
    var taken = 0
    while let ref = batch.current, batch.followUp ? model.status(of: ref, at: state.now) == .resolved : model.status(of: ref, at: state.now) != .open {
        batch.index += 1
        taken += 1
    }
    state.batch = batch
    let skipped = taken == 0 ? "" : " (\(taken) answered by someone else meanwhile, skipped)"
    guard let ref = batch.current else {
        state.batch = nil
        state.mode = .queue
        let pins = state.pinsUp(model).isEmpty ? "" : " U takes the pin down."
        state.message = StatusMessage(text: "Batch done: \(batch.sent.count) of \(batch.threads.count) answered\(skipped).\(pins)", isError: false)
        return []
    }
    if taken > 0 { state.message = StatusMessage(text: (state.message.map { $0.text + " " } ?? "") + "Skipped\(skipped).", isError: false) }
    state.selection[state.view] = ref
    state.compose = nil
    let language = state.replyLanguage(for: ref, in: model)
    let candidates = state.templates.templates.filter { $0.name == batch.templateName }
    let template = candidates.first { $0.language == language } ?? candidates.first { $0.language == "en" } ?? candidates.first
    // A draft already written for this person wins over the template.
    let id = state.summary(of: ref, in: model).id
    openCompose(&state, template: state.drafts[id] == nil ? template : nil, model, on: ref)
    return state.compose.map { [.saveDraft(thread: $0.threadID, text: $0.editor.text)] } ?? []
}

/// Ctrl-N in a batch: this person later (the draft stays), the next one now.
func skipInBatch(_ state: inout AppState, _ model: any ReadModel) -> [Effect] {
    state.batch?.index += 1
    state.compose = nil
    return openBatchThread(&state, model)
}

extension AppState {
    /// The replies this batch sent to others, for the check: the same text apart from the
    /// name reads as pasted.
    func batchTwin(of text: String, to ref: ThreadRef, in model: any ReadModel) -> ReplyBatch.SentReply? {
        guard let batch else { return nil }
        let mine = Self.skeleton(text, names: replyDraft(text, to: ref, renderedTemplate: nil, in: model).customerNames)
        guard !mine.isEmpty else { return nil }
        return batch.sent.first { Self.skeleton($0.text, names: $0.names) == mine }
    }

    /// The flood guard: this public reply's template went out publicly ``FloodGuard/times``
    /// times or more within its window with nothing changed but the names.
    func floodWarning(_ text: String, templateName: String?, renderedTemplate: String?, to ref: ThreadRef, in model: any ReadModel) -> ReplyWarning? {
        guard let name = templateName, summary(of: ref, in: model).visibility == .public else { return nil }
        // Unchanged beyond the variables: the template as rendered for this person (whatever
        // its variables hold: names, their words, the promise), or the same text as an
        // earlier one of it but for the names.
        let untouched = renderedTemplate.map { Self.skeleton($0, names: []) == Self.skeleton(text, names: []) } ?? false
        let mine = Self.skeleton(text, names: replyDraft(text, to: ref, renderedTemplate: nil, in: model).customerNames)
        let since = Timestamp(milliseconds: now.milliseconds - floodGuard.window)
        let same = model.recentReplies(since: since).filter { reply in
            guard reply.message.template == name, summary(of: reply.thread, in: model).visibility == .public else { return false }
            if untouched { return true }
            let c = summary(of: reply.thread, in: model).customer
            let names = [c?.name, c?.handle].compactMap { $0 }
            return Self.skeleton(reply.message.text, names: names) == mine
        }.count
        guard same >= floodGuard.times else { return nil }
        let minutes = floodGuard.window / 60_000
        return ReplyWarning(kind: .flood, message:
            "\(name) went out publicly \(same) times in the last \(minutes) minutes, and this one is it unchanged: one more reads as a bot. Make it about this person.")
    }

    /// A reply without its person: names and handles out, case, spacing and punctuation aside.
    static func skeleton(_ text: String, names: [String]) -> String {
        var words = text.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "@" }.map(String.init)
        let own = Set(names.flatMap { $0.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "@" }.map(String.init) })
        words.removeAll { own.contains($0) || own.contains("@" + $0) || $0.hasPrefix("@") }
        return words.joined(separator: " ")
    }
}
