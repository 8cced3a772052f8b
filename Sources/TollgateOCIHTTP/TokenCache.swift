import Foundation
import TollgateOCI

/// Authorization header values already earned, per registry and scope, so a run asks the token
/// service once per repository and action set.
actor TokenCache {
    private var values: [String: String] = [:]

    func value(for key: String) -> String? { values[key] }

    func store(_ value: String, for key: String) { values[key] = value }
}

/// Each registry's credentials, found once per run (a credential helper runs once per registry,
/// unless two first requests race). A helper may take up to 30 s, so it runs on a dispatch queue,
/// never blocking the concurrency pool.
actor SecretCache {
    private var values: [String: RegistryCredentials.Secret?] = [:]

    func secret(for registry: String, from credentials: RegistryCredentials) async throws(OCIError) -> RegistryCredentials.Secret? {
        if let found = values[registry] { return found }
        let result: Result<RegistryCredentials.Secret?, OCIError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                do throws(OCIError) {
                    continuation.resume(returning: .success(try credentials.secret(for: registry)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        let secret = try result.get()
        values[registry] = .some(secret)
        return secret
    }
}
