/// One release-review question with its answer and the evidence behind it.
public struct ReviewItem: Sendable, Hashable, Codable {
    public var id: String
    public var question: String
    public var answer: ReviewAnswer
    /// Whether the answer is the safe one (e.g. "no" for "could untrusted code influence it?").
    public var good: Bool?
    public var evidence: [String]

    public init(id: String, question: String, answer: ReviewAnswer, good: Bool?, evidence: [String]) {
        self.id = id
        self.question = question
        self.answer = answer
        self.good = good
        self.evidence = evidence
    }
}
