import Foundation
import InboxFormat
import InboxStore
import InboxStorePostgres
import TestSupport

/// The two stores the suite runs against: every test here holds for both.
enum Backend: String, CaseIterable, CustomStringConvertible, Sendable {
    case file
    case postgres

    var description: String { rawValue }

    /// A new, empty inbox of this kind.
    func makeInbox() throws -> TestStoreInbox {
        switch self {
        case .file: return try TestStoreInbox(fileIn: NSTemporaryDirectory() + "shiftdesk-contract-" + UUID().uuidString)
        case .postgres:
            let url = try TestPostgres.freshDatabase("contract")
            _ = try PostgresStore.initialize(url: try PostgresURL(url), password: nil)
            return TestStoreInbox(url: url)
        }
    }
}

/// One inbox of either kind; `open()` is another process's view of it.
final class TestStoreInbox: Sendable {
    let location: String
    private let folder: String?

    init(fileIn folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        self.folder = folder
        location = folder + "/inbox.jsonl"
    }

    init(url: String) {
        folder = nil
        location = url
    }

    deinit { if let folder { try? FileManager.default.removeItem(atPath: folder) } }

    func open() throws -> any RecordStore {
        if PostgresURL.names(location) { return try PostgresStore(url: try PostgresURL(location), password: nil) }
        return FileRecordStore(path: location, durable: false)
    }

    /// The inbox as a reader sees it through `store`, caught up now.
    func load(_ store: any RecordStore) throws -> Inbox {
        try store.catchUp()
        return try Inbox(path: store.readablePath)
    }
}

/// Record lines for the tests.
enum Line {
    static func message(_ id: String, thread: String = "t1", at: String = "2026-11-20T09:15:00Z", text: String = "hello") -> String {
        #"{"type":"message","id":"\#(id)","at":"\#(at)","thread":"\#(thread)","channel":"twitter","visibility":"public","direction":"in","author":{"id":"u1","handle":"@u1","name":"Name"},"text":\#(JSONEscapes.quoted(text))}"#
    }

    static func note(_ id: String, thread: String = "t1", text: String) -> String {
        #"{"type":"note","id":"\#(id)","at":"2026-11-20T10:00:00Z","thread":"\#(thread)","agent":"olga","text":\#(JSONEscapes.quoted(text))}"#
    }
}
