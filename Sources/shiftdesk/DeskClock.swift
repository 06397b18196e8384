import InboxFormat

/// The app's clock, and the one place the full-screen app reads the wall clock.
///
/// It shows `shownStart` at the moment it was made and runs on from there with the wall
/// clock, so the app can be started at another time (a test, a look at how the queue
/// stood yesterday) by making it with that time; everything below the loop takes the
/// time from the state, which the loop sets from this clock.
struct DeskClock {
    /// The wall time when the clock was made, and the time it showed then.
    let wallStart: Timestamp
    let shownStart: Timestamp

    /// A clock that shows `start` now (the wall time when nil).
    init(startingAt start: Timestamp? = nil) {
        wallStart = Self.wall()
        shownStart = start ?? wallStart
    }

    /// The time to show: the start, plus the wall time gone by since.
    func now() -> Timestamp {
        Timestamp(milliseconds: shownStart.milliseconds + (Self.wall().milliseconds - wallStart.milliseconds))
    }

    private static func wall() -> Timestamp { Timestamp.now() }
}
