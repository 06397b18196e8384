import CursesTerminal
import CSupport
import DeskUI
import Foundation
import Desk
import InboxFormat
import InboxStore
import InboxStorePostgres

/// The full-screen app: the loop that feeds keys, ticks, search results and file changes
/// to `reduce`, runs the effects it returns, and draws `render(state, model)` after each.
@MainActor
enum DeskApp {
    /// Runs the app on `store` until the agent quits, a signal ends it, or the terminal goes.
    /// `clock` is the time the app shows and writes. Returns the records that never reached
    /// the store (a database that stayed out of reach to the end), for the caller to keep.
    @discardableResult
    static func run(store: any RecordStore, agent: String, templates: [TemplateSource], clock: RunningClock) throws -> [String] {
        let path = store.name
        let wake = try WakePipe(for: "the main loop")
        let screen = try CursesScreen()
        csupport_set_wake_fd(wake.writeEnd)
        defer {
            csupport_set_wake_fd(-1)
            screen.end()
        }
        // The config first: its triage rules classify the messages as the inbox loads.
        var config = Config()
        var configProblem: String?
        do {
            config = try Config.load(path: Config.standardPath())
        } catch {
            // How many first: a long reason is cut at the screen's edge, the count must not be.
            configProblem = (error.others.isEmpty ? "Config not used: " : "Config not used (\(error.others.count + 1) mistakes, shiftdesk check-config lists them): ")
                + "\(error.problem)"
        }
        let triage = TriageSetup.triage(config)
        // Surges of the last day and those to come; older messages are not read for them.
        let surges = SurgeProjection(settings: config.surges, since: SurgeProjection.horizon(before: clock.now(), settings: config.surges),
                                     clock: { clock.now() })
        // The report screen covers the day the app started on, in the team's zone.
        let report = ReportLog(since: ReportWindow.startOfDay(at: clock.now(), zone: ReportWindow.zone(hours: config.hours)))
        let model = try load(store: store, screen: screen, triage: triage, surges: surges, report: report)
        // Listening from now on: whatever comes after the load wakes the loop. (Before it,
        // a first catch-up would wait for the listener's connection, and find nothing.)
        try store.listen()
        let size = screen.size
        var state = AppState(model: model, agent: agent, now: clock.now(), width: size.width, height: size.height)
        state.buildAllLists(model)
        if !model.problems.isEmpty {
            state.message = StatusMessage(text: "\(model.problems.count) malformed lines skipped: see shiftdesk check \(path)", isError: true)
        }
        state.templates = TemplateLibrary(sources: templates)
        state.limits = ChannelLimits(publicLimits: config.publicLimits)
        state.disabledChecks = config.disabledChecks
        state.floodGuard = config.floodGuard
        state.replies.accounts = config.accounts
        state.language = config.language
        state.hours = config.hours
        if let rule = config.ruleProblems.first {
            let count = config.ruleProblems.count
            // Problems, not rules: one rule may have two, and some are of [triage] itself.
            let head = count > 1 ? "\(count) problems in the triage rules (shiftdesk check-config lists them): " : "Triage rule left out: "
            state.message = StatusMessage(text: head + "\(rule)", isError: true)
        }
        if let configProblem { state.message = StatusMessage(text: configProblem, isError: true) }
        let drafts = DraftStore.standard()
        state.drafts = drafts.loadAll()
        if let problem = state.templates.problems.first {
            state.message = StatusMessage(text: "Template skipped: \(problem)", isError: true)
        }
        // Where this agent is, beside the inbox for the others; gone again on quit.
        let presence = store.presence(session: "\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        state.plainSymbols = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false || !Terminal.isUTF8
        let loop = DeskLoop(state: state, model: model, screen: screen, clock: clock, wake: wake,
                            drafts: drafts, store: store, presence: presence)
        defer {
            loop.searches.stop()
            presence.withdraw()
        }
        loop.run()
        // One last try for what waits: the server may be back.
        if store.waitingAppends > 0 { _ = try? store.catchUp() }
        return loop.unstoredLines
    }

    /// Reads the inbox with a progress line, so a large file never means a blank wait.
    private static func load(store: any RecordStore, screen: CursesScreen, triage: Triage, surges: SurgeProjection, report: ReportLog) throws -> InboxModel {
        let size = screen.size
        let path = store.name
        if store.readablePath != path {
            var grid = Grid(width: size.width, height: size.height)
            grid.put("Fetching \(path) …", x: 1, y: size.height / 2)
            screen.draw(grid)
            try store.catchUp()
        }
        var lastShown = -1
        return try InboxModel(path: store.readablePath, triage: triage, surges: surges, report: report) { fraction in
            let percent = Int(fraction * 100)
            guard percent != lastShown else { return }
            lastShown = percent
            var grid = Grid(width: size.width, height: size.height)
            grid.put("Loading \(path) … \(percent)%", x: 1, y: size.height / 2)
            let barWidth = max(0, size.width - 2)
            grid.put(String(repeating: "█", count: barWidth * percent / 100), x: 1, y: size.height / 2 + 1, style: Style(.accent))
            MainActor.assumeIsolated { screen.draw(grid) }
        }
    }
}

/// One session of the app: the state, the inbox it reads, and what runs its effects.
@MainActor
final class DeskLoop {
    private var state: AppState
    private let model: InboxModel
    private let screen: CursesScreen
    private let clock: RunningClock
    private let wake: WakePipe
    private let mailbox: Mailbox
    let searches: SearchRunner
    private let drafts: DraftStore
    private let store: any RecordStore
    private let presence: any PresenceChannel
    /// The inbox and the presence folder, watched: their changes wake the loop.
    private let watch: FileWatch
    private var quitting = false
    /// The presence folder's watch, once it is watched (-1 before).
    private var presenceWatch: Int32 = -1
    /// The inbox's watch; -1 without inotify or when it could not be added, or when the
    /// store tells of changes itself (``RecordStore/changeDescriptor``).
    private var inboxWatch: Int32 { store.changeDescriptor == nil ? watch.watches.first ?? -1 : -1 }
    /// Whether the loop hears of others' records without looking: a file watch or the store.
    private var toldOfChanges: Bool { inboxWatch >= 0 || store.changeDescriptor != nil }
    /// When the others' presence was last read: it is read when the folder changed, and
    /// once a heartbeat besides, for those that went stale.
    private var presenceReadAt: Int64 = 0

