/// Where one alert delivery stands in the outbox (docs/dashboard.md#alerts).
public enum AlertDeliveryStatus: String, Sendable, CaseIterable, Codable {
    /// Not delivered yet; tried again at its next attempt time.
    case pending
    /// The sink accepted it.
    case delivered
    /// Every attempt failed: dead-lettered, shown on the dashboard and in the metrics.
    case dead
}
