/// The payload of a `policy.published` entry (`tollgate.dev/policy-version/v1`): the document is
/// in the blob store under `digest`.
struct PolicyPublishedEvent: Codable {
    var schemaVersion = "tollgate.dev/policy-version/v1"
    let name: String
    let digest: String
    let size: Int
}
