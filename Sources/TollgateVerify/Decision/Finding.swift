import TollgatePolicy

/// The result of one policy rule, with the evidence it used and what it expected versus found.
public struct Finding: Sendable, Hashable, Codable {
    public var rule: RuleID
    public var result: FindingResult
    /// A sentence: what was expected and what was found.
    public var reason: String
    public var expected: String
    public var actual: String
    /// The evidence the rule read (files, signers, components, advisories).
    public var evidence: [String]
    /// Exceptions considered: the active ones applied, the expired ones named.
    public var exceptions: [AppliedException]

    public init(rule: RuleID, result: FindingResult, reason: String, expected: String, actual: String,
                evidence: [String] = [], exceptions: [AppliedException] = []) {
        self.rule = rule
        self.result = result
        self.reason = reason
        self.expected = expected
        self.actual = actual
        self.evidence = evidence
        self.exceptions = exceptions
    }

    private enum CodingKeys: String, CodingKey {
        case rule, result, reason, expected, actual, evidence, exception, exceptions
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rule, forKey: .rule)
        try container.encode(result, forKey: .result)
        try container.encode(reason, forKey: .reason)
        try container.encode(expected, forKey: .expected)
        try container.encode(actual, forKey: .actual)
        try container.encode(evidence, forKey: .evidence)
        // `exception`: the id of the exception that made the rule pass, or null.
        try container.encode(exceptions.first { $0.status == .active }?.id, forKey: .exception)
        try container.encode(exceptions, forKey: .exceptions)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rule = try container.decode(RuleID.self, forKey: .rule)
        result = try container.decode(FindingResult.self, forKey: .result)
        reason = try container.decode(String.self, forKey: .reason)
        expected = try container.decode(String.self, forKey: .expected)
        actual = try container.decode(String.self, forKey: .actual)
        evidence = try container.decodeIfPresent([String].self, forKey: .evidence) ?? []
        exceptions = try container.decodeIfPresent([AppliedException].self, forKey: .exceptions) ?? []
    }
}
