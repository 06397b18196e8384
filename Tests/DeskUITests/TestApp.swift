import Foundation
@testable import DeskUI
import Desk
import InboxFormat
import InboxStore

/// A test's app: the state and the read model over its inbox, driven as the loop drives
/// them. State members read through (`app.mode`, `app.visibleThreads`).
@dynamicMemberLookup
struct TestApp {
    var state: AppState
    let model: InboxModel
    /// The scratch file the inbox is in, kept as long as the app.
    var scratch: ScratchInbox?
    var inbox: Inbox { model.inbox }

    init(path: String, width: Int, height: Int, now: Timestamp = shiftEnd, triage: Triage = Triage(classifier: nil),
         surges: SurgeProjection? = nil, report: ReportLog? = nil) throws {
        model = try InboxModel(path: path, triage: triage, surges: surges, report: report)
        state = AppState(model: model, agent: "olga", now: now, width: width, height: height)
    }

    subscript<T>(dynamicMember key: WritableKeyPath<AppState, T>) -> T {
        get { state[keyPath: key] }
        set { state[keyPath: key] = newValue }
    }

    subscript<T>(dynamicMember key: KeyPath<AppState, T>) -> T { state[keyPath: key] }

    func summary(of ref: ThreadRef) -> ThreadSummary { state.summary(of: ref, in: model) }
    func openCount(_ view: QueueView) -> Int { state.openCount(view) }
    var pickerTemplates: [ReplyTemplate] { state.pickerTemplates(model) }

    /// Takes in what was appended to the file since, as the loop does after an append.
    mutating func follow() throws -> [Effect] {
        let (_, changed) = try model.follow()
        return runSearches(reduce(&state, .inboxChanged(changed), model))
    }

    /// Runs the appends among `effects` as the loop does: each written, then followed.
    mutating func apply(_ effects: [Effect]) throws {
        for case .append(let line, _) in effects {
            try InboxAppender(path: inbox.path, durable: false).append(line: line)
            _ = try follow()
        }
    }

    /// Runs the searches among `effects` at once, on this thread, and takes in their results:
    /// what the loop does over a few frames. Returns `effects` with those of the results.
    mutating func runSearches(_ effects: [Effect]) -> [Effect] {
        var all = effects
        for case .search(let request) in effects {
            var batches: [SearchBatch] = []
            ThreadSearch.run(request, over: model.searchSource().haystacks(of: request.threads),
                             isCancelled: { false }, deliver: { batches.append($0) })
            for batch in batches { all += runSearches(reduce(&state, .searchResults(batch), model)) }
        }
        return all
    }
}

/// An action, with any search it starts run to the end.
@discardableResult
func reduce(_ app: inout TestApp, _ action: Action) -> [Effect] {
    app.runSearches(reduce(&app.state, action, app.model))
}

func render(_ app: TestApp) -> Grid { render(app.state, app.model) }
