/// Where something runs, in words: `production/eu-1/shop checkout` (environment, cluster and
/// namespace joined by `/`, then the service).
public enum DeploymentSlot {
    public static func describe(environment: String, cluster: String?, namespace: String?, service: String?) -> String {
        [environment, cluster, namespace].compactMap { $0 }.joined(separator: "/") + (service.map { " " + $0 } ?? "")
    }
}
