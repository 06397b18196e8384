import Foundation
import Testing
@testable import DeskUI
import Desk
import InboxFormat
import InboxStore
import InboxSynth

/// The `/` filter as the loop runs it: a key starts a search, batches come back as actions.
@Suite struct SearchTests {
    /// The search requests among `effects`.
    func searches(_ effects: [Effect]) -> [SearchRequest] {
        effects.compactMap { if case .search(let request) = $0 { request } else { nil } }
    }

    /// Runs `request` to the end on this thread, in batches of `batch` threads.
    func batches(_ request: SearchRequest, _ s: TestApp, batch: Int = 128) -> [SearchBatch] {
        var out: [SearchBatch] = []
        ThreadSearch.run(request, over: s.model.searchSource().haystacks(of: request.threads), firstBatch: batch,
                         largestBatch: batch, isCancelled: { false }, deliver: { out.append($0) })
        return out
    }

    /// Types `text` into the filter without running the searches: the requests it made.
    func typeRaw(_ text: String, _ s: inout TestApp) -> [SearchRequest] {
        var requests: [SearchRequest] = []
        for c in text { requests += searches(reduce(&s.state, .key(.char(c)), s.model)) }
        return requests
    }

    @Test func caseIsFoldedAsLowercasedDoes() throws {
        var samples = ["Hello WORLD", "ЁЛКА Ѐ Ђ Я я", "ÀÉÎÕÜ Ñ", "ΣΟΦΊΑ", "Straße", "😀 👍🏽 你好", "e\u{301}"]
        let s = try state()
        samples += s.listThreads.flatMap { ref -> [String] in
            let t = s.summary(of: ref)
            return [t.id, t.channel, t.customer?.name ?? "", t.lastInboundText ?? ""]
        }
        for text in samples { #expect(CaseFold.bytes(text) == Array(text.lowercased().utf8), "\(text)") }
        #expect(ThreadSearch.contains(CaseFold.bytes("Где мой ЗАКАЗ?"), CaseFold.bytes("заказ")))
        #expect(!ThreadSearch.contains(CaseFold.bytes("order"), CaseFold.bytes("orders")))
    }

    @Test func aNewerTextSupersedesTheLateResultsOfAnOlderOne() throws {
        var s = try state(width: 120, height: 40)
        _ = reduce(&s.state, .key(.char("/")), s.model)
        let requests = typeRaw("vk", &s)
        #expect(requests.count == 2)
        #expect(requests[1].generation > requests[0].generation)
        for batch in batches(requests[1], s) { _ = reduce(&s.state, .searchResults(batch), s.model) }
        #expect(s.visibleThreads.count == 4)
        // The search for "v" answers late: "v" matches threads "vk" does not.
        let late = batches(requests[0], s)
        #expect(late.flatMap(\.matches).count > 4, "the older text would show more threads")
        for batch in late { _ = reduce(&s.state, .searchResults(batch), s.model) }
        #expect(s.visibleThreads.count == 4)
        #expect(s.visibleThreads.allSatisfy { s.summary(of: $0).channel == "vk" })
        #expect(render(s).text.contains("All · open · 4"))
    }

    @Test func resultsArriveInBatchesAndTheListShowsThemAsTheyCome() throws {
        var s = try state(width: 120, height: 40)
        _ = reduce(&s, .key(.char("s")))
        _ = reduce(&s, .key(.char("s")))
        _ = reduce(&s, .key(.char("s")))
        _ = reduce(&s, .key(.char("s")))  // every status: the longest list
        let all = s.visibleThreads
        _ = reduce(&s.state, .key(.char("/")), s.model)
        let request = try #require(typeRaw("a", &s).first)
        #expect(request.threads == all, "the search reads the list as it is shown")
        // Until the first batch, the list stays as it was: typing does not blank it.
        #expect(s.visibleThreads == all)
        let found = batches(request, s, batch: 3)
        #expect(found.count == (all.count + 2) / 3)
        var shown: [ThreadRef] = []
        for (i, batch) in found.enumerated() {
            _ = reduce(&s.state, .searchResults(batch), s.model)
            shown += batch.matches
            #expect(s.visibleThreads == shown, "after batch \(i + 1), the matches so far, in queue order")
            let heading = render(s).text
            #expect(heading.contains("All · all · \(shown.count)"))
            #expect(heading.contains("searching") == !batch.done)
        }
        #expect(s.isFilterSearched)
        #expect(!shown.isEmpty && shown.count < all.count)
        #expect(shown.allSatisfy { ref in
            let t = s.summary(of: ref)
            return [t.id, t.channel, t.customer?.name ?? "", t.customer?.handle ?? "", t.lastInboundText ?? ""]
                .contains { $0.lowercased().contains("a") }
        })
    }

    @Test func aLongerTextReadsOnlyThePreviousMatches() throws {
        var s = try state(width: 120, height: 40)
        _ = reduce(&s, .key(.char("/")))
        _ = reduce(&s, .key(.char("v")))
        let vMatches = s.visibleThreads
        #expect(s.isFilterSearched)
        let request = try #require(typeRaw("k", &s).first)
        #expect(request.threads == vMatches)
        // Backspace makes the text shorter: the whole list again.
        for batch in batches(request, s) { _ = reduce(&s.state, .searchResults(batch), s.model) }
        let wider = try #require(searches(reduce(&s.state, .key(.backspace), s.model)).first)
        #expect(wider.threads == s.listThreads)
    }

    @Test func escapeCancelsTheSearchAndShowsTheWholeList() throws {
        var s = try state(width: 120, height: 40)
        let all = s.visibleThreads
        _ = reduce(&s.state, .key(.char("/")), s.model)
        let request = try #require(typeRaw("vk", &s).last)
        #expect(reduce(&s.state, .key(.escape), s.model) == [.cancelSearch])
        for batch in batches(request, s) { _ = reduce(&s.state, .searchResults(batch), s.model) }
        #expect(s.visibleThreads == all)
        #expect(s.filterText.isEmpty && s.mode == .queue)
    }

    @Test func switchingViewsSearchesTheNewList() throws {
        var s = try state(width: 120, height: 40)
        _ = reduce(&s, .key(.char("/")))
        _ = reduce(&s, .key(.char("m")))
        _ = reduce(&s, .key(.enter))
        let request = try #require(searches(reduce(&s.state, .key(.char("2")), s.model)).first)
        #expect(request.query == "m" && request.threads == s.listThreads)
        for batch in batches(request, s) { _ = reduce(&s.state, .searchResults(batch), s.model) }
        let expected = s.listThreads.filter { ref in
            let t = s.summary(of: ref)
            return [t.id, t.channel, t.customer?.name ?? "", t.customer?.handle ?? "", t.lastInboundText ?? ""]
                .contains { $0.lowercased().contains("m") }
        }
        #expect(!expected.isEmpty)
        #expect(s.visibleThreads == expected)
        #expect(s.visibleThreads.allSatisfy { s.summary(of: $0).visibility == .private })
    }

    /// Counts what reads message bodies from the file.
    final class CountingModel: ReadModel {
        let base: InboxModel
        var bodyReads = 0
        /// Walks over every thread, as building a list does.
        var listBuilds = 0
        init(_ base: InboxModel) { self.base = base }
        var problems: [LineProblem] { base.problems }
        var failedReplies: Int { base.failedReplies }
        var messageCount: Int { base.messageCount }
        var activePins: [Pin] { base.activePins }
        func surges(at now: Timestamp) -> [Surge] { base.surges(at: now) }
        func threads(view: ViewFilter, status: ThreadStatus?, at now: Timestamp) -> [ThreadRef] {
            listBuilds += 1
            return base.threads(view: view, status: status, at: now)
        }
        func queuePlace(of ref: ThreadRef, view: ViewFilter, status: ThreadStatus?, order: QueueOrder, at now: Timestamp) -> QueuePlace? {
            base.queuePlace(of: ref, view: view, status: status, order: order, at: now)
        }
        func priority(of ref: ThreadRef) -> (level: PriorityLevel, setBy: String?) { base.priority(of: ref) }
        func clock(of ref: ThreadRef, at now: Timestamp) -> SLAClock? { base.clock(of: ref, at: now) }
        func promise(for ref: ThreadRef, at now: Timestamp) -> ResponsePromise { base.promise(for: ref, at: now) }
        func thread(id: String) -> ThreadRef? { base.thread(id: id) }
        func snoozesEnding(after start: Timestamp, through end: Timestamp) -> [ThreadRef] { base.snoozesEnding(after: start, through: end) }
        func lastActivity(of ref: ThreadRef) -> Timestamp { base.lastActivity(of: ref) }
        func companyReplyTimes(of ref: ThreadRef) -> [Timestamp] { base.companyReplyTimes(of: ref) }
        func status(of ref: ThreadRef, at now: Timestamp) -> ThreadStatus { base.status(of: ref, at: now) }
        func assignee(of ref: ThreadRef) -> String? { base.assignee(of: ref) }
        var agentNames: [String] { base.agentNames }
        func customerThreads(of ref: ThreadRef, limit: Int) -> [ThreadRef] { base.customerThreads(of: ref, limit: limit) }
        func replyTarget(of ref: ThreadRef) -> ReplyTarget { base.replyTarget(of: ref) }
        var companyHandles: Set<String> { base.companyHandles }
        func customerFirstNames() -> Set<String> { base.customerFirstNames() }
        func queueRowContext(at now: Timestamp) -> QueueRowContext { base.queueRowContext(at: now) }
        func timeline(of ref: ThreadRef) -> [TimelineEntry] { bodyReads += 1; return base.timeline(of: ref) }
        func summary(of ref: ThreadRef, at now: Timestamp) -> ThreadSummary { bodyReads += 1; return base.summary(of: ref, at: now) }
        func messages(of ref: ThreadRef) -> [MessageView] { bodyReads += 1; return base.messages(of: ref) }
        func notes(of ref: ThreadRef) -> [NoteView] { bodyReads += 1; return base.notes(of: ref) }
        func recentOutboundTexts(since: Timestamp, limit: Int) -> [String] { bodyReads += 1; return base.recentOutboundTexts(since: since, limit: limit) }
        func recentReplies(since: Timestamp) -> [(message: MessageView, thread: ThreadRef)] { bodyReads += 1; return base.recentReplies(since: since) }
        func searchSource() -> any SearchSource { bodyReads += 1; return base.searchSource() }
    }

    @Test func aFilterKeyOnALargeInboxReadsNoThread() throws {
        let file = try ScratchInbox(lines: [])
        _ = try SyntheticInbox().write(records: 40_000, to: file.path)
        let model = CountingModel(try InboxModel(path: file.path))
        var state = AppState(model: model, agent: "olga", now: shiftEnd, width: 120, height: 40)
        while state.status != .all { _ = reduce(&state, .key(.char("s")), model) }
        let list = state.visibleThreads
        #expect(list.count > 5000)
        _ = reduce(&state, .key(.char("/")), model)
        model.bodyReads = 0
        let effects = reduce(&state, .key(.char("e")), model)
        #expect(model.bodyReads == 0, "the key read no message: the search will")
        #expect(effects == [.search(SearchRequest(generation: state.search.generation, query: "e", threads: list))])
        let more = reduce(&state, .key(.char("r")), model)
        #expect(model.bodyReads == 0)
        #expect(searches(more).first?.query == "er")
    }

    @Test func recordsArrivingWhileFilteringGetASecondLook() throws {
        let copy = try ScratchInbox(copying: samplePath)
        var s = try state(copy.path, width: 120, height: 40)
        _ = reduce(&s, .key(.char("/")))
        for c in "parcel" { _ = reduce(&s, .key(.char(c))) }
        let before = s.visibleThreads
        // A new message in a thread that did not match, which now does.
        let other = try #require(s.listThreads.first { !before.contains($0) })
        let id = s.summary(of: other).id
        let line = #"{"type":"message","id":"late-1","at":"2026-11-20T18:25:00Z","thread":"\#(id)","channel":"\#(s.summary(of: other).channel)","visibility":"\#(s.summary(of: other).visibility.name)","direction":"in","author":{"id":"someone"},"text":"where is my parcel?"}"#
        try InboxAppender(path: copy.path, durable: false).append(line: line)
        let (_, changed) = try s.model.follow()
        let patch = try #require(searches(reduce(&s.state, .inboxChanged(changed), s.model)).first)
        #expect(patch.isPatch && patch.threads == [other])
        #expect(!s.visibleThreads.contains(other), "until its second look answers")
        for batch in batches(patch, s) { _ = reduce(&s.state, .searchResults(batch), s.model) }
        #expect(s.visibleThreads.contains(other))
        #expect(s.visibleThreads.count == before.count + 1)
    }
}

