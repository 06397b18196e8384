import Desk
import InboxFormat
import InboxStore

/// The report screen (`w`): the shift report and the handover, on the whole screen, the
/// same words `shiftdesk report` prints. It covers the day the app started on, up to the
/// clock, and follows the inbox while it shows; `m` narrows it to my own work and back.
public struct ReportScreen: Sendable {
    /// The figures as last worked out.
    public var report: ShiftReport
    /// Only my work (`shiftdesk report --by me`).
    public var mine = false
    public var scroll = 0
    /// Where `Esc` goes back to.
    var returnMode: Mode
    /// When the figures were worked out, on the state's clock.
    var madeAt: Timestamp
    /// Records arrived since: the figures are worked out again once a second has passed.
    var stale = false

    /// The lines as the screen of `state` shows them: a column of margin each side.
    func lines(in state: AppState) -> [ReportText.Line] {
        ReportText(width: state.width - 2, plain: state.plainSymbols).lines(report)
    }
}

extension AppState {
    /// Rows the report's lines get: all but the title bar and the two bottom lines.
    var reportRows: Int { max(1, height - 3) }

    /// The report worked out again, as the clock and the inbox stand now.
    ///
    /// On an outage backlog that walks 167,000 open threads (some 25 ms): records arriving
    /// by the hundred a second must not each pay for it. ``reportChanged(_:)`` and the
    /// clock's tick call this at most once a second.
    mutating func refreshReport(_ model: any ReadModel) {
        guard var screen = reportScreen,
              let report = model.shiftReport(until: now, hours: hours, agent: screen.mine ? agent : nil) else { return }
        screen.report = report
        screen.madeAt = now
        screen.stale = false
        let count = screen.lines(in: self).count
        screen.scroll = min(screen.scroll, max(0, count - reportRows))
        reportScreen = screen
    }
}

extension AppState {
    /// Records arrived while the report shows: worked out again now if a second has passed
    /// since it last was, else marked for the tick to do.
    mutating func reportChanged(_ model: any ReadModel) {
        guard let screen = reportScreen else { return }
        if now.milliseconds - screen.madeAt.milliseconds >= 1000 { refreshReport(model) } else { reportScreen?.stale = true }
    }

    /// The clock moved: a report marked stale is worked out again once its second is up;
    /// every minute it is anyway, as waits and deadlines move.
    mutating func reportTick(_ model: any ReadModel, minuteChanged: Bool) {
        guard let screen = reportScreen else { return }
        if minuteChanged || (screen.stale && now.milliseconds - screen.madeAt.milliseconds >= 1000) { refreshReport(model) }
    }
}

/// `w`: the report screen.
func openReport(_ state: inout AppState, _ model: any ReadModel) {
    guard let report = model.shiftReport(until: state.now, hours: state.hours, agent: nil) else {
        state.message = StatusMessage(text: "No shift report here: it needs the inbox read from the start.", isError: true)
        return
    }
    state.reportScreen = ReportScreen(report: report, returnMode: state.mode, madeAt: state.now)
    state.mode = .report
}

/// Keys on the report screen: scroll, `m` my work or the team's, anything else back.
func reportKey(_ state: inout AppState, _ key: Key, _ model: any ReadModel) -> [Effect] {
    guard var screen = state.reportScreen else {
        state.mode = .queue
        return []
    }
    let count = screen.lines(in: state).count
    let maxScroll = max(0, count - state.reportRows)
    let page = max(1, state.reportRows - 1)
    if key == .char("m") {
        screen.mine.toggle()
        state.reportScreen = screen
        state.refreshReport(model)
        return []
    }
    switch Keymap.command(for: key) {
    case .down: screen.scroll += 1
    case .up: screen.scroll -= 1
    case .pageDown: screen.scroll += page
    case .pageUp: screen.scroll -= page
    case .top: screen.scroll = 0
    case .bottom: screen.scroll = maxScroll
    case .back, .report, .quit:
        state.mode = screen.returnMode
        state.reportScreen = nil
        return []
    default:
        return []
    }
    screen.scroll = min(max(0, screen.scroll), maxScroll)
    state.reportScreen = screen
    return []
}

enum ReportScreenView {
    static func draw(_ state: AppState, into grid: inout Grid) {
        guard let screen = state.reportScreen else { return }
        let lines = screen.lines(in: state)
        let rows = state.reportRows
        let scroll = min(screen.scroll, max(0, lines.count - rows))
        for (i, line) in lines.dropFirst(scroll).prefix(rows).enumerated() {
            grid.put(line.text, x: 1, y: 1 + i, limit: grid.width - 2, style: style(line.kind))
        }
        let below = max(0, lines.count - scroll - rows)
        let whose = screen.mine ? "m: the team's" : "m: only mine"
        let where_ = below > 0 ? "↓ \(below) more · j/k PgDn scroll · " : (scroll > 0 ? "j/k PgUp scroll · " : "")
        grid.put(where_ + whose + " · Esc back · shiftdesk report prints it", x: 0, y: grid.height - 1, limit: grid.width, style: .dim)
    }

    private static func style(_ kind: ReportText.Kind) -> Style {
        switch kind {
        case .title: return Style(.header, bold: true)
        case .heading: return Style(.normal, bold: true)
        case .body: return .normal
        case .chart: return Style(.accent)
        case .quiet: return .dim
        }
    }
}
