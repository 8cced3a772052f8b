/// One `tollgate policy test` case: evidence, the instant to evaluate at, and what to expect.
public struct PolicyTestCase: Sendable, Codable, Hashable {
    public struct Expectation: Sendable, Codable, Hashable {
        /// `allow`, `deny` or `warn`.
        public var decision: Outcome
        /// Rule id → expected result (`pass`, `fail`, `excepted`, `warn`), for the rules listed.
        public var rules: [String: FindingResult]?
        /// Rule id → text the reason must contain.
        public var reasons: [String: String]?
    }

    public var name: String
    /// RFC 3339 instant the decision is made at (exceptions and SLOs depend on it).
    public var now: String?
    public var evidence: EvidenceFixture
    public var expect: Expectation
}
