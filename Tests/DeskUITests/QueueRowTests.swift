import Foundation
import Testing
@testable import DeskUI
import Desk
import InboxFormat
import InboxStore

/// A message line for the queue-row inboxes.
func message(_ id: String, at: String, thread: String, channel: String, visibility: String = "public",
             direction: String = "in", author: String, handle: String? = nil, name: String? = nil, text: String) -> String {
    var who = #""id":\#(JSONEscapes.quoted(author))"#
    if let handle { who += #","handle":\#(JSONEscapes.quoted(handle))"# }
    if let name { who += #","name":\#(JSONEscapes.quoted(name))"# }
    return #"{"type":"message","id":"\#(id)","at":"\#(at)","thread":"\#(thread)","channel":"\#(channel)","visibility":"\#(visibility)","direction":"\#(direction)","author":{\#(who)},"text":\#(JSONEscapes.quoted(text))}"#
}

/// An inbox kept for years: threads open for two years, months, days and seconds before
/// `shiftEnd`, on five channels, and two company accounts that customers @mention first.
let oldInbox = [
    message("h1", at: "2024-01-10T09:00:00Z", thread: "tw-hist", channel: "twitter", author: "tw-kim", handle: "@kim", text: "@shopwave hi"),
    message("h2", at: "2024-01-10T09:05:00Z", thread: "tw-hist", channel: "twitter", direction: "out", author: "brand-tw", handle: "@shopwave", text: "@kim hello!"),
    message("h3", at: "2024-01-11T09:00:00Z", thread: "tg-hist", channel: "telegram", visibility: "private", author: "tg-lee", name: "Lee", text: "hi"),
    message("h4", at: "2024-01-11T09:05:00Z", thread: "tg-hist", channel: "telegram", visibility: "private", direction: "out", author: "brand-tg", handle: "@ShopWave_Help", text: "hello"),
    message("o1", at: "2024-02-01T00:00:00Z", thread: "tw-old", channel: "twitter", author: "tw-gary", handle: "@GaryW_1961", name: "Gary Whitfield",
            text: "@shopwave @shopwave_help: my kettle order never arrived and nobody answers"),
    message("o2", at: "2026-01-05T12:00:00Z", thread: "tw-cust", channel: "twitter", author: "tw-rita", handle: "@rita", name: "Rita Moreno",
            text: "@SHOPWAVE @anna_k told me you fixed this for her"),
    message("o3", at: "2026-06-15T08:00:00Z", thread: "fb-mid", channel: "facebook", author: "fb-olu", name: "Olu Adeyemi",
            text: "Still waiting for the refund you promised in June"),
    message("o4", at: "2026-11-12T10:00:00Z", thread: "ig-week", channel: "instagram", author: "ig-mia", handle: "@mia", name: "Mia Chen",
            text: "@shopwave"),
    message("o5", at: "2026-11-20T18:29:15Z", thread: "mail-new", channel: "email", visibility: "private", author: "mail-kate", name: "Kate Williams",
            text: "Hello, the invoice for order 58213 is missing"),
]

/// The queue row at a width where it used to show two characters of the message and cut
/// the age of an old thread to `331…`. Open threads show their response clock (overdue
/// for years, here) in the same four columns.
@Suite struct QueueRowTests {
    /// The queue pane's rows, cut at the pane's right border.
    func queueRows(_ s: TestApp) -> [String] {
        let lines = render(s).lines
        let width = Layout(width: s.width, height: s.height, hasPins: false).queue.width
        return lines[2..<(2 + s.visibleThreads.count)].map { String($0.prefix(width)) }
    }

    @Test func oldThreadsAt80x24KeepAgeAndMessageInView() throws {
        let file = try ScratchInbox(lines: oldInbox)
        let rows = queueRows(try state(file.path, width: 80, height: 24))
        #expect(rows.count == 5)
        #expect(rows[0] == "●p   tw Gary Whi…  -2y my kettle ord")
        #expect(rows[1] == "●p   tw Rita Mor… -45w @anna_k told ", "a customer's @mention stays")
        #expect(rows[2] == "●p   fb Olu Adey… -22w Still waiting")
        #expect(rows[3] == "●p   ig Mia Chen   -8d @shopwave    ", "nothing but the brand's handle: shown as it is")
        #expect(rows[4] == "●d   em Kate Wil…   4h Hello, the in")
        for (row, text) in zip(rows, ["my kettle or", "@anna_k told", "Still waitin", "@shopwave", "Hello, the i"]) {
            #expect(row.contains(text), "at least 12 columns of the message: \(row)")
        }
    }

    @Test func oldThreadsAt200x50ShowChannelNamesAndMoreOfTheMessage() throws {
        let file = try ScratchInbox(lines: oldInbox)
        let rows = queueRows(try state(file.path, width: 200, height: 50))
        #expect(rows[0] == "●p   twitter   Gary Whitfield   -2y my kettle order never ar")
        #expect(rows[2] == "●p   facebook  Olu Adeyemi     -22w Still waiting for the re")
        #expect(rows[4] == "●d   email     Kate Williams     4h Hello, the invoice for o")
        #expect(!rows.joined().contains("@shopwave_help"))
    }

    @Test func aSingleChannelInboxNamesNoChannel() throws {
        let twitterOnly = oldInbox.map {
            $0.replacingOccurrences(of: #""channel":"[a-z]+""#, with: #""channel":"twitter""#, options: .regularExpression)
        }
        let file = try ScratchInbox(lines: twitterOnly)
        let rows = queueRows(try state(file.path, width: 80, height: 24))
        #expect(rows.count == 5)
        #expect(rows[0] == "●p   Gary Whi…  -2y my kettle order ")
    }

    @Test func thePreviewKeepsTwelveColumnsBesideMoreMarkers() {
        // The priority flag takes two; owner and presence markers are coming. At 80 columns and wider, five
        // columns of them still leave the message twelve, and the name six.
        for terminal in 80...250 {
            let queue = Layout(width: terminal, height: 24, hasPins: false).queue.width
            for markers in 0...5 {
                let row = QueueRowLayout(width: queue, channelWidth: 9, markers: markers)
                #expect(row.preview >= QueueRowLayout.minimumPreview, "\(terminal) columns, \(markers) of markers")
                #expect(row.name >= 6, "\(terminal) columns, \(markers) of markers")
                let used = QueueRowLayout.lead + (row.channel > 0 ? row.channel + 1 : 0) + row.name + 1 + QueueRowLayout.ageColumns + markers + row.preview
                #expect(used == queue, "the row spans its pane exactly at \(terminal) columns")
            }
        }
    }

    @Test func leadingCompanyMentionsAreDropped() {
        let brand: Set<String> = ["shopwave", "shopwave_help"]
        #expect(QueueRow.preview("@shopwave @ShopWave_Help where is my order", droppingMentionsOf: brand) == "where is my order")
        #expect(QueueRow.preview("@shopwave, is it down?", droppingMentionsOf: brand) == "is it down?")
        #expect(QueueRow.preview("@shopwave @anna_k same here", droppingMentionsOf: brand) == "@anna_k same here")
        #expect(QueueRow.preview("thanks @shopwave", droppingMentionsOf: brand) == "thanks @shopwave")
        #expect(QueueRow.preview("@shopwaveX hi", droppingMentionsOf: brand) == "@shopwaveX hi", "another account, however alike")
        #expect(QueueRow.preview("@shopwave\n\nсайт лежит", droppingMentionsOf: brand) == "сайт лежит")
        #expect(QueueRow.preview("@shopwave @shopwave_help", droppingMentionsOf: brand) == "@shopwave @shopwave_help")
        #expect(QueueRow.preview("@shopwave hi", droppingMentionsOf: []) == "@shopwave hi")
    }

    @Test func theCompanysAccountsAreTheAuthorsOfOutMessages() throws {
        let file = try ScratchInbox(lines: oldInbox + [
            message("h5", at: "2024-01-12T09:00:00Z", thread: "tw-hist", channel: "twitter", direction: "out", author: "brand-tw2", handle: "@ShopWaveDeals", text: "x"),
            message("h6", at: "2024-01-12T09:01:00Z", thread: "tw-hist", channel: "twitter", direction: "out", author: "brand-tw", handle: "@shopwave", text: "y"),
        ])
        let inbox = try Inbox(path: file.path)
        #expect(inbox.companyHandles == ["shopwave", "shopwave_help", "shopwavedeals"], "every account, not only each channel's latest")
    }
}
