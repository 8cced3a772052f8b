import TollgateModel

/// The severity of advisories by id, from the server's advisory database (`unknown` without one,
/// or for an id it does not hold).
enum SeverityLookup {
    static func severities(_ ids: Set<String>, state: LoadedState) async throws -> [String: Severity] {
        guard let advisories = state.advisories, !ids.isEmpty else { return [:] }
        return try await advisories.advisories(ids: ids).mapValues { Severity(rawValue: $0.severity.lowercased()) ?? Severity(label: $0.severity) ?? .unknown }
    }

    /// Worst first.
    static let order: [Severity] = [.critical, .high, .medium, .low, .none, .unknown]
}
