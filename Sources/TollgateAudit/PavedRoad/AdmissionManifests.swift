/// The Kubernetes admission manifests `tollgate init` writes into `deploy/kubernetes/tollgate/`: the Helm chart of
/// `deploy/kubernetes/helm/tollgate` rendered with its default values, exactly the files of
/// `deploy/kubernetes/manifests/` (docs/admission.md#plain-manifests). They are compiled in
/// (`AdmissionManifests+Rendered.swift`, generated from those files and checked against them by
/// `AdmissionManifestsTests`), so the binary carries no second, drifting copy.
enum AdmissionManifests {
    /// Where `init` writes them in the checkout (CODEOWNERS owns `/deploy/`).
    static let directory = "deploy/kubernetes/tollgate"

    static var files: [PavedRoad.File] {
        rendered.map { name, contents in
            let kind = contents.split(separator: "\n").first { $0.hasPrefix("kind: ") }.map { String($0.dropFirst("kind: ".count)) } ?? name
            return PavedRoad.File(path: "\(directory)/\(name)", contents: contents,
                                  purpose: "Kubernetes admission webhook: \(kind) (the chart's default rendering)")
        }
    }
}
