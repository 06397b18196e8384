import ArgumentParser
import CSupport
import Connectors
import Foundation
import InboxFormat

/// `shiftdesk deliver FILE --command CMD`: hands each reply written here to a command,
/// each at most once, and records what became of it.
struct DeliverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliver",
        abstract: "Deliver the replies written in the app through a command, each at most once.",
        discussion: """
            Follows the inbox. For each reply waiting for delivery (an out message with an \
            agent and no delivery record yet), oldest first, it appends a delivery "sending" \
            claim under the lock, runs CMD with /bin/sh -c, and appends "sent" or "failed".

            CMD reads one JSON object on standard input: {"reply": <the reply record>, "to": \
            <the customer's author object>, "customer_message": <the customer's last message \
            in the thread>} (null where there is none), and has SHIFTDESK_CHANNEL, \
            SHIFTDESK_THREAD and SHIFTDESK_TO (the customer's author id) in its environment. \
            Exit 0 means sent, and the first line of its output, if any, is recorded as the \
            channel's id for the reply (remote_id); anything else means failed, with the last \
            line of its error output as the reason, or "timed out" after --timeout.

            At most once: a reply claimed by another deliverer is left alone, and so is one \
            whose deliverer died between claim and outcome: the app shows it as "unknown — \
            check the channel" once the claim is older than its timeout plus a minute, and \
            nothing sends it again on its own.

            Examples:
              shiftdesk deliver shift.jsonl --channel chat --command "my-sender" --once
              shiftdesk deliver shift.jsonl --channel email --command "shiftdesk mail-out --from support@example.com --sendmail 'sendmail -t -i'"
            """
    )

    @OptionGroup var inbox: InboxArgument

    @Option(name: .long, help: ArgumentHelp("The command each reply is handed to (run by /bin/sh -c).", valueName: "CMD"))
    var command: String

    @Option(name: .long, help: "The deliverer's name in its records' \"by\" (default: deliver@HOSTNAME).")
    var name: String?

    @Option(name: .long, help: ArgumentHelp("How long CMD may take for one reply: seconds, as 30 or 30s.", valueName: "SECONDS"))
    var timeout: String = "30s"

    @Option(name: .long, help: ArgumentHelp("Take only the replies on this channel (repeat for more; default: every channel). A command speaks to one channel: give its name.", valueName: "NAME"))
    var channel: [String] = []

    @Flag(name: .long, help: "Deliver what is waiting now, then exit.")
    var once = false

    /// `--timeout` in seconds.
    var timeoutSeconds: Int? {
        let digits = timeout.hasSuffix("s") ? String(timeout.dropLast()) : timeout
        guard let seconds = Int(digits), seconds > 0, seconds <= 86_400 else { return nil }
        return seconds
    }

    func validate() throws {
        guard timeoutSeconds != nil else {
            throw ValidationError("--timeout: \"\(TextSafety.singleLine(timeout))\" is not a number of seconds from 1 to 86400 (e.g. 30 or 30s)")
        }
        guard !command.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--command: give the command to run") }
    }

    func run() throws {
        let clock = try inbox.clock()
        let settings = DeliverySettings(name: name ?? "deliver@" + ProcessInfo.processInfo.hostName, command: command,
                                        timeoutSeconds: timeoutSeconds ?? 30, channels: Set(channel))
        let deliverer: Deliverer
        let store = try inbox.store()
        do {
            // Woken by the store's notifications where it has them, not only by the clock.
            if !once { try store.listen() }
            deliverer = try Deliverer(store: store, settings: settings, now: { clock.now() })
        } catch {
            throw Output.failure(error.message)
        }
        // SIGINT, SIGTERM and SIGHUP end the loop between replies: the one in flight gets
        // its outcome recorded first (its command runs in a group of its own, so a Ctrl-C
        // at the terminal does not reach it).
        csupport_install_signal_handlers(nil)
        var stop = false
        let watch = FileWatch(paths: store.changeDescriptor == nil ? [store.readablePath] : [])
        while !stop {
            do {
                try deliverer.deliverWaiting(shouldStop: {
                    if csupport_take_signal() != 0 { stop = true }
                    return stop
                }) { thread, reply, outcome in
                    let where_ = "\(TextSafety.singleLine(reply)) in \(TextSafety.singleLine(thread))"
                    switch outcome {
                    case .sent(let remoteID):
                        Output.line("sent \(where_)" + (remoteID.map { " (remote id \(TextSafety.singleLine($0)))" } ?? ""))
                    case .failed(let error):
                        Output.line("failed \(where_): \(TextSafety.singleLine(error))")
                    }
                }
            } catch {
                throw Output.failure(error.message)
            }
            if once || stop || csupport_take_signal() != 0 { break }
            // Until the file changes (inotify) or the store says so, or a second goes by (a
            // network filesystem raises no event for others' writes), or a signal comes.
            if let descriptor = store.changeDescriptor {
                var fds = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
                _ = poll(&fds, 1, 1000)
                store.drainChanges()
            } else {
                watch.waitForChange(milliseconds: 1000)
            }
        }
    }
}
