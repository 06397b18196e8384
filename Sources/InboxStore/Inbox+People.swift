import InboxFormat

/// The people of an inbox: every author of a message, customers and the company's accounts.
extension Inbox {
    /// How many people the inbox has met. They are numbered from 0 in the order first met,
    /// so a number never changes and new people only add to the end: a view can index
    /// them once and then take in only the new ones.
    public var peopleCount: Int { state.persons.count }

    /// The person numbered `ordinal` (0..<peopleCount).
    public func person(ordinal: Int) -> Person { person(Int32(ordinal)) }

    /// True when the person numbered `ordinal` wrote an outbound message: an account of the company.
    public func isCompanyAccount(ordinal: Int) -> Bool { state.persons[ordinal].isCompany }
}
