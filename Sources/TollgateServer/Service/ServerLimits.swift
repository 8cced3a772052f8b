/// What one request may cost: body size, JSON nesting, time, and the rate per principal.
public struct ServerLimits: Sendable {
    /// The largest request body (an evidence document, a policy).
    public var maxBodyBytes = 16 << 20
    /// The deepest JSON nesting accepted in a request body.
    public var maxJSONDepth = 64
    /// How long a request may run before it is answered 503.
    public var requestTimeout: Duration = .seconds(30)
    /// Sustained requests per second per principal (per address when anonymous).
    public var requestsPerSecond: Double = 50
    /// Requests a principal may send at once above the sustained rate.
    public var burst = 200

    public init() {}
}
