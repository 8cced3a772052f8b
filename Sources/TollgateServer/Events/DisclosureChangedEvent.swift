/// The payload of a `disclosure.changed` entry (`tollgate.dev/disclosure/v1`).
struct DisclosureChangedEvent: Codable {
    var schemaVersion = "tollgate.dev/disclosure/v1"
    let digest: String
    let `public`: Bool
}
