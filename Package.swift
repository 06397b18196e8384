// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "shiftdesk",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "shiftdesk", targets: ["shiftdesk"]),
        .executable(name: "shiftdesk-bench", targets: ["shiftdesk-bench"]),
        .library(name: "InboxFormat", targets: ["InboxFormat"]),
        .library(name: "InboxStore", targets: ["InboxStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // The contract as code: records, the strict scanner, the writer, timestamps.
        // No dependencies: what a connector links.
        .target(name: "InboxFormat"),
        // An inbox as a running log: load, follow, append, the thread table, and the
        // classifier and projection hooks that features build on.
        .target(name: "InboxStore", dependencies: ["InboxFormat", "CSupport"]),
        // The same inbox in PostgreSQL, for a team past one machine: apart, so that what
        // does not need a database does not link one.
        .target(
            name: "InboxStorePostgres",
            dependencies: [
                "InboxStore", "InboxFormat",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // Only to silence it: the library's log lines would land on the app's screen.
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The support desk's logic, one folder per capability.
        .target(
            name: "Desk",
            dependencies: [
                "InboxStore", "CSupport",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                // The deque alone: surge detection's sliding window.
                .product(name: "DequeModule", package: "swift-collections"),
            ]
        ),
        // Resources/ (sample inbox, default templates, example config) built into the
        // binary as literals, so a copied executable needs nothing beside it. The folder
        // is the target's own, so that adding or removing a file there re-plans the build
        // and re-runs the plugin; a folder outside the target would not.
        .target(name: "BuiltinResources", path: "Resources", plugins: ["EmbedResources"]),
        .plugin(name: "EmbedResources", capability: .buildTool(), dependencies: ["embed-resources"]),
        .executableTarget(name: "embed-resources"),
        // What Swift cannot say itself: a prefetch hint, wcwidth, signal handlers.
        .target(name: "CSupport"),
        // The app: state, actions, reduce, and views that render into a grid. No curses.
        .target(name: "DeskUI", dependencies: ["Desk"]),
        // ncursesw, and the few macros and signal handlers Swift cannot write itself.
        .systemLibrary(name: "CCurses", path: "Sources/CCurses"),
        // The terminal through ncurses: a Grid onto the screen, keys out. Apart from the
        // executable so that the benchmark can measure the real draw.
        .target(name: "CursesTerminal", dependencies: ["DeskUI", "CCurses", "CSupport"]),
        // What feeds the inbox and empties it: records from any program, replies out.
        .target(name: "Connectors", dependencies: ["InboxStore", "InboxFormat"]),
        // Synthetic inboxes for the benchmark and the tests: realistic, reproducible.
        .target(name: "InboxSynth", dependencies: ["InboxFormat"]),
        .executableTarget(
            name: "shiftdesk",
            dependencies: [
                "Desk", "DeskUI", "CursesTerminal", "CCurses", "CSupport", "BuiltinResources", "Connectors", "InboxStorePostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "shiftdesk-bench",
            dependencies: ["InboxStore", "InboxStorePostgres", "InboxSynth", "DeskUI", "CursesTerminal", "CSupport"]
        ),
        .testTarget(name: "InboxFormatTests", dependencies: ["InboxFormat", "InboxSynth"]),
        .testTarget(name: "ConnectorsTests", dependencies: ["Connectors", "InboxStore", "InboxSynth", "TestSupport"]),
        // What more than one test target needs (a tmpfs that fills up), and nothing else.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "InboxStoreTests", dependencies: ["InboxStore", "InboxSynth", "TestSupport"]),
        // The store's promises, one suite run against both stores: the file and PostgreSQL.
        .testTarget(name: "StoreContractTests", dependencies: ["InboxStore", "InboxStorePostgres", "InboxFormat", "TestSupport"]),
        // Fixtures/ holds labelled data the tests read by path (and the benchmark too).
        .testTarget(name: "DeskTests", dependencies: ["Desk", "InboxSynth", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "BuiltinResourcesTests", dependencies: ["BuiltinResources"]),
        .testTarget(name: "DeskUITests", dependencies: ["DeskUI", "Desk", "InboxSynth", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
