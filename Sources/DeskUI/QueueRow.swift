import Desk
import InboxFormat
import InboxStore

/// What the queue row shows of triage: the thread's priority and its response clock.
struct RowTriage {
    var level: PriorityLevel = .normal
    var clock: SLAClock?
}

/// One row of the queue: unread dot, visibility, priority, channel, customer, the time
/// left on its clock (for a snoozed thread, until it comes back; else its age), and as much of the last message as
/// the row has room for.
enum QueueRow {
    /// Columns of the priority marker and its space.
    static let priorityColumns = 2

    static func draw(_ t: ThreadSummary, unread: Bool, selected: Style?, context: QueueRowContext, triage: RowTriage = RowTriage(),
                     presence: String? = nil, into grid: inout Grid, x x0: Int, y: Int, width: Int) {
        let layout = QueueRowLayout(width: width, channelWidth: context.channelWidth, markers: priorityColumns)
        let end = x0 + width
        func style(_ own: Style) -> Style { selected ?? own }
        var x = x0
        x += grid.put(unread ? "●" : " ", x: x, y: y, style: style(Style(.accent, bold: true)))
        x += grid.put(t.visibility == .public ? "p" : "d", x: x, y: y, limit: end - x,
                      style: style(Style(t.visibility == .public ? .accent : .note)))
        // A flag column at the left edge, where an eye scanning down the queue sees it.
        let (mark, markStyle) = marker(triage.level)
        x += grid.put(mark, x: x, y: y, limit: end - x, style: style(markStyle))
        x += grid.put(" ", x: x, y: y, limit: end - x, style: style(.normal))
        if layout.channel > 0 {
            let channel = t.channel.replacingNewlines
            let label = layout.shortChannel ? code(of: channel) : channel
            x += grid.put(DisplayWidth.fit(label, layout.channel) + " ", x: x, y: y, limit: end - x, style: style(.dim))
        }
        if layout.name > 0 {
            let who = t.customer.map { $0.displayName.replacingNewlines } ?? "—"
            x += grid.put(DisplayWidth.fit(who, layout.name) + " ", x: x, y: y, limit: end - x, style: style(Style(.normal, bold: true)))
        }
        // The clock's time left where one runs; for a snoozed thread, how long until it comes
        // back (an age there read like a clock about to run out); else how long ago the
        // thread changed.
        let time: String
        let timeStyle: Style
        if let clock = triage.clock {
            time = ClockText.left(until: clock.due, at: context.now)
            switch ClockText.stage(of: clock, at: context.now) {
            case .overdue: timeStyle = Style(.error, bold: true)
            case .caution: timeStyle = Style(.warning, bold: true)
            case .running: timeStyle = .normal
            }
        } else if let until = t.snoozedUntil, until > context.now {
            // "z" as the snooze key: in the list of every status, not an age (at most three
            // columns follow, see ClockText).
            time = "z" + ClockText.left(until: until, at: context.now)
            timeStyle = .dim
        } else {
            time = t.since.age(at: context.now)
            timeStyle = .dim
        }
        // Both are at most four columns (see ClockText and Timestamp.age).
        x += grid.put(String(repeating: " ", count: max(0, QueueRowLayout.ageColumns - 1 - time.count)) + time + " ",
                      x: x, y: y, limit: end - x, style: style(timeStyle))
        guard x < end else { return }
        // Whose it is, when it is someone's: before the message, where the eye reads on.
        if let owner = t.assignee {
            x += grid.put("⇢\(DisplayWidth.fit(owner.replacingNewlines, 8).trimmingCharacters(in: .whitespaces)) ", x: x, y: y, limit: end - x,
                          style: style(Style(.accent, bold: true)))
            guard x < end else { return }
        }
        // An answer that did not go out (or may not have): the customer still waits for it.
        if let report = t.lastReplyReport {
            // Words in brackets: read the same without colour or UTF-8.
            let problem = report.state == .failed ? "[reply failed]" : report.isStaleClaim(at: context.now) ? "[reply unknown]" : nil
            if let problem {
                x += grid.put(problem + " ", x: x, y: y, limit: end - x, style: style(Style(.error, bold: true)))
                guard x < end else { return }
            }
        }
        // Who else has it open: before two agents answer one person.
        if let presence {
            x += grid.put(presence + " ", x: x, y: y, limit: end - x, style: style(Style(.warning, bold: true)))
            guard x < end else { return }
        }
        let text = preview(t.lastInboundText ?? "", droppingMentionsOf: context.companyHandles)
        grid.put(TextSafety.singleLine(String(text), maxScalars: width * 2), x: x, y: y, limit: end - x, style: style(.dim))
    }