/// The thread that runs searches for the loop.
@Suite struct SearchRunnerTests {
    /// Haystacks whose first text waits for the test to say go.
    struct GatedSource: SearchSource {
        let refs: [ThreadRef]
        let entered = DispatchSemaphore(value: 0)
        let go = DispatchSemaphore(value: 0)
        func haystacks(of refs: [ThreadRef]) -> any Haystacks { Gated(refs: refs, entered: entered, go: go) }
        struct Gated: Haystacks {
            let refs: [ThreadRef]
            let entered: DispatchSemaphore
            let go: DispatchSemaphore
            var count: Int { refs.count }
            func ref(at i: Int) -> ThreadRef { refs[i] }
            func texts(at i: Int) -> [String] {
                if i == 0 {
                    entered.signal()
                    go.wait()
                }
                return ["needle"]
            }
        }
    }

    /// Batches handed back, as the loop's mailbox holds them.
    final class Delivered: @unchecked Sendable {
        private let lock = NSLock()
        private var batches: [SearchBatch] = []
        let arrived = DispatchSemaphore(value: 0)
        func add(_ action: Action) {
            guard case .searchResults(let batch) = action else { return }
            lock.lock()
            batches.append(batch)
            lock.unlock()
            arrived.signal()
        }
        var all: [SearchBatch] {
            lock.lock()
            defer { lock.unlock() }
            return batches
        }
    }

