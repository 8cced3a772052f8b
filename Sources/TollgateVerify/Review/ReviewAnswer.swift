/// `yes`, `no` or `unknown`: a release-review answer never guesses.
public enum ReviewAnswer: String, Sendable, Hashable, Codable {
    case yes
    case no
    case unknown
}
