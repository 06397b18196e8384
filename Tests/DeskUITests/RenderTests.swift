import Foundation
import Testing
@testable import DeskUI
import Desk
import InboxFormat
import InboxStore

/// A scratch copy of an inbox, so tests that append never touch the packaged sample.
final class ScratchInbox {
    let path: String
    init(copying source: String? = nil, lines: [String] = []) throws {
        path = NSTemporaryDirectory() + "deskui-\(UUID().uuidString).jsonl"
        if let source {
            try FileManager.default.copyItem(atPath: source, toPath: path)
        } else {
            try (lines.map { $0 + "\n" }.joined()).write(toFile: path, atomically: true, encoding: .utf8)
        }
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

let samplePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Resources/sample-inbox.jsonl").path
let shiftEnd = Timestamp.parse("2026-11-20T18:30:00Z")!

func state(_ path: String = samplePath, width: Int = 80, height: Int = 24) throws -> TestApp {
    try TestApp(path: path, width: width, height: height)
}

/// Screens of the main states, compared with the text an agent would see.
@Suite struct RenderTests {
    @Test func queueAt80x24() throws {
        let lines = render(try state()).text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 24)
        // The sample holds one reply that failed to go out: the title says so before the clocks.
        #expect(lines[0] == " olga │ Public 15  Private 4 [All 19] │ ⚠ 1 reply failed │ 15 overdue · 1 due in")
        #expect(lines[1].hasPrefix(" 📌 olga, 17:55 (+1 more): We're offline from 18:00 to 09:00 UTC."), "who pinned it, since when, then the text")
        #expect(lines[2] == " All · open · 19 · by deadline      │ tw-6001 · public · twitter · open · overdu")
        #expect(lines[3].hasPrefix("●p   tw Jake Bro…  -7h checkout keep│"), "without the leading @shopwave")
        #expect(lines[14].hasPrefix("●d   tg Дмитрий …  -4h 15:40, курьер│"), "private: four hours to answer")
        #expect(lines[18].hasPrefix("●p   vk Вера Мир…   3m Спасибо за бы│"), "due in three minutes")
        #expect(lines[23] == "1-5 view · j/k move · Enter open · / filter · s status · x resolve · u undo · z")
    }

    @Test func threadOpenAt120x40() throws {
        var s = try state(width: 120, height: 40)
        _ = reduce(&s, .key(.char("1")))
        _ = reduce(&s, .key(.char("j")))
        _ = reduce(&s, .key(.enter))
        #expect(s.mode == .conversation)
        let text = render(s).text
        #expect(text.contains("│ tw-6003 · public · twitter · open · overdue 7h · Sam Rivera (@sam_r)"))
        #expect(text.contains("│ ← Sam Rivera · 2026-11-20 10:10Z"))
        #expect(text.contains("│   is @shopwave down? can't pay for anything"))
        #expect(text.contains(" olga │[Public 15] Private 4  All 19  │ ⚠ 1 reply failed │ 15 overdue · 1 due in 15 min │ open │ resolved 0"))
    }

    @Test func outboundRepliesShowDeliveryAndNotesStandApart() throws {
        var s = try state(width: 120, height: 40)
        _ = reduce(&s, .key(.char("s")))  // waiting
        _ = reduce(&s, .key(.char("s")))  // resolved
        let list = s.visibleThreads.map { s.summary(of: $0).id }
        let index = try #require(list.firstIndex(of: "tw-dm-7001"))
        for _ in 0..<index { _ = reduce(&s, .key(.down)) }
        let text = render(s).text
        #expect(text.contains("→ @shopwave · olga · 2026-11-20 10:47Z · sent"))
        #expect(text.contains("✎ note · olga · 2026-11-20 10:48Z"))
        #expect(text.contains("  ┆ Продлила промокод BF-ANNA-58877"))
        #expect(text.contains("Same customer: Анна Кузнецова"))
        #expect(text.contains("pub twitter tw-6002 · resolved"))
    }

    @Test func helpListsEveryKeyFromTheKeymap() throws {
        var s = try state(width: 120, height: 40)
        _ = reduce(&s, .key(.char("?")))
        let text = render(s).text
        for binding in Keymap.bindings {
            #expect(text.contains(binding.help), "help shows \(binding.help)")
            #expect(text.contains(binding.keys.map(\.label).joined(separator: " ")))
        }
        #expect(text.contains(" Keys · Ctrl-L redraws the screen "), "the key of every mode, on the frame")
        _ = reduce(&s, .key(.char("z")))
        #expect(s.mode == .queue, "any key closes help")
    }

    @Test func helpAt80x24ShowsEveryKeyWithinOneScroll() throws {
        var s = try state()
        _ = reduce(&s, .key(.char("?")))
        let top = render(s).text
        for key in Keymap.composeKeys { #expect(top.contains(key.help), "\(key.help) at 80x24") }
        _ = reduce(&s, .key(.char("G")))
        let end = render(s).text
        for binding in Keymap.bindings {
            #expect(top.contains(binding.help) || end.contains(binding.help), "\(binding.help) at 80x24")
        }
    }

    @Test func helpTallerThanTheScreenScrolls() throws {
        var s = try state(width: 80, height: 12)
        let keys = Keymap.bindings.map(\.help)
        // Ten rows between the borders; the queue's keys are the longer column.
        let below = keys.count - 10
        _ = reduce(&s, .key(.char("?")))
        var text = render(s).text
        #expect(text.contains(keys[0]))
        #expect(!text.contains(keys[keys.count - 1]), "the last key is below the first screen")
        #expect(text.contains("↓ \(below) more · j/k PgDn scroll · Esc closes"))
        _ = reduce(&s, .key(.char("j")))
        text = render(s).text
        #expect(!text.contains(keys[0]) && text.contains(keys[1]))
        #expect(text.contains("↑ 1 more") && text.contains("↓ \(below - 1) more"))
        // Pages down to the end, however many keys there are.
        for _ in 0..<(below / 9 + 1) { _ = reduce(&s, .key(.pageDown)) }
        text = render(s).text
        #expect(text.contains(keys[keys.count - 1]), "the last key, after scrolling")
        #expect(text.contains("Esc closes this help") && !text.contains("more ·"), "nothing more below")
        _ = reduce(&s, .key(.down))
        #expect(render(s).text == text, "scrolling stops at the end")
        _ = reduce(&s, .key(.char("k")))
        #expect(render(s).text.contains("↓ 1 more"))
        _ = reduce(&s, .key(.char("g")))
        #expect(render(s).text.contains(keys[0]))
        _ = reduce(&s, .key(.up))
        #expect(s.helpScroll == 0)
        _ = reduce(&s, .key(.end))
        #expect(render(s).text.contains(keys[keys.count - 1]))
        _ = reduce(&s, .key(.pageUp))
        text = render(s).text
        #expect(text.contains("↑ \(below - 9) more") && text.contains(keys[below - 9]), "a page is the screen less one row")
        #expect(s.mode == .help, "moving keys never close it")
    }

    @Test func escQAndQuestionMarkCloseTheHelpAndItReopensAtTheTop() throws {
        var s = try state(width: 80, height: 12)
        for key: Key in [.escape, .char("q"), .char("?")] {
            _ = reduce(&s, .key(.char("?")))
            _ = reduce(&s, .key(.char("G")))
            #expect(reduce(&s, .key(key)) == [], "\(key.label) closes the help, it does not quit")
            #expect(s.mode == .queue)
            #expect(!render(s).text.contains("Keys"))
        }
        _ = reduce(&s, .key(.char("?")))
        #expect(render(s).text.contains("Public view"))
    }

    @Test func filterNarrowsTheQueueLiveAndEscClearsIt() throws {
        var s = try state(width: 120, height: 40)
        _ = reduce(&s, .key(.char("/")))
        for c in "vk" { _ = reduce(&s, .key(.char(c))) }
        #expect(s.visibleThreads.map { s.summary(of: $0).channel }.allSatisfy { $0 == "vk" })
        #expect(s.visibleThreads.count == 4)
        #expect(render(s).text.contains("/vk█"))
        _ = reduce(&s, .key(.enter))
        #expect(s.mode == .queue && s.visibleThreads.count == 4, "Enter keeps the filter")
        _ = reduce(&s, .key(.escape))
        #expect(s.visibleThreads.count == 19)
        _ = reduce(&s, .key(.char("/")))
        for c in "Кузнец" { _ = reduce(&s, .key(.char(c))) }
        _ = reduce(&s, .key(.enter))
        #expect(s.visibleThreads.isEmpty)
        #expect(render(s).text.contains("No thread matches “Кузнец”."))
    }

    @Test func emptyInboxAndMalformedLines() throws {
        let empty = try ScratchInbox(lines: [])
        #expect(render(try state(empty.path)).text.contains("The inbox is empty."))
        let bad = try ScratchInbox(lines: ["not json", "{}"])
        let text = render(try state(bad.path)).text
        #expect(text.hasPrefix(" olga │ Public 0  Private 0 [All 0] │ open │ resolved 0 │ ⚠ 2 malformed"))
    }

    @Test func tooSmallSaysSo() throws {
        #expect(render(try state(width: 10, height: 3)).text.hasPrefix("Terminal t"))
    }
}

/// The one place untrusted text enters the screen.
@Suite struct GridTests {
    @Test func controlAndBidiCharactersBecomePlaceholders() {
        var grid = Grid(width: 40, height: 1)
        grid.put("a\u{1B}]52;c;aGk=\u{07}\u{1B}[2J\u{202E}b\r\n", x: 0, y: 0)
        #expect(grid.text == "a␛]52;c;aGk=␇␛[2J⟦U+202E⟧b␍␊")
        #expect(!grid.cells.contains { $0.text.unicodeScalars.contains { TextSafety.isUnsafe($0) } })
    }

    @Test func wideCharactersKeepColumnsAligned() {
        var grid = Grid(width: 10, height: 3)
        #expect(grid.put("你好x", x: 0, y: 0) == 5)
        #expect(grid.put("e\u{301}|", x: 0, y: 1) == 2)
        #expect(grid.put("😀😀😀😀😀😀", x: 0, y: 2, limit: 5) == 4, "a wide character that does not fit is left out whole")
        #expect(grid.lines[0] == "你好x     ")
        #expect(grid.lines[1] == "e\u{301}|        ")
        #expect(grid[1, 0].width == 0, "the right half of a wide character")
    }

    @Test func overwritingHalfAWideCharacterLeavesABlankNotAHole() {
        var grid = Grid(width: 6, height: 1)
        grid.put("你好x", x: 0, y: 0)
        grid.put("你", x: 0, y: 0)
        #expect(grid.lines[0] == "你好x ")
        grid.put("a", x: 1, y: 0)   // the right half of 你
        #expect(grid.lines[0] == " a好x ")
        grid.put("b", x: 2, y: 0)   // the left half of 好
        #expect(grid.lines[0] == " ab x ")
        grid.put("中", x: 3, y: 0)
        #expect(grid.lines[0] == " ab中 ")
    }

    @Test func wrapKeepsNewlinesAndBreaksAtSpaces() {
        #expect(Wrap.lines("one two three\nfour", width: 8) == ["one two", "three", "four"])
        #expect(Wrap.lines("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(Wrap.lines("Привет мир", width: 6) == ["Привет", "мир"])
    }

    @Test func aZeroWidthJoinerIsNotDrawnSoEveryTerminalCountsTheSameColumns() {
        var grid = Grid(width: 20, height: 1)
        let used = grid.put("Jen 🐈\u{200D}⬛ 👨\u{200D}👩|", x: 0, y: 0)
        #expect(used == 14, "each emoji in its own two columns")
        #expect(grid.lines[0] == "Jen 🐈⬛ 👨👩|      ")
        #expect(!grid.lines[0].unicodeScalars.contains("\u{200D}"))
    }

    @Test func aLongWordIsCutIntoFullLinesAndWideCharactersAreNotSplit() {
        let word = String(repeating: "x", count: 10_003)
        let lines = Wrap.lines("hi " + word + " end", width: 100)
        #expect(lines.first == "hi")
        #expect(lines.dropFirst().dropLast().allSatisfy { $0.count == 100 } && lines.count == 102, "\(lines.count)")
        #expect(lines.dropFirst().joined() == word + " end", "nothing lost, the tail shares its line")
        // Two columns each: three to a line of 7, never half of one.
        #expect(Wrap.lines("好好好好好好好", width: 7) == ["好好好", "好好好", "好"])
        #expect(Wrap.lines("好x", width: 1) == ["好", "x"], "a character wider than the line still shows")
    }
}

/// Any terminal size, including silly ones, renders without a crash and fills exactly the grid.
@Suite struct SizeTests {
    @Test func everySizeRenders() throws {
        var s = try state()
        _ = reduce(&s, .key(.enter))
        for width in stride(from: 1, through: 130, by: 3) {
            for height in [1, 2, 5, 6, 7, 10, 24, 41] {
                _ = reduce(&s, .resize(width: width, height: height))
                let grid = render(s)
                #expect(grid.lines.count == height)
                #expect(grid.lines.allSatisfy { DisplayWidth.of($0) == width }, "\(width)x\(height)")
            }
        }
        _ = reduce(&s, .key(.char("?")))
        for width in [20, 30, 45] {
            _ = reduce(&s, .resize(width: width, height: 12))
            #expect(render(s).lines.count == 12)
        }
    }
}

/// Hostile text everywhere a customer controls it: every screen stays exactly as wide as
/// the terminal and holds no character that could act on it.
@Suite struct HostileTextTests {
    @Test func randomHostileInboxRendersSafely() throws {
        let alphabet: [Unicode.Scalar] = ["a", "Я", " ", "\n", "\t", "\r", "\u{1B}", "\u{07}", "\u{08}", "\u{7F}", "\u{85}", "\u{9B}",
                                          "\u{202E}", "\u{2066}", "\u{200F}", "\u{2028}", "\u{FEFF}", "\u{0301}", "\u{200D}", "\u{FE0F}",
                                          "你", "😀", "👍", "\u{1F3FD}", "]", "[", "2", "J", ";"]
        var seed: UInt64 = 99
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        func hostile(_ length: Int) -> String {
            var s = ""
            for _ in 0..<length { s.unicodeScalars.append(alphabet[next(alphabet.count)]) }
            return s
        }
        var lines: [String] = []
        for i in 0..<40 {
            let q = { (s: String) in JSONEscapes.quoted(s) }
            lines.append(#"{"type":"message","id":"m\#(i)","at":"2026-11-20T10:\#(String(format: "%02d", i)):00Z","thread":\#(q(hostile(8))),"channel":\#(q(hostile(6))),"visibility":"\#(i % 3 == 0 ? "private" : "public")","direction":"\#(i % 4 == 3 ? "out" : "in")","author":{"id":\#(q("u\(i % 7)")),"handle":\#(q(hostile(10))),"name":\#(q(hostile(12)))},"agent":\#(q(hostile(5))),"subject":\#(q(hostile(20))),"text":\#(q(hostile(300)))}"#)
        }
        let file = try ScratchInbox(lines: lines)
        var s = try state(file.path, width: 120, height: 40)
        #expect(s.inbox.problems.isEmpty)
        let keys: [Key] = [.down, .enter, .pageUp, .escape, .down, .down, .char("3"), .char("s"), .char("s"), .char("s"), .char("s"), .down, .char("?")]
        for key in keys {
            _ = reduce(&s, .key(key))
            let grid = render(s)
            for line in grid.lines where DisplayWidth.of(line) != 120 {
                Issue.record("after \(key): a line \(DisplayWidth.of(line)) columns wide: \(line.unicodeScalars.map { String($0.value, radix: 16) }.suffix(8))")
            }
            #expect(!grid.cells.contains { $0.text.unicodeScalars.contains { TextSafety.isUnsafe($0) } })
        }
    }
}