    /// The longest the loop sleeps where inotify is not to be had: it follows the file by
    /// looking this often. With inotify, changes wake it and it sleeps to the next second.
    private static let pollMilliseconds: Int32 = 250
    /// Something other than the clock changed the state since the last frame.
    private var dirty = true
    /// A key or a resize changed it: the next frame is drawn at once. Changes from the file
    /// (another agent's records) are drawn at most every ``frameSpacing``: a hundred appends
    /// a second would otherwise cost a hundred frames.
    private var urgent = true
    /// When the last frame was drawn, on the monotonic clock, in nanoseconds.
    private var lastFrame: UInt64 = 0
    private static let frameSpacing: UInt64 = 70_000_000
    /// The inbox changed and has not been followed yet: records from other processes are
    /// taken in at most every ``followSpacing`` (a key follows at once), so a hundred
    /// appends a second wake the loop and run the fold some fourteen times, not a hundred.
    /// True at first: what was appended while the app loaded (before the watch existed)
    /// raised no event.
    private var followPending = true
    /// A spaced follow took in records: its frame is drawn at once. Follows are spaced as
    /// frames are, so each draws what it took in, and a record waits for one spacing at most
    /// before it is on screen.
    private var followedRecords = false
    private var lastFollow: UInt64 = 0
    /// The longest the file goes unfollowed even when no event came: an inbox on a network
    /// filesystem, or a watch that could not be added, raises none for others' writes.
    private static let followAtLeastEvery: UInt64 = 1_000_000_000
    private static let followSpacing: UInt64 = frameSpacing
    /// The second of the clock the last frame was drawn at: clocks on screen move at most
    /// once a second, so a frame a second is all time alone asks for.
    private var drawnSecond: Int64 = .min

    init(state: AppState, model: InboxModel, screen: CursesScreen, clock: RunningClock, wake: WakePipe,
         drafts: DraftStore, store: any RecordStore, presence: any PresenceChannel) {
        self.state = state
        self.model = model
        self.screen = screen
        self.clock = clock
        self.wake = wake
        let mailbox = Mailbox(wake: wake)
        self.mailbox = mailbox
        searches = SearchRunner { mailbox.post($0) }
        self.drafts = drafts
        self.store = store
        self.presence = presence
        // A store that says itself when others wrote needs no watch on its local copy.
        watch = FileWatch(paths: (store.changeDescriptor == nil ? [store.readablePath] : []) + (presence.changePath.map { [$0] } ?? []))
    }

