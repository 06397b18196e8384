import Foundation
import InboxKit
import InboxSynth

let args = CommandLine.arguments
if args.count >= 4 && args[1] == "gen" {
    let n = Int(args[2])!
    let bytes = try SyntheticInbox().write(records: n, to: args[3])
    print("wrote \(bytes) bytes")
} else if args.count >= 3 && args[1] == "load" {
    let t0 = Date()
    let inbox = try Inbox(path: args[2])
    print("load \(Date().timeIntervalSince(t0)) s, messages \(inbox.messageCount), problems \(inbox.problems.count), threads \(inbox.threadCount)")
}
