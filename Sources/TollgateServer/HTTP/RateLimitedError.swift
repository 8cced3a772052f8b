/// A request refused by the rate limiter; the response says when to retry (`Retry-After`).
struct RateLimitedError: Error {
    let retryAfter: Int
}
