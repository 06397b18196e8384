import InboxFormat

/// Announcements pinned at the top of the public view, and which of them were taken down.
/// Pins are few, so their text is kept.
public final class PinBoard: InboxProjection {
    public private(set) var pins: [Pin] = []
    private var byRecord: [Int32: Int] = [:]

    public init() {}

    public func apply(_ record: RecordContext) {
        switch record.type {
        case .pin:
            byRecord[record.record.index] = pins.count
            pins.append(Pin(id: record.string(.id) ?? "", agent: record.string(.agent) ?? "", text: record.string(.text) ?? "",
                            channel: record.string(.channel), at: record.at, until: record.until, active: true))
        case .unpin:
            if let target = record.referenced, let index = byRecord[target.index] { pins[index].active = false }
        default:
            break
        }
    }
}
