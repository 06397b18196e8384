import CursesTerminal
import DeskUI
import Foundation
import InboxStore

/// Actions that other threads hand to the loop: kept here until the loop takes them.
final class Mailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var actions: [Action] = []
    private let wake: WakePipe

    init(wake: WakePipe) { self.wake = wake }

    func post(_ action: Action) {
        lock.lock()
        actions.append(action)
        lock.unlock()
        wake.signal()
    }

    func takeAll() -> [Action] {
        lock.lock()
        defer { lock.unlock() }
        let taken = actions
        actions.removeAll()
        return taken
    }
}
