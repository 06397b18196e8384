/// What a key asks the app to do in the queue or the conversation.
public enum Command: Hashable, Sendable {
    case viewPublic, viewPrivate, viewAll, cycleView
    case down, up, pageDown, pageUp, top, bottom
    case open, back
    case filter, cycleStatus
    case resolve, undoResolve, note, reply, template
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
        Binding(keys: [.char("1")], command: .viewPublic, help: "Public view: tweets, comments", hint: nil),
        Binding(keys: [.char("2")], command: .viewPrivate, help: "Private view: DMs, e-mail", hint: nil),
        Binding(keys: [.char("3")], command: .viewAll, help: "All threads", hint: nil),
        Binding(keys: [.tab], command: .cycleView, help: "Next view (Public → Private → All)", hint: "1/2/3 view"),
        Binding(keys: [.char("j"), .down], command: .down, help: "Next thread (in a conversation: scroll down)", hint: nil),
        Binding(keys: [.char("k"), .up], command: .up, help: "Previous thread (in a conversation: scroll up)", hint: "j/k move"),
        Binding(keys: [.pageDown, .ctrl("f")], command: .pageDown, help: "Page down", hint: nil),
        Binding(keys: [.pageUp, .ctrl("b")], command: .pageUp, help: "Page up", hint: nil),
        Binding(keys: [.char("g"), .home], command: .top, help: "First thread (top of the conversation)", hint: nil),
        Binding(keys: [.char("G"), .end], command: .bottom, help: "Last thread (end of the conversation)", hint: nil),
        Binding(keys: [.enter, .right, .char("l")], command: .open, help: "Focus the conversation", hint: "Enter open"),
        Binding(keys: [.escape, .left, .char("h")], command: .back, help: "Back to the queue; clear the filter", hint: nil),
        Binding(keys: [.char("/")], command: .filter, help: "Filter the queue by text, customer or channel", hint: "/ filter"),
        Binding(keys: [.char("s")], command: .cycleStatus, help: "Status shown: open → waiting → resolved → snoozed → all", hint: "s status"),
        Binding(keys: [.char("x")], command: .resolve, help: "Resolve the selected thread", hint: "x resolve"),
        Binding(keys: [.char("u")], command: .undoResolve, help: "Undo the last resolve (reopens it)", hint: "u undo"),
        Binding(keys: [.char("n")], command: .note, help: "Add an internal note to the thread", hint: "n note"),
        Binding(keys: [.char("R"), .char("r")], command: .reply, help: "Reply (brings back an unsent draft)", hint: "r reply"),
        Binding(keys: [.char("t")], command: .template, help: "Reply from a template: pick, then make it personal", hint: "t template"),
        Binding(keys: [.char("?")], command: .help, help: "This help", hint: "? help"),
        Binding(keys: [.char("q")], command: .quit, help: "Quit (asks only if a note is unsent)", hint: "q quit"),
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
        ("Ctrl-S", "Send the reply (after the personal-touch check)"),
        ("Ctrl-X", "Send and resolve the thread"),
        ("Ctrl-E", "Edit the reply in $VISUAL / $EDITOR"),
        ("Ctrl-U", "Undo"),
        ("Ctrl-W", "Delete the word before the cursor"),
        ("Ctrl-B Ctrl-F", "Word left / right"),
        ("Home End", "Start / end of the line"),
        ("Esc", "Leave the reply; it stays as a draft"),
    ]

    /// The status line's hints, in keymap order.
    public static var hints: [String] { bindings.compactMap(\.hint) }
}
