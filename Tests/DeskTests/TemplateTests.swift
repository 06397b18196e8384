import Foundation
import Testing
@testable import Desk
import InboxFormat
import InboxStore

/// The default library, rendering with fallbacks, user overrides and broken files.
@Suite struct TemplateTests {
    let defaults = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Resources/templates").path

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
        let library = TemplateLibrary(folders: [defaults, user])
        let outage = library.templates.filter { $0.name == "outage-ack" && $0.language == "en" }
        #expect(outage.count == 1)
        #expect(outage.first?.body == "Our own outage text, {{first_name}}.")
        #expect(library.templates.contains { $0.name == "shipping-delay" })
        #expect(library.templates.contains { $0.name == "outage-ack" && $0.language == "ru" })
    }

    @Test func suitableTemplatesComeFirst() {
        let library = TemplateLibrary(folders: [defaults])
        let forDM = library.ordered(for: .private, channel: "telegram")
        let firstUnsuitable = forDM.firstIndex { !$0.suits(.private, channel: "telegram") } ?? forDM.count
        #expect(forDM[..<firstUnsuitable].contains { $0.name == "ask-order-number" })
        #expect(!forDM[..<firstUnsuitable].contains { $0.name == "outage-ack" || $0.name == "move-to-dm" })
    }
}
