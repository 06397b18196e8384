import Foundation
import Desk
import InboxFormat
import InboxStore

/// What the reply tools need to know of a thread, read from the inbox: the language to
/// answer in, what is special about the moment, and who may be named in a reply.
extension AppState {
    /// The picker for `ref`, opened on the customer's language and this moment. The thread
    /// is read from the file once, here, not on every frame the picker draws.
    func pickerState(for ref: ThreadRef, in model: any ReadModel) -> PickerState {
        let customer = model.messages(of: ref).filter { $0.direction == .inbound }
        var moment: ReplyMoment = []
        // After hours for this thread: an urgent one whose clock runs around the clock
        // (`urgent_around_the_clock`) is being answered now, not told the team is away.
        if let hours, !hours.isOpen(at: now),
           model.priority(of: ref).level != .urgent || !model.promise(for: ref, at: now).calendar.isOpen(at: now) {
            moment.insert(.afterHours)
        }
        // The first public answer to an angry message: the template for it comes first.
        let firstPublicAnswer = summary(of: ref, in: model).visibility == .public && model.companyReplyTimes(of: ref).isEmpty
        if firstPublicAnswer, customer.contains(where: { Tone.isAngry($0.text) }) { moment.insert(.angry) }
        if model.surges(at: now).contains(where: { $0.active && $0.threads.contains(ref) }) { moment.insert(.surge) }
        let language = DetectedLanguage.ofThread(newestFirst: customer.reversed().lazy.map(\.text))?.code ?? language
        return PickerState(language: language, moment: moment)
    }

    /// The language to answer `ref` in: the customer's, as their latest message that
    /// tells one shows; else the configured one.
    func replyLanguage(for ref: ThreadRef, in model: any ReadModel) -> String {
        pickerState(for: ref, in: model).language
    }

    /// The personal-touch check's view of a reply to `ref`: who the customer is, which
    /// handles the thread and the company have, and whose names the inbox knows.
    func replyDraft(_ text: String, to ref: ThreadRef, renderedTemplate: String?, in model: any ReadModel) -> ReplyDraft {
        let t = summary(of: ref, in: model)
        var names: [String] = []
        if let c = t.customer {
            names = [c.name, c.handle, c.name?.split(separator: " ").first.map(String.init)].compactMap { $0 }
        }
        var threadHandles: [String] = []
        for message in model.messages(of: ref) {
            if let handle = message.author.handle { threadHandles.append(handle) }
            threadHandles += PersonalTouch.mentions(in: message.text)
        }
        let recent = model.recentOutboundTexts(since: Timestamp(milliseconds: now.milliseconds - 86_400_000), limit: 2000)
        return ReplyDraft(text: text, visibility: t.visibility, renderedTemplate: renderedTemplate,
                          customerNames: names, recentOutbound: recent, threadHandles: threadHandles,
                          companyHandles: Array(model.companyHandles), knownNames: model.customerFirstNames())
    }
}

/// The first names of the inbox's people (the company's accounts aside), lower-cased, for
/// the wrong-name check; kept by the loop's read model. People only add to the end of the
/// inbox's list, so each send indexes just the ones met since the last. A name that someone's later message adds to
/// a person already indexed without one is missed: the store fills names in only then.
final class PeopleNames {
    private var indexed = 0
    private var names: Set<String> = []

    func names(in inbox: Inbox) -> Set<String> {
        let count = inbox.peopleCount
        while indexed < count {
            defer { indexed += 1 }
            guard !inbox.isCompanyAccount(ordinal: indexed), let name = inbox.person(ordinal: indexed).name,
                  let first = name.split(whereSeparator: { !$0.isLetter && $0 != "-" && $0 != "'" && $0 != "’" }).first
            else { continue }
            names.insert(first.lowercased())
        }
        return names
    }
}

extension AppState {
    /// The company's public replies in `ref` today, in the team's time zone (else the
    /// system's): the third public exchange is the time to take it private.
    func publicRepliesToday(in ref: ThreadRef, _ model: any ReadModel) -> Int {
        guard summary(of: ref, in: model).visibility == .public else { return 0 }
        let today = localDay(now)
        return model.companyReplyTimes(of: ref).count { localDay($0) == today }
    }

    /// The day number of `time` where the team works.
    private func localDay(_ time: Timestamp) -> Int64 {
        if let hours { return Int64(hours.localDate(time).dayNumber) }
        let offset = Int64(TimeZone.current.secondsFromGMT(for: Date(timeIntervalSince1970: Double(time.milliseconds) / 1000))) * 1000
        return (time.milliseconds + offset).floorDivided(by: 86_400_000).0
    }
}
