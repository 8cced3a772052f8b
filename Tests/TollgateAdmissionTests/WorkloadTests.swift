import Testing
import TollgateAdmission
import TollgateModel

@Suite("Admission workloads: every kind and container list")
struct WorkloadTests {
    static func request(_ name: String) throws -> AdmissionRequest {
        try AdmissionReview(bytes: try AdmissionFixtures.bytes(name)).request
    }

    @Test("each workload kind's pod spec is found, with the image of each container list", arguments: [
        ("connaisseur/01_deployment.json", "Deployment", ["containers=securesystemsengineering/alice-image:test"]),
        ("connaisseur/02_pod.json", "Pod", ["containers=securesystemsengineering/charlie-image@sha256:91ac9b26df583762234c1cdb2fc930364754ccc59bc752a2bfe298d2ea68f9ff"]),
        ("connaisseur/03_replicaset.json", "ReplicaSet", ["containers=securesystemsengineering/sample-san-sama:hai"]),
        ("connaisseur/04_cronjob.json", "CronJob", ["containers=busybox"]),
        ("connaisseur/05_replication_controller.json", "ReplicationController", ["containers=nginx"]),
        ("connaisseur/06_daemonset.json", "DaemonSet", ["containers=quay.io/fluentd_elasticsearch/fluentd:v2.5.2"]),
        ("connaisseur/07_statefulset.json", "StatefulSet", ["containers=registry.k8s.io/nginx-slim:0.8"]),
        ("connaisseur/08_job.json", "Job", ["containers=perl:5.34.0"]),
        ("connaisseur/09_dply_multi_image.json", "Deployment", ["containers=redis:alpine", "containers=mysql:8", "initContainers=busybox:1.32"]),
        ("connaisseur/19_pod_initcontainer.json", "Pod", ["containers=securesystemsengineering/charlie-image@sha256:91ac9b26df583762234c1cdb2fc930364754ccc59bc752a2bfe298d2ea68f9ff", "initContainers=nginx"]),
        ("connaisseur/20_pod_ephemeralcontainer.json", "Pod", ["containers=securesystemsengineering/charlie-image@sha256:91ac9b26df583762234c1cdb2fc930364754ccc59bc752a2bfe298d2ea68f9ff", "ephemeralContainers=nginx"]),
        ("tollgate-generated/cronjob-batch-v1-create.json", "CronJob", ["containers=registry.example.com/payments/report@sha256:abababababababababababababababababababababababababababababababab", "initContainers=registry.example.com/payments/migrate:1.4.2"]),
        ("tollgate-generated/pod-ephemeralcontainers-subresource-update.json", "Pod", ["containers=registry.example.com/payments/api:2.0.1@sha256:abababababababababababababababababababababababababababababababab", "containers=docker.io/library/busybox", "initContainers=ghcr.io/example/init:latest", "ephemeralContainers=docker.io/nicolaka/netshoot:v0.13"]),
    ])
    func everyKind(_ file: String, _ kind: String, _ expected: [String]) throws {
        let request = try Self.request(file)
        #expect(Workload.isWorkload(request))
        let workload = try Workload(request)
        #expect(workload.kind == kind)
        #expect(workload.images.map { "\($0.list.rawValue)=\($0.image)" } == expected)
    }

    @Test("the service is the app label, else the controlling owner without the pod-template hash, else the name")
    func serviceNames() throws {
        #expect(try Workload(try Self.request("connaisseur/02_pod.json")).service == "test-connaisseur")
        #expect(try Workload(try Self.request("tollgate-generated/pod-tag-and-digest-create.json")).service == "api-7d9f")
        // Without the app label: the ReplicaSet owner, its pod-template hash removed.
        let unlabelled = try AdmissionFixtures.edited("connaisseur/02_pod.json") { request in
            guard case .object(var object)? = request["object"], case .object(var metadata)? = object["metadata"],
                  case .object(var labels)? = metadata["labels"] else { return }
            labels["app"] = nil
            metadata["labels"] = .object(labels)
            object["metadata"] = .object(metadata)
            request["object"] = .object(object)
        }
        #expect(try Workload(try AdmissionReview(bytes: unlabelled).request).service == "charlie-deployment")
        #expect(try Workload(try Self.request("connaisseur/07_statefulset.json")).service == "web")
    }

    @Test("a Role is not a workload; a Pod whose object is not a Pod is malformed, not an empty workload")
    func nonWorkloads() throws {
        #expect(!Workload.isWorkload(try Self.request("connaisseur/11_role.json")))
        let broken = try Self.request("connaisseur/12_err_pod.json")
        #expect(Workload.isWorkload(broken))
        #expect(throws: WorkloadError.self) { try Workload(broken) }
    }

    @Test("a kind named like a workload in another API group is not taken for one")
    func otherGroups() throws {
        let bytes = try AdmissionFixtures.edited("connaisseur/07_statefulset.json") { request in
            request["kind"] = ["group": "example.com", "version": "v1", "kind": "StatefulSet"]
        }
        #expect(!Workload.isWorkload(try AdmissionReview(bytes: bytes).request))
    }

    @Test("a container without an image is malformed (nothing is skipped silently)")
    func containerWithoutImage() throws {
        let bytes = try AdmissionFixtures.edited("connaisseur/02_pod.json") { request in
            request["object"] = ["spec": ["containers": [["name": "app"]]]]
        }
        #expect(throws: WorkloadError.self) { try Workload(try AdmissionReview(bytes: bytes).request) }
    }
}
