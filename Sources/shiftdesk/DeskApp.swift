import CSupport
import DeskUI
import Foundation
import Desk
import InboxFormat
import InboxStore

/// The full-screen app: the loop that feeds keys, ticks and file changes to `reduce`,
/// runs the effects it returns, and draws `render(state)` after each.
@MainActor
enum DeskApp {
    static func run(path: String, agent: String, templates: [TemplateSource], clock: RunningClock) throws {
        let screen = try CursesScreen()
        defer { screen.end() }
        var state = try load(path: path, agent: agent, screen: screen, now: clock.now())
        state.templates = TemplateLibrary(sources: templates)
        do {
            let config = try Config.load(path: Config.standardPath())
            state.limits = ChannelLimits(publicLimits: config.publicLimits)
            state.disabledChecks = config.disabledChecks
            state.replies.accounts = config.accounts
            state.language = config.language
            state.hours = config.hours
        } catch {
            state.message = StatusMessage(text: "Config not used: \(error.problem)", isError: true)
        }
        let drafts = DraftStore.standard()
        state.drafts = drafts.loadAll()
        if let problem = state.templates.problems.first {
            state.message = StatusMessage(text: "Template skipped: \(problem)", isError: true)
        }
        let appender = InboxAppender(path: path)
        var instantTicks = 0
        loop: while true {
            if csupport_take_signal() != 0 { break }
            screen.draw(render(state))
            var effects: [Effect]
            let waitStart = clock.now()
            let input = screen.read()
            // A tick that comes back at once, again and again, means the terminal is gone
            // (closed without a hangup signal): stop rather than spin.
            if case .tick = input, clock.now().milliseconds - waitStart.milliseconds < 5 {
                instantTicks += 1
                if instantTicks > 50 { break }
            } else {
                instantTicks = 0
            }
            switch input {
            case .key(let key):
                effects = reduce(&state, .key(key))
            case .resize:
                let size = screen.size
                effects = reduce(&state, .resize(width: size.width, height: size.height))
            case .tick:
                effects = reduce(&state, .tick(clock.now()))
                effects += follow(state.inbox, &state)
            }
            var queue = effects[...]
            while let effect = queue.popFirst() {
                switch effect {
                case .quit:
                    break loop
                case .saveDraft(let thread, let text):
                    do {
                        try drafts.save(text, for: thread)
                    } catch {
                        _ = reduce(&state, .inboxTrouble("Draft not saved: \(error)"))
                    }
                case .openEditor(let text):
                    let edited = screen.suspended { ExternalEditor.edit(text) }
                    // Ctrl-C inside the editor was meant for the editor, not for us;
                    // SIGTERM or a hangup meanwhile still ends the session.
                    let signal = csupport_take_signal()
                    if signal != 0 && signal != SIGINT { break loop }
                    queue.append(contentsOf: reduce(&state, .editorReturned(edited)))
                case .append(let line, let unsent):
                    do {
                        try appender.append(line: line)
                    } catch {
                        // The effects after this one assumed it worked: drop them.
                        queue = reduce(&state, .appendFailed(reason: reason(error, path: path), unsent: unsent))[...]
                    }
                    _ = follow(state.inbox, &state)
                }
            }
        }
    }

    /// Reads the inbox with a progress line, so a large file never means a blank wait.
    private static func load(path: String, agent: String, screen: CursesScreen, now: Timestamp) throws -> AppState {
        let size = screen.size
        var lastShown = -1
        let inbox = try Inbox(path: path) { fraction in
            let percent = Int(fraction * 100)
            guard percent != lastShown else { return }
            lastShown = percent
            var grid = Grid(width: size.width, height: size.height)
            grid.put("Loading \(path) … \(percent)%", x: 1, y: size.height / 2)
            let barWidth = max(0, size.width - 2)
            grid.put(String(repeating: "█", count: barWidth * percent / 100), x: 1, y: size.height / 2 + 1, style: Style(.accent))
            MainActor.assumeIsolated { screen.draw(grid) }
        }
        var state = AppState(inbox: inbox, agent: agent, now: now, width: size.width, height: size.height)
        if !inbox.problems.isEmpty {
            state.message = StatusMessage(text: "\(inbox.problems.count) malformed lines skipped: see shiftdesk check \(path)", isError: true)
        }
        return state
    }

    /// An error's message without the inbox's path in front: the app has one inbox, and the
    /// status line has room for the reason, not for a long path as well.
    private static func reason(_ error: InboxError, path: String) -> String {
        error.message.hasPrefix(path + ": ") ? String(error.message.dropFirst(path.count + 2)) : error.message
    }

    /// Takes in what other processes appended, keeping selection and typed text.
    private static func follow(_ inbox: Inbox, _ state: inout AppState) -> [Effect] {
        guard state.following else { return [] }
        do {
            switch try inbox.follow() {
            case .appended:
                return reduce(&state, .inboxChanged(inbox.takeChangedThreads()))
            case .replaced:
                state.following = false
                return reduce(&state, .inboxTrouble("The inbox file was replaced; restart shiftdesk to read the new one."))
            case .truncated(let size):
                state.following = false
                return reduce(&state, .inboxTrouble("The inbox file was truncated to \(size) bytes; not following it any more."))
            }
        } catch {
            return reduce(&state, .inboxTrouble(error.message))
        }
    }
}