    /// The priority marker: readable without colour (`!!`, `! `, `↓ `), blank for normal.
    static func marker(_ level: PriorityLevel) -> (String, Style) {
        switch level {
        case .urgent: return ("!!", Style(.error, bold: true))
        case .high: return ("! ", Style(.warning, bold: true))
        case .normal: return ("  ", .normal)
        case .low: return ("↓ ", .dim)
        }
    }

    /// Two letters for a channel when its name does not fit: the ones agents say, else the
    /// name's first two.
    static func code(of channel: String) -> String {
        switch channel.lowercased() {
        case "twitter": return "tw"
        case "facebook": return "fb"
        case "instagram": return "ig"
        case "telegram": return "tg"
        case "email", "e-mail": return "em"
        case "whatsapp": return "wa"
        default: return String(channel.prefix(2))
        }
    }

    /// The message without the company's own @handles it starts with, as Twitter's apps
    /// show a reply: `@shopwave @shopwave_help where is my order` is about the order, and
    /// those columns are the scarce ones. A customer's @mention stops the stripping; a
    /// message that is nothing but the company's handles is shown whole.
    static func preview(_ text: String, droppingMentionsOf handles: Set<String>) -> Substring {
        guard !handles.isEmpty else { return text[...] }
        var rest = text[...]
        while true {
            let mention = rest.drop { $0.isWhitespace }
            guard mention.first == "@" else { break }
            var handle = mention.dropFirst().prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
            // A full stop after a handle ends the sentence; it is not part of the handle.
            while handle.last == "." { handle = handle.dropLast() }
            guard !handle.isEmpty, handles.contains(handle.lowercased()) else { break }
            var after = mention.dropFirst(1 + handle.count)
            if let c = after.first, c == "," || c == ":" || c == "." { after = after.dropFirst() }
            guard after.first?.isWhitespace ?? true else { break }
            rest = after
        }
        let message = rest.drop { $0.isWhitespace }
        return message.isEmpty ? text[...] : message
    }
}

/// How a queue row shares its width. The unread dot, the visibility letter and the age
/// (compact, so three columns always hold it) are always there; the message keeps at
/// least `minimumPreview` columns; the customer's name and the channel take what is left,
/// the channel shrinking to two letters, and then going, before the name gets too short
/// to recognise.
struct QueueRowLayout: Equatable {
    static let minimumPreview = 12
    /// The unread dot, the visibility letter, and the space after the priority flag.
    static let lead = 3
    /// The clock (`-12m`) or the age right-aligned in four columns, and a space.
    static let ageColumns = 5
    /// Longer channel names are cut: past nine columns the name is worth less than the message.
    static let longestChannel = 9

    /// Columns of the channel (0: not shown), and whether it is shortened to its code.
    var channel = 0
    var shortChannel = false
    /// Columns of the customer's name (0: not shown).
    var name = 0
    var preview = 0

    /// `channelWidth`: the widest channel name in the inbox, 0 when it has a single channel.
    /// `markers`: the columns that other markers of the row (priority, owner, …) take.
    init(width: Int, channelWidth: Int, markers: Int = 0) {
        let fixed = Self.lead + Self.ageColumns + markers
        // Left for the channel and the name, each with the space after it.
        let rest = width - fixed - Self.minimumPreview
        let wantedName = min(18, max(8, width / 4))
        let fullChannel = min(channelWidth, Self.longestChannel)
        if fullChannel > 0 {
            if rest >= fullChannel + 1 + wantedName + 1 {
                channel = fullChannel
            } else if rest >= 3 + 7 {
                // The code and its space, and still a name of six.
                channel = 2
                shortChannel = true
            }
        }
        let channelColumns = channel > 0 ? channel + 1 : 0
        name = min(wantedName, rest - channelColumns - 1)
        // Two letters and an ellipsis name nobody.
        if name < 3 { name = 0 }
        preview = max(0, width - fixed - channelColumns - (name > 0 ? name + 1 : 0))
    }
}

/// What every row needs from the whole inbox, worked out once per change of the inbox
/// rather than once per row.
public struct QueueRowContext {
    /// The widest channel name, or 0 when the inbox has only one channel and naming it on
    /// every row tells nothing.
    var channelWidth: Int
    /// The company's own handles, lowercased, without `@`.
    var companyHandles: Set<String>
    var now: Timestamp
}
