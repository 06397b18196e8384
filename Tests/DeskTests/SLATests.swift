import Foundation
import Testing
@testable import Desk
import InboxFormat

/// Response targets and the clocks they give a thread.
@Suite struct SLATests {
    let office = BusinessCalendar(timeZone: TimeZone(identifier: "Europe/Berlin")!, window: OpeningWindow("09:00-18:00")!,
                                  on: [.monday, .tuesday, .wednesday, .thursday, .friday])

    func t(_ text: String) -> Timestamp { Timestamp.parse(text)! }

    @Test func theIssuesDefaults() {
        let targets = SLATargets()
        let expected: [(Visibility, PriorityLevel, Int)] = [
            (.public, .urgent, 15), (.public, .high, 20), (.public, .normal, 30), (.public, .low, 1440),
            (.private, .urgent, 60), (.private, .high, 120), (.private, .normal, 240), (.private, .low, 1440),
        ]
        for (visibility, level, minutes) in expected {
            for first in [true, false] {
                #expect(targets.minutes(visibility: visibility, level: level, firstResponse: first) == minutes, "\(visibility) \(level) \(first)")
            }
        }
        #expect(!targets.urgentAroundTheClock)
    }

    @Test func aClockIsDueAfterItsTargetOfOpenTimeAndCautionsAtEightyPercent() {
        var targets = SLATargets()
        // Public urgent at Friday 17:50: 10 minutes on Friday, 5 on Monday; caution after 12.
        let friday = t("2026-11-20T17:50:00+01:00")
        let urgent = targets.clock(since: friday, visibility: .public, level: .urgent, firstResponse: true, calendar: office)
        #expect(urgent == SLAClock(due: t("2026-11-23T09:05:00+01:00"), caution: t("2026-11-23T09:02:00+01:00"), targetMinutes: 15))
        // Private normal, 4 hours from Tuesday 10:00: caution at 3 h 12 min.
        let normal = targets.clock(since: t("2026-11-17T10:00:00+01:00"), visibility: .private, level: .normal, firstResponse: false, calendar: office)
        #expect(normal.due == t("2026-11-17T14:00:00+01:00") && normal.caution == t("2026-11-17T13:12:00+01:00"))
        // Urgent round the clock ignores the hours; high does not.
        targets.urgentAroundTheClock = true
        let onCall = targets.clock(since: friday, visibility: .public, level: .urgent, firstResponse: true, calendar: office)
        #expect(onCall.due == t("2026-11-20T18:05:00+01:00") && onCall.caution == t("2026-11-20T18:02:00+01:00"))
        let high = targets.clock(since: friday, visibility: .public, level: .high, firstResponse: true, calendar: office)
        #expect(high.due == t("2026-11-23T09:10:00+01:00") && high.targetMinutes == 20)
        // A target set for next responses only.
        targets.set(45, visibility: .public, level: .normal, firstResponse: false)
        #expect(targets.minutes(visibility: .public, level: .normal, firstResponse: false) == 45)
        #expect(targets.minutes(visibility: .public, level: .normal, firstResponse: true) == 30)
        // Without configured hours every hour counts.
        let always = SLATargets().clock(since: friday, visibility: .public, level: .normal, firstResponse: true, calendar: .always)
        #expect(always.due == t("2026-11-20T18:20:00+01:00") && always.caution == t("2026-11-20T18:14:00+01:00"))
    }
}
