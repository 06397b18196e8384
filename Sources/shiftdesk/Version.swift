/// shiftdesk's version, the one place it is written: `shiftdesk --version` prints it.
enum Version {
    static let current = "0.7.0"
}
