/// Authorization header values already earned, per registry and scope, so a run asks the token
/// service once per repository and action set.
actor TokenCache {
    private var values: [String: String] = [:]

    func value(for key: String) -> String? { values[key] }

    func store(_ value: String, for key: String) { values[key] = value }
}
