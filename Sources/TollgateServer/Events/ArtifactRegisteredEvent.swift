/// The payload of an `artifact.registered` entry (`tollgate.dev/artifact/v1`).
struct ArtifactRegisteredEvent: Codable {
    var schemaVersion = "tollgate.dev/artifact/v1"
    let digest: String
    let name: String?
    let version: String?
    let purl: String?
}
