import InboxFormat

// Stand-in until the business calendar lands (same names): every hour counts.
public struct SLAClock: Sendable, Equatable {
    public var due: Timestamp
    public var caution: Timestamp
    public var targetMinutes: Int
}

func stubClock(since: Timestamp, visibility: Visibility, level: PriorityLevel, firstResponse: Bool) -> SLAClock {
    let minutes: Int
    switch (visibility, level) {
    case (_, .low): minutes = 1440
    case (.public, .urgent): minutes = 15
    case (.public, .high): minutes = 20
    case (.public, .normal): minutes = 30
    case (.private, .urgent): minutes = 60
    case (.private, .high): minutes = 120
    case (.private, .normal): minutes = 240
    }
    let ms = Int64(minutes) * 60_000
    return SLAClock(due: Timestamp(milliseconds: since.milliseconds + ms),
                    caution: Timestamp(milliseconds: since.milliseconds + ms * 8 / 10), targetMinutes: minutes)
}
