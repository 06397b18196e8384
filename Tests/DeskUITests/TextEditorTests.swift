import Testing
@testable import DeskUI

/// The compose editor's operations, with Cyrillic, emoji and CJK.
@Suite struct TextEditorTests {
    @Test func typeMoveInsertAndDeleteAnywhere() {
        var e = TextEditor()
        e.insert("Привет")
        e.insert(",")
        e.insert(" мир")
        #expect(e.text == "Привет, мир")
        e.moveWordLeft()
        e.insert("весь ")
        #expect(e.text == "Привет, весь мир")
        e.moveHome()
        e.deleteForward()
        #expect(e.text == "ривет, весь мир")
        e.moveEnd()
        e.backspace()
        #expect(e.text == "ривет, весь ми")
        e.deleteWordBackward()
        #expect(e.text == "ривет, весь ")
    }

    @Test func emojiWithSkinToneAndAccentsMoveAsOneCharacter() {
        var e = TextEditor("ok 👍🏽 e\u{301}")
        e.moveLeft()  // over é: one character, two scalars
        e.moveLeft()  // over the space
        e.backspace()  // the thumb and its skin tone go together
        #expect(e.text == "ok  e\u{301}")
    }

    @Test func upAndDownKeepTheColumn() {
        var e = TextEditor("first line\nab\nthird line")
        e.moveVertically(-1)  // from the end of "third line" to the end of "ab"
        e.insert("X")
        #expect(e.text == "first line\nabX\nthird line")
        e.moveVertically(-1)
        e.insert("Y")
        #expect(e.text == "firYst line\nabX\nthird line")
    }

    @Test func undoTakesBackARunOfTypingAtOnce() {
        var e = TextEditor("Hi Anna")
        e.insert(",")
        e.insert(" ")
        e.insert("t")
        e.insert("a")
        e.backspace()
        e.undo()
        #expect(e.text == "Hi Anna, ta")
        e.undo()
        #expect(e.text == "Hi Anna")
        e.replaceAll(with: "template text")
        e.undo()
        #expect(e.text == "Hi Anna")
    }

    @Test func wrapsAtWordsAndPlacesTheCursorWithWideCharacters() {
        let e = TextEditor("你好 world, привет мир")
        let layout = e.layout(width: 10)
        #expect(layout.lines == ["你好 world", ", привет ", "мир"])
        #expect(layout.cursorRow == 2 && layout.cursorColumn == 3)
        // (The cursor after a full last line sits at the start of the next one.)
        #expect(TextEditor("aaa bbb ccc").layout(width: 3).lines == ["aaa ", "bbb ", "ccc", ""], "no line starts with the space it wrapped at")
        var f = TextEditor("ab\ncd")
        f.moveHome()
        let l2 = f.layout(width: 10)
        #expect(l2.lines == ["ab", "cd"] && l2.cursorRow == 1 && l2.cursorColumn == 0)
    }
}
