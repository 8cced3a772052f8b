/// Every token, as `tollgate token list --format json` prints it and `GET /v1/tokens` returns it.
public struct TokenListReport: Sendable, Encodable {
    public var schemaVersion = "tollgate.dev/tokens/v1"
    public let tokens: [TokenSummary]

    public init(tokens: [TokenSummary]) {
        self.tokens = tokens
    }
}
