// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "shiftdesk",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "shiftdesk", targets: ["shiftdesk"]),
        .executable(name: "shiftdesk-bench", targets: ["shiftdesk-bench"]),
        .library(name: "InboxKit", targets: ["InboxKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // The inbox core: records, scanning, state, tailing, appending. No terminal.
        .target(
            name: "InboxKit",
            dependencies: [
                "CSupport",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // What Swift cannot say itself: a prefetch hint, wcwidth, signal handlers.
        .target(name: "CSupport"),
        // The app: state, actions, reduce, and views that render into a grid. No curses.
        .target(name: "DeskUI", dependencies: ["InboxKit"]),
        // ncursesw, and the few macros and signal handlers Swift cannot write itself.
        .systemLibrary(name: "CCurses", path: "Sources/CCurses"),
        // Synthetic inboxes for the benchmark and the tests: realistic, reproducible.
        .target(name: "InboxSynth", dependencies: ["InboxKit"]),
        .executableTarget(
            name: "shiftdesk",
            dependencies: [
                "InboxKit", "DeskUI", "CCurses", "CSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "shiftdesk-bench",
            dependencies: ["InboxKit", "InboxSynth", "DeskUI"]
        ),
        .testTarget(name: "InboxKitTests", dependencies: ["InboxKit", "InboxSynth"]),
        .testTarget(name: "DeskUITests", dependencies: ["DeskUI", "InboxKit"]),
        .testTarget(name: "EndToEndTests"),
    ],
    swiftLanguageModes: [.v6]
)
