import TollgateOCI

/// Authorization header values already earned, per registry and scope, so a run asks the token
/// service once per repository and action set.
actor TokenCache {
    private var values: [String: String] = [:]

    func value(for key: String) -> String? { values[key] }

    func store(_ value: String, for key: String) { values[key] = value }
}

/// Each registry's credentials, found once per run (a credential helper runs at most once per registry).
actor SecretCache {
    private var values: [String: RegistryCredentials.Secret?] = [:]

    func secret(for registry: String, from credentials: RegistryCredentials) throws(OCIError) -> RegistryCredentials.Secret? {
        if let found = values[registry] { return found }
        let secret = try credentials.secret(for: registry)
        values[registry] = .some(secret)
        return secret
    }
}