    /// Says where this agent is (when it changed, or for the heartbeat), and takes in where
    /// the others are.
    private func exchangePresence(changed: Bool) {
        let now = clock.now()
        presence.publish(state.ownPresence(in: model))
        // The folder may be new (this app made it, or another): watched from now on.
        if presenceWatch < 0, let path = presence.changePath, FileManager.default.fileExists(atPath: path) {
            presenceWatch = watch.add(path)
        }
        let due = now.milliseconds - presenceReadAt >= presence.heartbeatMilliseconds || presenceWatch < 0
        guard changed || due else { return }
        presenceReadAt = now.milliseconds
        let others = presence.others(at: now)
        if others != state.presence { dispatch(.presence(others)) }
    }

    func run() {
        // Wake-ups that said the keyboard had something, and it gave nothing: a terminal
        // closed without a hangup signal does that for ever.
        var emptyReads = 0
        while !quitting {
            if csupport_take_signal() != 0 { return }
            drawIfChanged()
            let woken = waitForWork()
            if woken.hangUp { return }
            if csupport_take_signal() != 0 { return }
            wake.drain()
            let watched = watch.drain()
            if woken.store { store.drainChanges() }
            dispatch(.tick(clock.now()))
            // Without a watch on the inbox, every wake-up looks at the file (one fstat when
            // nothing changed); with one, a second without events looks all the same.
            if woken.store || watched.contains(inboxWatch) || !toldOfChanges || Self.monotonicNanos() - lastFollow >= Self.followAtLeastEvery {
                followPending = true
            }
            var keys = 0
            // Every key that is there, then one frame: a paste or a fast typist costs one draw.
            while !quitting, keys < 256, let input = screen.nextInput() {
                // A key is handled against the file as it stands: a reply that sends is
                // checked against the thread now, not as of the last follow.
                if keys == 0 { follow() }
                keys += 1
                switch input {
                case .key(let key): dispatch(.key(key))
                case .resize:
                    let size = screen.size
                    dispatch(.resize(width: size.width, height: size.height))
                case .other: break
                }
            }
            if woken.keyboard && keys == 0 {
                emptyReads += 1
                if emptyReads > 50 { return }
            } else if keys > 0 {
                emptyReads = 0
            }
            for action in mailbox.takeAll() where !quitting { dispatch(action) }
            if !quitting {
                if followPending && Self.monotonicNanos() - lastFollow >= Self.followSpacing {
                    follow()
                    followedRecords = dirty
                }
                exchangePresence(changed: watched.contains(presenceWatch) || woken.store)
                reportStoreStatus()
            }
        }
    }

    /// Shows whether the store can be reached, and how many records wait for it.
    private func reportStoreStatus() {
        let trouble = store.trouble, waiting = store.waitingAppends
        if trouble != state.storeTrouble || waiting != state.waitingAppends {
            dispatch(.storeStatus(trouble: trouble, waiting: waiting))
        }
    }

    /// Records that never reached the store (it stayed out of reach to the end), as JSON
    /// lines: what the app saves on quit, so that nothing the agent wrote is lost.
    var unstoredLines: [String] { (store as? PostgresStore)?.waitingLines ?? [] }

    /// Renders and draws a frame when an action changed the state or the clock's second
    /// turned; an idle app does neither more often than once a second. The draw writes
    /// only the cells that differ from the screen, and nothing when none do.
    private func drawIfChanged() {
        let second = state.now.milliseconds.floorDivided(by: 1000).0
        guard dirty || second != drawnSecond else { return }
        let now = Self.monotonicNanos()
        // Records' frames are spaced; the clock's, once a second, never wait.
        if dirty && !urgent && !followedRecords && now - lastFrame < Self.frameSpacing { return }
        screen.draw(render(state, model))
        dirty = false
        urgent = false
        followedRecords = false
        drawnSecond = second
        lastFrame = now
    }

    /// How long to sleep: until a frame held back is due; else to the clock's next second
    /// when inotify wakes the loop for the file, else the polling interval.
    private var sleepMilliseconds: Int32 {
        let base: Int32
        if toldOfChanges {
            let intoSecond = clock.now().milliseconds.floorDivided(by: 1000).1
            base = Int32(clamping: 1000 - intoSecond + 1)
        } else {
            base = Self.pollMilliseconds
        }
        var sleep = base
        let now = Self.monotonicNanos()
        if dirty {
            let since = now - lastFrame
            sleep = min(sleep, since >= Self.frameSpacing ? 0 : Int32((Self.frameSpacing - since) / 1_000_000) + 1)
        }
        if followPending {
            let since = now - lastFollow
            sleep = min(sleep, since >= Self.followSpacing ? 0 : Int32((Self.followSpacing - since) / 1_000_000) + 1)
        }
        return sleep
    }

