/// The outcome of one policy test case.
public struct PolicyTestResult: Sendable, Hashable, Codable {
    public var file: String
    public var name: String
    public var passed: Bool
    /// What differed from the expectation, one sentence each.
    public var failures: [String]
    public var decision: Outcome?

    public init(file: String, name: String, failures: [String], decision: Outcome?) {
        self.file = file
        self.name = name
        self.failures = failures
        self.passed = failures.isEmpty
        self.decision = decision
    }
}
