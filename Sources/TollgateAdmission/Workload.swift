import TollgateModel

/// A workload object in an admission request, reduced to what admission needs: its images (every
/// container list of its pod template) and what names it as a service in the inventory.
///
/// Pods and every built-in controller are workloads: Deployment, ReplicaSet, StatefulSet,
/// DaemonSet, Job, CronJob, ReplicationController, and the `pods/ephemeralcontainers`
/// subresource (`kubectl debug`), whose object is the whole Pod (or, before Kubernetes 1.22, an
/// `EphemeralContainers` object).
public struct Workload: Sendable {
    public let kind: String
    public let name: String?
    public let images: [ContainerImage]
    /// The service name recorded with a deployment: the `app.kubernetes.io/name` or `app` label,
    /// else the controlling owner (a ReplicaSet's pod-template hash removed), else the object's name.
    public let service: String?

    /// Where each workload kind keeps its pod spec, by API group.
    static let podSpecPaths: [String: (groups: Set<String>, path: [String])] = [
        "Pod": ([""], ["spec"]),
        "ReplicationController": ([""], ["spec", "template", "spec"]),
        "Deployment": (["apps", "extensions"], ["spec", "template", "spec"]),
        "ReplicaSet": (["apps", "extensions"], ["spec", "template", "spec"]),
        "StatefulSet": (["apps"], ["spec", "template", "spec"]),
        "DaemonSet": (["apps", "extensions"], ["spec", "template", "spec"]),
        "Job": (["batch"], ["spec", "template", "spec"]),
        "CronJob": (["batch"], ["spec", "jobTemplate", "spec", "template", "spec"]),
        // The pods/ephemeralcontainers subresource before Kubernetes 1.22: the lists are top level.
        "EphemeralContainers": ([""], []),
    ]

    /// The most containers read from one pod spec list (Kubernetes has no limit; the body limit
    /// bounds it, this bounds the work).
    public static let maxContainers = 1000

    /// Whether `request` is about a workload kind Tollgate checks.
    public static func isWorkload(_ request: AdmissionRequest) -> Bool {
        guard let entry = podSpecPaths[request.kind] else { return false }
        return entry.groups.contains(request.group)
    }

    /// The workload of `request`, or a reason why its object is not a well-formed workload of its kind.
    public init(_ request: AdmissionRequest) throws(WorkloadError) {
        guard let entry = Self.podSpecPaths[request.kind], entry.groups.contains(request.group) else {
            throw WorkloadError("\(request.kindDescription) is not a workload kind")
        }
        guard let object = request.object, object.objectValue != nil else {
            throw WorkloadError("the request has no object to check")
        }
        var spec = object
        var walked = "object"
        for key in entry.path {
            walked += ".\(key)"
            guard let next = spec[key], next.objectValue != nil else {
                throw WorkloadError("\(request.kind) without \(walked): not a well-formed \(request.kind)")
            }
            spec = next
        }
        var images: [ContainerImage] = []
        for list in ContainerImage.List.allCases {
            guard let value = spec[list.rawValue], !value.isNull else {
                if list == .containers && request.kind != "EphemeralContainers" {
                    throw WorkloadError("\(walked).containers is missing: not a well-formed \(request.kind)")
                }
                continue
            }
            guard let containers = value.arrayValue else { throw WorkloadError("\(walked).\(list.rawValue) is not a list") }
            guard containers.count <= Self.maxContainers else {
                throw WorkloadError("\(walked).\(list.rawValue) has \(containers.count) containers; at most \(Self.maxContainers) are read")
            }
            for (index, container) in containers.enumerated() {
                let name = container["name"]?.stringValue ?? "#\(index)"
                guard let image = container["image"]?.stringValue, !image.isEmpty else {
                    throw WorkloadError("\(list.rawValue) '\(name.prefix(63))' has no image; every container must name one to be checked")
                }
                let pointer = (entry.path + [list.rawValue, String(index), "image"]).map { "/" + $0 }.joined()
                images.append(ContainerImage(list: list, name: name, image: image, pointer: pointer))
            }
        }
        kind = request.kind
        let metadata = object["metadata"]
        name = metadata?["name"]?.stringValue ?? request.name
        service = Self.service(metadata: metadata, fallback: name ?? metadata?["generateName"]?.stringValue)
        self.images = images
    }

    static func service(metadata: JSONValue?, fallback: String?) -> String? {
        let labels = metadata?["labels"]
        for key in ["app.kubernetes.io/name", "app"] {
            if let value = labels?[key]?.stringValue, !value.isEmpty, value.utf8.count <= 253 { return value }
        }
        let owners = metadata?["ownerReferences"]?.arrayValue ?? []
        if let owner = owners.first(where: { $0["controller"]?.boolValue == true }) ?? owners.first,
           var ownerName = owner["name"]?.stringValue, !ownerName.isEmpty {
            if owner["kind"]?.stringValue == "ReplicaSet", let hash = labels?["pod-template-hash"]?.stringValue,
               ownerName.hasSuffix("-" + hash) {
                ownerName.removeLast(hash.count + 1)
            }
            return String(ownerName.prefix(253))
        }
        guard var fallback, !fallback.isEmpty else { return nil }
        if fallback.hasSuffix("-") { fallback.removeLast() }
        return String(fallback.prefix(253))
    }
}

/// Why an admission request's object is not a well-formed workload.
public struct WorkloadError: Error, Sendable {
    public let reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}
