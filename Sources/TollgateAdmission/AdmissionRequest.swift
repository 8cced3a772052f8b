import TollgateModel

/// `AdmissionReview.request`: what the API server asks about. Fields are read as the request
/// gives them; `WorkloadImages` and `AdmissionController` decide what a missing or mistyped field
/// means (always a denial, never an accidental allow).
public struct AdmissionRequest: Sendable {
    /// Echoed in the response (`response.uid` MUST equal `request.uid`).
    public let uid: String
    /// `request.kind` (the object's group, version, kind), e.g. `apps/v1 Deployment`.
    public let group: String
    public let version: String
    public let kind: String
    /// `request.resource.resource` (`pods`) and `request.subResource` (`ephemeralcontainers`).
    public let resource: String?
    public let subResource: String?
    public let name: String?
    /// Empty for cluster-scoped objects.
    public let namespace: String
    /// `CREATE`, `UPDATE`, `DELETE` or `CONNECT`.
    public let operation: String
    public let username: String?
    public let object: JSONValue?
    /// True when the API server will not persist the object (`kubectl apply --dry-run=server`):
    /// nothing is recorded.
    public let dryRun: Bool
    /// `dryRun` was present with another type than a boolean.
    public let dryRunInvalid: Bool

    init(uid: String, value: JSONValue) {
        self.uid = uid
        group = value["kind"]?["group"]?.stringValue ?? ""
        version = value["kind"]?["version"]?.stringValue ?? ""
        kind = value["kind"]?["kind"]?.stringValue ?? ""
        resource = value["resource"]?["resource"]?.stringValue
        subResource = value["subResource"]?.stringValue
        name = value["name"]?.stringValue
        namespace = value["namespace"]?.stringValue ?? ""
        operation = value["operation"]?.stringValue ?? ""
        username = value["userInfo"]?["username"]?.stringValue
        object = value["object"]
        let dry = value["dryRun"]
        dryRun = dry?.boolValue ?? false
        dryRunInvalid = dry != nil && dry?.isNull == false && dry?.boolValue == nil
    }

    /// `apps/v1 Deployment`, `v1 Pod`.
    public var kindDescription: String {
        (group.isEmpty ? version : "\(group)/\(version)") + " " + kind
    }
}
