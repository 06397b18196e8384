/// A line that is not a valid record: where it is and why, as `FILE:LINE: reason`; or,
/// with line 0 (no line could be named), `FILE: reason`.
public struct LineProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var reason: String

    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String { line > 0 ? "\(file):\(line): \(reason)" : "\(file): \(reason)" }
}

/// Why an inbox could not be opened, read or written, in words a person can act on.
public struct InboxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    package static func system(_ action: String, _ path: String, _ code: Int32 = errno) -> InboxError {
        InboxError("\(path): cannot \(action): \(String(cString: strerror(code)))")
    }
}

import Foundation
