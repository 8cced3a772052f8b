/// One check of `verify-provenance`, with what was expected and what the provenance said.
public struct ProvenanceCheck: Sendable, Hashable, Codable {
    public var name: String
    public var passed: Bool
    public var expected: String
    public var actual: String

    public init(name: String, passed: Bool, expected: String, actual: String) {
        self.name = name
        self.passed = passed
        self.expected = expected
        self.actual = actual
    }
}
