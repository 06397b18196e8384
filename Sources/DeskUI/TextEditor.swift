import Desk
import InboxFormat
import InboxStore

/// A multi-line text being composed: characters (grapheme clusters, so an emoji with its
/// skin tone or a letter with its accent moves as one), a cursor, and undo.
public struct TextEditor: Equatable, Sendable {
    public private(set) var characters: [Character]
    /// The cursor, as an index into `characters` (0...count).
    public private(set) var cursor: Int
    private var undoStack: [Snapshot] = []
    /// What the last edit was, so a run of typing undoes as one step.
    private var lastEdit: EditKind = .none

    private struct Snapshot: Equatable, Sendable {
        var characters: [Character]
        var cursor: Int
    }

    private enum EditKind: Equatable, Sendable { case none, typing, deleting, other }

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    // MARK: Editing

    private mutating func remember(_ kind: EditKind) {
        if kind == .other || kind != lastEdit {
            undoStack.append(Snapshot(characters: characters, cursor: cursor))
            if undoStack.count > 200 { undoStack.removeFirst() }
        }
        lastEdit = kind
    }

    public mutating func insert(_ text: String) {
        guard !text.isEmpty else { return }
        remember(text.count == 1 && text != "\n" ? .typing : .other)
        characters.insert(contentsOf: Array(text), at: cursor)
        cursor += text.count
    }

    /// Deletes the character before the cursor.
    public mutating func backspace() {
        guard cursor > 0 else { return }
        remember(.deleting)
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    /// Deletes the character under the cursor.
    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        remember(.deleting)
        characters.remove(at: cursor)
    }

    /// Deletes the word before the cursor (Ctrl-W).
    public mutating func deleteWordBackward() {
        let start = wordStart(before: cursor)
        guard start < cursor else { return }
        remember(.other)
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    /// Replaces everything, as one undoable step (a template, the text back from $EDITOR).
    public mutating func replaceAll(with text: String) {
        remember(.other)
        characters = Array(text)
        cursor = characters.count
    }

    public mutating func undo() {
        guard let last = undoStack.popLast() else { return }
        characters = last.characters
        cursor = last.cursor
        lastEdit = .none
    }

    // MARK: Moving

    public mutating func moveLeft() { cursor = max(0, cursor - 1); lastEdit = .none }
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1); lastEdit = .none }

    /// Start of the current line.
    public mutating func moveHome() { cursor = lineStart(of: cursor); lastEdit = .none }

    /// End of the current line.
    public mutating func moveEnd() {
        var i = cursor
        while i < characters.count && characters[i] != "\n" { i += 1 }
        cursor = i
        lastEdit = .none
    }

    public mutating func moveWordLeft() { cursor = wordStart(before: cursor); lastEdit = .none }

    public mutating func moveWordRight() {
        var i = cursor
        while i < characters.count && !isWordCharacter(characters[i]) { i += 1 }
        while i < characters.count && isWordCharacter(characters[i]) { i += 1 }
        cursor = i
        lastEdit = .none
    }

    /// Up or down one line, keeping the column where the line is long enough.
    public mutating func moveVertically(_ delta: Int) {
        let start = lineStart(of: cursor)
        let column = cursor - start
        var target = start
        if delta < 0 {
            guard start > 0 else { cursor = 0; return }
            target = lineStart(of: start - 1)
        } else {
            var i = cursor
            while i < characters.count && characters[i] != "\n" { i += 1 }
            guard i < characters.count else { cursor = characters.count; return }
            target = i + 1
        }
        var end = target
        while end < characters.count && characters[end] != "\n" { end += 1 }
        cursor = min(target + column, end)
        lastEdit = .none
    }

    private func lineStart(of index: Int) -> Int {
        var i = index
        while i > 0 && characters[i - 1] != "\n" { i -= 1 }
        return i
    }

    private func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "'" || c == "’" }

    private func wordStart(before index: Int) -> Int {
        var i = index
        while i > 0 && !isWordCharacter(characters[i - 1]) { i -= 1 }
        while i > 0 && isWordCharacter(characters[i - 1]) { i -= 1 }
        return i
    }

    // MARK: Layout

    /// The text wrapped at word boundaries to `width` columns, and where the cursor is
    /// in it (row, column), for drawing.
    public func layout(width: Int) -> (lines: [String], cursorRow: Int, cursorColumn: Int) {
        let width = max(2, width)
        var lines: [String] = [""]
        var widths: [Int] = [0]
        var cursorRow = 0
        var cursorColumn = 0
        var i = 0
        // Lay out word by word, so a word that does not fit moves to the next line whole.
        while i <= characters.count {
            if i == cursor { cursorRow = lines.count - 1; cursorColumn = widths[widths.count - 1] }
            guard i < characters.count else { break }
            let c = characters[i]
            if c == "\n" {
                lines.append("")
                widths.append(0)
                i += 1
                continue
            }
            var end = i
            if isWordCharacter(c) { while end < characters.count && isWordCharacter(characters[end]) { end += 1 } } else { end = i + 1 }
            let word = characters[i..<end]
            let wordWidth = word.reduce(0) { $0 + max(1, DisplayWidth.of(String($1))) }
            // A space that does not fit stays at the end of its line, where it is invisible,
            // rather than starting the next one.
            if c == " " && widths[widths.count - 1] + 1 > width {
                if i == cursor { cursorRow = lines.count - 1; cursorColumn = widths[widths.count - 1] }
                lines[lines.count - 1].append(c)
                widths[widths.count - 1] += 1
                i += 1
                continue
            }
            if widths[widths.count - 1] > 0 && widths[widths.count - 1] + wordWidth > width && wordWidth <= width {
                lines.append("")
                widths.append(0)
            }
            for (k, ch) in word.enumerated() {
                let w = max(1, DisplayWidth.of(String(ch)))
                if widths[widths.count - 1] + w > width {
                    lines.append("")
                    widths.append(0)
                }
                if i + k == cursor { cursorRow = lines.count - 1; cursorColumn = widths[widths.count - 1] }
                lines[lines.count - 1].append(ch)
                widths[widths.count - 1] += w
            }
            i = end
        }
        if cursorColumn >= width { cursorRow += 1; cursorColumn = 0; if cursorRow >= lines.count { lines.append("") } }
        return (lines, cursorRow, cursorColumn)
    }
}
