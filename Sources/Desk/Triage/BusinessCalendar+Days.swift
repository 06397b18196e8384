import InboxFormat

/// The day-by-day walk that every question to a calendar comes down to.
extension BusinessCalendar {
    /// The local day (days since 1970-01-01) that the UTC instant `t` falls on.
    @inline(__always)
    func localDay(_ t: Int64) -> Int {
        Int((t + zone.offset(at: t)).floorDivided(by: ZoneOffsets.day).0)
    }

    /// The UTC instants the window opening on local day `day` opens and closes at; nil when
    /// the team does not open that day. A night shift that runs into a holiday ends at its
    /// midnight.
    @inline(__always)
    func window(onDay day: Int) -> (open: Int64, close: Int64)? {
        guard let w = windows[Weekday.index(ofDay: day)] else { return nil }
        if !holidayNumbers.isEmpty && holidayNumbers.contains(day) { return nil }
        let dayLength = ZoneOffsets.day
        let midnight = Int64(day) * dayLength
        let openLocal = midnight + Int64(w.opens) * 60_000
        var closeLocal = midnight + Int64(w.closes) * 60_000
        if w.runsPastMidnight {
            closeLocal += dayLength
            if !holidayNumbers.isEmpty && holidayNumbers.contains(day + 1) { closeLocal = midnight + dayLength }
        }
        let open, close: Int64
        // Both local times lie within two days of midnight, and offsets within a day of UTC:
        // with no change of offset in that span, one subtraction converts both.
        if let offset = zone.steadyOffset(from: midnight - dayLength, to: midnight + 3 * dayLength) {
            open = openLocal - offset
            close = closeLocal - offset
        } else {
            open = zone.utc(local: openLocal)
            close = zone.utc(local: closeLocal)
        }
        // A window that the hour the clocks skip swallows (02:30-03:00) does not happen.
        return close > open ? (open, close) : nil
    }

    /// Calls `body` with each opening window (and the day it opens on) from the one that
    /// may still run at `t` (yesterday's night shift) on, in order, and `closedDay` for each
    /// day without one, until either returns false.
    ///
    /// A calendar with an open weekday always opens again (holidays are finite), so the
    /// walk ends; as a guard all the same, it gives up after more closed days in a row than
    /// the holidays could explain: each may close one week's only open day, and a window
    /// the skipped hour swallows one more.
    @inline(__always)
    func walk(from t: Int64, _ body: (_ day: Int, _ open: Int64, _ close: Int64) -> Bool, closedDay: () -> Bool = { true }) {
        if neverOpen { return }
        var day = localDay(t) - 1
        var closedStreak = 0
        let hopeless = 7 * (holidayNumbers.count + 3)
        while true {
            if let w = window(onDay: day) {
                closedStreak = 0
                if !body(day, w.open, w.close) { return }
            } else {
                closedStreak += 1
                if closedStreak > hopeless || !closedDay() { return }
            }
            day += 1
        }
    }
}
