/// A customer or a company account, as the inbox last named them.
public struct Person: Sendable, Equatable {
    /// `author.id`: the key that joins a person's public and private threads.
    public var id: String
    public var handle: String?
    public var name: String?
    public var followers: Int64?

    public init(id: String, handle: String? = nil, name: String? = nil, followers: Int64? = nil) {
        self.id = id
        self.handle = handle
        self.name = name
        self.followers = followers
    }

    /// The name, else the handle, else the id: what a person in the queue is called.
    public var displayName: String {
        if let name, !name.isEmpty { return name }
        if let handle, !handle.isEmpty { return handle }
        return id
    }
}
