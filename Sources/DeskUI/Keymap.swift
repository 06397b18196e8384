/// What a key asks the app to do in the queue or the conversation.
public enum Command: Hashable, Sendable {
    case viewPublic, viewPrivate, viewAll, viewMine, viewUnassigned, cycleView, previousView
    case down, up, pageDown, pageUp, top, bottom
    case open, back
    case filter, cycleStatus
    case resolve, undo, note, reply, template, moveToPrivate
    case priority, snooze, toggleOrder, jumpToDeadline
    case surges, dismissSurge, pin, unpin, batch, followUp, assign, assignTo, report
    case help, quit
}

/// One line of the keymap: the keys, what they do, how help explains it, and the short
/// hint the status line shows (nil: help only).
public struct Binding: Sendable {
    public var keys: [Key]
    public var command: Command
    public var help: String
    public var hint: String?
}

/// The keymap is data: it drives the reducer, the help overlay and the status-line hints,
/// so the three can never disagree.
public enum Keymap {
    public static let bindings: [Binding] = [
        Binding(keys: [.char("1")], command: .viewPublic, help: "Public view", hint: nil),
        Binding(keys: [.char("2")], command: .viewPrivate, help: "Private view", hint: nil),
        Binding(keys: [.char("3")], command: .viewAll, help: "All threads", hint: nil),
        Binding(keys: [.char("4")], command: .viewMine, help: "Mine", hint: nil),
        Binding(keys: [.char("5")], command: .viewUnassigned, help: "Nobody's (unassigned)", hint: nil),
        Binding(keys: [.tab], command: .cycleView, help: "Next view", hint: "1-5 view"),
        Binding(keys: [.backTab], command: .previousView, help: "Previous view", hint: nil),
        Binding(keys: [.char("j"), .down], command: .down, help: "Next; scroll down", hint: nil),
        Binding(keys: [.char("k"), .up], command: .up, help: "Previous; scroll up", hint: "j/k move"),
        Binding(keys: [.pageDown, .ctrl("f")], command: .pageDown, help: "Page down", hint: nil),
        Binding(keys: [.pageUp, .ctrl("b")], command: .pageUp, help: "Page up", hint: nil),
        Binding(keys: [.char("g"), .home], command: .top, help: "First thread; top", hint: nil),
        Binding(keys: [.char("G"), .end], command: .bottom, help: "Last thread; end", hint: nil),
        Binding(keys: [.enter, .right, .char("l")], command: .open, help: "Open the conversation", hint: "Enter open"),
        Binding(keys: [.escape, .left, .char("h")], command: .back, help: "Back; clear the filter", hint: nil),
        Binding(keys: [.char("/")], command: .filter, help: "Filter by text or name", hint: "/ filter"),
        Binding(keys: [.char("s")], command: .cycleStatus, help: "Status: open, waiting, …", hint: "s status"),
        Binding(keys: [.char("x")], command: .resolve, help: "Resolve the thread", hint: "x resolve"),
        Binding(keys: [.char("u")], command: .undo, help: "Undo the last action", hint: "u undo"),
        Binding(keys: [.char("p")], command: .priority, help: "Priority: next level", hint: nil),
        Binding(keys: [.char("z")], command: .snooze, help: "Snooze until…", hint: "z snooze"),
        Binding(keys: [.char("o")], command: .toggleOrder, help: "Sort: deadline/waiting", hint: nil),
        Binding(keys: [.char("J")], command: .jumpToDeadline, help: "Jump to next deadline", hint: nil),
        Binding(keys: [.char("S")], command: .surges, help: "Surge: who wrote", hint: nil),
        Binding(keys: [.char("D")], command: .dismissSurge, help: "Dismiss the surge", hint: nil),
        Binding(keys: [.char("B")], command: .batch, help: "Answer the surge, each", hint: nil),
        Binding(keys: [.char("F")], command: .followUp, help: "Fixed: follow up, each", hint: nil),
        Binding(keys: [.char("P")], command: .pin, help: "Pin an announcement", hint: nil),
        Binding(keys: [.char("U")], command: .unpin, help: "Take a pin down", hint: nil),
        Binding(keys: [.char("a")], command: .assign, help: "Mine / nobody's", hint: nil),
        Binding(keys: [.char("A")], command: .assignTo, help: "Give to an agent…", hint: nil),
        Binding(keys: [.char("n")], command: .note, help: "Add an internal note", hint: "n note"),
        Binding(keys: [.char("R"), .char("r")], command: .reply, help: "Reply (or its draft)", hint: "r reply"),
        Binding(keys: [.char("t")], command: .template, help: "Reply from a template", hint: "t template"),
        Binding(keys: [.char("m")], command: .moveToPrivate, help: "Move to private (DM)", hint: nil),
        Binding(keys: [.char("w")], command: .report, help: "Shift report; handover", hint: nil),
        Binding(keys: [.char("?")], command: .help, help: "This help", hint: "? help"),
        Binding(keys: [.char("q")], command: .quit, help: "Quit; asks if note unsent", hint: "q quit"),
    ]

    private static let byKey: [Key: Command] = {
        var map: [Key: Command] = [:]
        for binding in bindings { for key in binding.keys { map[key] = binding.command } }
        return map
    }()

    /// The command a key is bound to.
    public static func command(for key: Key) -> Command? { byKey[key] }

    /// Keys while writing a reply, for the help overlay and the compose pane's hints.
    public static let composeKeys: [(keys: String, help: String)] = [
        ("Ctrl-S", "Send, after the check"),
        ("Ctrl-X", "Send and resolve"),
        ("Ctrl-N", "Batch: skip this one"),
        ("Ctrl-E", "Edit in $EDITOR"),
        ("Ctrl-U", "Undo"),
        ("Ctrl-W", "Delete the word before"),
        ("Ctrl-B Ctrl-F", "Word left / right"),
        ("Home End", "Line start / end"),
        ("Esc", "Leave; keep the draft"),
    ]

    /// The status line's hints, in keymap order.
    public static var hints: [String] { bindings.compactMap(\.hint) }
}