    private static func monotonicNanos() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// Sleeps until a key, a search's batch, a file change or a signal arrives, or the
    /// sleep has gone by.
    private func waitForWork() -> (keyboard: Bool, hangUp: Bool, store: Bool) {
        var fds = [
            pollfd(fd: screen.inputDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wake.readEnd, events: Int16(POLLIN), revents: 0),
            // The inbox and the presence folder (inotify; -1, ignored by poll, without it).
            // While a follow is pending, more changes would only wake the loop early.
            pollfd(fd: followPending ? -1 : watch.descriptor, events: Int16(POLLIN), revents: 0),
            // A database store's notifications (others' records and presence, the server
            // going and coming back).
            pollfd(fd: followPending ? -1 : store.changeDescriptor ?? -1, events: Int16(POLLIN), revents: 0),
        ]
        let ready = poll(&fds, nfds_t(fds.count), sleepMilliseconds)
        // EINTR: a signal (SIGWINCH among them), which the next steps look at.
        guard ready > 0 else { return (false, false, false) }
        let keyboard = fds[0].revents
        return (keyboard & Int16(POLLIN) != 0, keyboard & Int16(POLLHUP | POLLERR | POLLNVAL) != 0, fds[3].revents != 0)
    }

    /// Reduces `action` and runs the effects it returns, and those theirs return.
    private func dispatch(_ action: Action) {
        // The clock's tick changes only what time shows: the second decides that frame.
        switch action {
        case .tick: break
        case .key, .resize: dirty = true; urgent = true
        default: dirty = true
        }
        var queue = reduce(&state, action, model)[...]
        while let effect = queue.popFirst(), !quitting {
            switch effect {
            case .quit:
                quitting = true
            case .saveDraft(let thread, let text):
                do {
                    try drafts.save(text, for: thread)
                } catch {
                    queue.append(contentsOf: reduce(&state, .inboxTrouble("Draft not saved: \(error)"), model))
                }
            case .openEditor(let text):
                let edited = screen.suspended { ExternalEditor.edit(text) }
                // Ctrl-C inside the editor was meant for the editor, not for us;
                // SIGTERM or a hangup meanwhile still ends the session.
                let signal = csupport_take_signal()
                if signal != 0 && signal != SIGINT { quitting = true }
                queue.append(contentsOf: reduce(&state, .editorReturned(edited), model))
            case .append(let line, let unsent):
                do {
                    let outcome = try store.append(lines: [line])
                    if outcome.waiting > 0 {
                        // Kept by the store: in once the server is back, by id, so once.
                        queue.append(contentsOf: reduce(&state, .inboxTrouble("Offline: kept, and stored as soon as the server is back."), model))
                    }
                } catch {
                    // The effects after this one assumed it worked: drop them.
                    queue = reduce(&state, .appendFailed(reason: Self.reason(error, path: store.name), unsent: unsent), model)[...]
                }
                follow()
            case .search(let request):
                searches.start(request, source: model.searchSource())
            case .cancelSearch:
                searches.cancelAll()
            case .redraw:
                screen.repaintAll()
            }
        }
    }

    /// An error's message without the inbox's path in front: the app has one inbox, and the
    /// status line has room for the reason, not for a long path as well.
    private static func reason(_ error: InboxError, path: String) -> String {
        error.message.hasPrefix(path + ": ") ? String(error.message.dropFirst(path.count + 2)) : error.message
    }

    /// Takes in what other processes (and this one) appended, keeping selection and typed text.
    private func follow() {
        followPending = false
        lastFollow = Self.monotonicNanos()
        guard state.following else { return }
        do {
            try store.catchUp()
            let (result, changed) = try model.follow()
            switch result {
            case .appended:
                if !changed.isEmpty { dispatch(.inboxChanged(changed)) }
            case .replaced:
                state.following = false
                dispatch(.inboxTrouble("The inbox file was replaced; restart shiftdesk to read the new one."))
            case .truncated(let size):
                state.following = false
                dispatch(.inboxTrouble("The inbox file was truncated to \(size) bytes; not following it any more."))
            }
        } catch {
            dispatch(.inboxTrouble(error.message))
        }
    }
}
