import Foundation
import Testing
@testable import Desk
import InboxFormat
import InboxStore

/// The default library, rendering with fallbacks, user overrides and broken files.
@Suite struct TemplateTests {
    let defaults = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Resources/templates").path

    /// A temporary folder holding `files`; the caller removes it.
    func folder(_ files: [String: String]) throws -> String {
        let dir = NSTemporaryDirectory() + "templates-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        return dir
    }

    @Test func defaultLibraryLoadsInBothLanguages() {
        let library = TemplateLibrary(folders: [defaults])
        #expect(library.problems.isEmpty)
        let names = Set(library.templates.map(\.name))
        for wanted in ["ack-response-time", "outage-ack", "move-to-dm", "after-hours", "apology", "thanks-praise",
                       "ask-order-number", "resolution-followup", "angry-public-reply"] {
            #expect(names.contains(wanted))
            #expect(library.templates.filter { $0.name == wanted }.map(\.language).sorted() == ["en", "ru"], "\(wanted)")
        }
        #expect(library.templates.first { $0.name == "ask-order-number" }?.visibility == .private)
    }

    let noon = Timestamp.parse("2026-11-20T12:00:00Z")!

    @Test func rendersPlainTextWithThisThreadsValues() throws {
        let template = try ReplyTemplate(file: "t", text: "---\nname: t\n---\n{{handle}} Hi {{first_name}} ({{name}}), {{agent}} on {{channel}}: <3 & \"{{last_message}}\"")
        let values = TemplateValues(customer: Person(id: "u1", handle: "@tom_oneil", name: "Tom O'Neil"), agent: "olga",
                                    channel: "twitter", lastMessage: "where is\nmy kettle?", now: noon)
        #expect(template.render(values) == "@tom_oneil Hi Tom (Tom O'Neil), olga on twitter: <3 & \"where is my kettle?\"")
    }

    @Test func missingValuesFallBackInsteadOfLeavingAGap() throws {
        let template = try ReplyTemplate(file: "t", text: "---\nname: t\n---\nHi {{first_name}}, dear {{name}}")
        let handleOnly = TemplateValues(customer: Person(id: "u1", handle: "@anna_k"), agent: "olga", channel: "twitter", lastMessage: nil, now: noon)
        #expect(template.render(handleOnly) == "Hi @anna_k, dear @anna_k")
        let nameOnly = TemplateValues(customer: Person(id: "u2", name: "Елена Смирнова"), agent: "olga", channel: "facebook", lastMessage: nil, now: noon)
        #expect(template.render(nameOnly) == "Hi Елена, dear Елена Смирнова")
    }