    @Test func aNewerSearchCancelsTheOneRunningAndTheOnesWaiting() throws {
        let s = try state()
        let many = Array(repeating: s.listThreads, count: 200).flatMap { $0 }
        let delivered = Delivered()
        let runner = SearchRunner { delivered.add($0) }
        defer { runner.stop() }
        let first = GatedSource(refs: many)
        runner.start(SearchRequest(generation: 1, query: "needle", threads: many), source: first)
        #expect(first.entered.wait(timeout: .now() + 10) == .success, "the first search started")
        let waiting = GatedSource(refs: many)
        runner.start(SearchRequest(generation: 1, query: "needle", threads: many, isPatch: true), source: waiting)
        runner.start(SearchRequest(generation: 2, query: "needle", threads: Array(many.prefix(5))), source: InboxSearchSource(snapshot: s.inbox.snapshot()))
        first.go.signal()
        // Wait for the newer search's last batch.
        let deadline = Date().addingTimeInterval(10)
        while !delivered.all.contains(where: { $0.generation == 2 && $0.done }) && Date() < deadline {
            _ = delivered.arrived.wait(timeout: .now() + 1)
        }
        #expect(delivered.all.contains { $0.generation == 2 && $0.done }, "the newer search answered")
        let old = delivered.all.filter { $0.generation == 1 }
        #expect(old.count <= 1, "the running search stopped at its next batch")
        #expect(!old.contains { $0.done })
        #expect(!old.contains { $0.isPatch }, "the waiting one never ran")
        #expect(waiting.entered.wait(timeout: .now()) == .timedOut)
    }
}