    @Test func aBrokenTemplateIsReportedWithFileAndLineAndTheOthersLoad() throws {
        let dir = try folder([
            "good.en.mustache": "---\nname: good\n---\nHi {{first_name}}",
            "broken.en.mustache": "---\nname: broken\n---\nHi {{first_name}},\n{{#open}} never closed",
            "noheader.mustache": "Hi there",
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let library = TemplateLibrary(folders: [dir])
        #expect(library.templates.map(\.name) == ["good"])
        #expect(library.problems.count == 2)
        let broken = try #require(library.problems.first { $0.file.hasSuffix("broken.en.mustache") })
        #expect(broken.line == 5)
        #expect(broken.description.hasPrefix(dir + "/broken.en.mustache:5: template does not parse"))
        #expect(library.problems.contains { $0.file.hasSuffix("noheader.mustache") && $0.line == 1 })
    }

    @Test func userTemplatesAddToAndOverrideTheDefaults() throws {
        let user = try folder([
            "outage-ack.en.mustache": "---\nname: outage-ack\nvisibility: public\nlanguage: en\n---\nOur own outage text, {{first_name}}.",
            "shipping.en.mustache": "---\nname: shipping-delay\nlanguage: en\n---\nYour parcel is late, {{first_name}}.",
        ])
        defer { try? FileManager.default.removeItem(atPath: user) }
        let library = TemplateLibrary(folders: [defaults, user])
        let outage = library.templates.filter { $0.name == "outage-ack" && $0.language == "en" }
        #expect(outage.count == 1)
        #expect(outage.first?.body == "Our own outage text, {{first_name}}.")
        #expect(library.templates.contains { $0.name == "shipping-delay" })
        #expect(library.templates.contains { $0.name == "outage-ack" && $0.language == "ru" })
    }

    @Test func templatesGivenAsTextLoadAndAFolderOverridesThemByNameAndLanguage() throws {
        let builtIn = TemplateSource.files(origin: "built in", [
            ("built-in templates/outage-ack.en.mustache", "---\nname: outage-ack\nlanguage: en\n---\nBuilt-in outage text."),
            ("built-in templates/outage-ack.ru.mustache", "---\nname: outage-ack\nlanguage: ru\n---\nВстроенный текст."),
        ])
        let user = try folder(["mine.mustache": "---\nname: outage-ack\nlanguage: en\n---\nMy outage text."])
        defer { try? FileManager.default.removeItem(atPath: user) }
        let library = TemplateLibrary(sources: [builtIn, .folder(user)])
        #expect(library.templates.map(\.body) == ["My outage text.", "Встроенный текст."])
        #expect(library.templates.first?.file == user + "/mine.mustache")
        #expect(library.searched == ["built in", user])
        #expect(library.emptyReason == nil)
    }

    @Test func anEmptyLibrarySaysWhy() throws {
        let empty = try folder([:])
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let none = TemplateLibrary(sources: [.folder(empty + "/templates"), .folder(empty)])
        #expect(none.emptyReason == "no template files in \(empty)/templates, \(empty)")
        let broken = try folder(["a.mustache": "no header", "b.mustache": "---\nname: b\n---\n{{#x}}"])
        defer { try? FileManager.default.removeItem(atPath: broken) }
        let failed = TemplateLibrary(folders: [broken])
        #expect(failed.emptyReason == "every template file failed to load: \(broken)/a.mustache:1: a template starts with a header between two --- lines (and 1 more)")
    }

    @Test func fallbacksSpeakTheTemplatesLanguage() throws {
        let library = TemplateLibrary(folders: [defaults])
        let sergey = TemplateValues(customer: Person(id: "vk-sergey", name: "Сергей"), agent: "Ольга", channel: "vk",
                                    lastMessage: "ошибка 502 на сайте", now: Timestamp.parse("2026-11-20T12:00:00Z")!)
        let ack = try #require(library.templates.first { $0.name == "ack-response-time" && $0.language == "ru" })
        #expect(ack.render(sergey).contains("Отвечу в течение 2 часов."))
        // No default Russian template shows an English word when the customer has a Russian
        // name: every Latin letter would be a fallback in the wrong language.
        for template in library.templates where template.language == "ru" {
            let rendered = template.render(sergey)
            #expect(!rendered.contains { $0.isASCII && $0.isLetter }, "\(template.name): \(rendered)")
        }
        let english = try #require(library.templates.first { $0.name == "ack-response-time" && $0.language == "en" })
        #expect(english.render(sergey).contains("I'll get back to you within 2 hours."))
        // A value that is set wins over the fallback, in any language.
        var set = sergey
        set.openingTime = "в 8:00"
        set.responseTime = "до 14:30"
        let afterHours = try #require(library.templates.first { $0.name == "after-hours" && $0.language == "ru" })
        #expect(afterHours.render(set).contains("вернёмся в 8:00 —"))
        #expect(ack.render(set).contains("Отвечу до 14:30."))
        // Every template language has every fallback; another language takes English's.
        for (language, values) in TemplateValues.fallbacks {
            #expect(Set(values.keys) == Set(TemplateValues.fallbacks["en"]!.keys), "\(language)")
        }
        let german = try ReplyTemplate(file: "t", text: "---\nname: t\nlanguage: de\n---\n{{response_time}}")
        #expect(german.render(sergey) == "within 2 hours")
    }

    @Test func theCustomersLanguageComesFirstThenSuitableThenTheMomentThenByName() {
        let library = TemplateLibrary(folders: [defaults])
        let russian = library.ordered(for: .public, channel: "vk", language: "ru")
        let firstEnglish = russian.firstIndex { $0.language != "ru" } ?? russian.count
        #expect(firstEnglish == library.templates.filter { !$0.isPin }.count / 2, "every Russian template before any English one")
        #expect(!russian.contains { $0.isPin }, "pin templates are for P, not for replies")
        #expect(russian.dropFirst(firstEnglish).allSatisfy { $0.language == "en" })
        #expect(russian.first?.name == "ack-response-time" && russian.first?.language == "ru")
        let suitable = russian.prefix(firstEnglish).map { $0.suits(.public, channel: "vk") }
        #expect(suitable == suitable.sorted { $0 && !$1 }, "suitable ones first within the language")
        #expect(russian.prefix(firstEnglish).last?.name == "ask-order-number", "private only: last on a public thread")

        let english = library.ordered(for: .public, channel: "twitter", language: "en")
        #expect(english.first?.language == "en" && english.first?.name == "ack-response-time")

        #expect(library.ordered(for: .public, channel: "vk", language: "ru", moment: .afterHours).first?.name == "after-hours")
        #expect(library.ordered(for: .public, channel: "vk", language: "ru", moment: .angry).first?.name == "angry-public-reply")
        #expect(library.ordered(for: .private, channel: "telegram", language: "ru", moment: .angry).first?.name == "apology",
                "the public angry reply does not suit a private thread")
        #expect(library.ordered(for: .public, channel: "twitter", language: "en", moment: .surge).first?.name == "outage-ack")
        // Angry in an outage: the outage's answer first, the angry reply next.
        let angryInASurge = library.ordered(for: .public, channel: "vk", language: "ru", moment: [.angry, .surge]).map(\.name)
        #expect(angryInASurge.prefix(2) == ["outage-ack", "angry-public-reply"], "\(angryInASurge)")
        let first = library.ordered(for: .public, channel: "twitter", language: "ru", moment: .afterHours).first
        #expect(first?.name == "after-hours" && first?.language == "ru")
    }

    @Test func anUnknownMomentIsReportedWithItsLine() {
        do {
            _ = try ReplyTemplate(file: "t.mustache", text: "---\nname: t\nlanguage: en\nmoment: after-hours, tomorrow\n---\nHi")
            Issue.record("an unknown moment was accepted")
        } catch {
            #expect(error.problem.line == 4)
            #expect(error.problem.reason.contains("not \"tomorrow\""))
        }
    }

    @Test func suitableTemplatesComeFirst() {
        let library = TemplateLibrary(folders: [defaults])
        let forDM = library.ordered(for: .private, channel: "telegram")
        let firstUnsuitable = forDM.firstIndex { !$0.suits(.private, channel: "telegram") } ?? forDM.count
        #expect(forDM[..<firstUnsuitable].contains { $0.name == "ask-order-number" })
        #expect(!forDM[..<firstUnsuitable].contains { $0.name == "outage-ack" || $0.name == "move-to-dm" })
    }
}
