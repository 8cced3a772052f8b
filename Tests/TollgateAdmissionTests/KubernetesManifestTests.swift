import Foundation
import Testing

/// deploy/kubernetes: the Helm chart rendered (default and custom values) and the raw manifests
/// validate strictly against the Kubernetes OpenAPI schemas (PyPI kubernetes-validate), the raw
/// manifests are the chart's default rendering, and the validator rejects a broken manifest.
@Suite("Kubernetes manifests and Helm chart")
struct KubernetesManifestTests {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()

    @Test("scripts/validate-kubernetes.sh passes: schemas, chart = manifests, and a broken manifest is rejected")
    func manifestsValidate() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Self.root.appendingPathComponent("scripts/validate-kubernetes.sh").path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("valid against Kubernetes"))
        #expect(!text.contains("ERROR"))
    }

    @Test("the webhook fails closed, skips only kube-system and Tollgate's namespace, and sees every workload and ephemeral containers")
    func webhookConfiguration() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("deploy/kubernetes/manifests/validatingwebhookconfiguration.yaml"), encoding: .utf8)
        #expect(text.contains("failurePolicy: Fail"))
        #expect(text.contains("values: [kube-system, tollgate-system]"))
        #expect(text.contains("sideEffects: NoneOnDryRun"))
        for resource in ["pods", "pods/ephemeralcontainers", "replicationcontrollers", "deployments", "replicasets", "statefulsets",
                         "daemonsets", "jobs", "cronjobs"] {
            #expect(text.contains(resource), "\(resource)")
        }
    }

    @Test("the optional mutating webhook pins through /v1/admission/pin, never blocks and is not reinvoked; off by default")
    func mutatingWebhook() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("deploy/kubernetes/manifests/optional/mutatingwebhookconfiguration.yaml"),
                              encoding: .utf8)
        #expect(text.contains("kind: MutatingWebhookConfiguration"))
        #expect(text.contains("path: /v1/admission/pin"))
        #expect(text.contains("failurePolicy: Ignore"))
        #expect(text.contains("reinvocationPolicy: Never"))
        #expect(text.contains("sideEffects: None\n"))
        #expect(text.contains("values: [kube-system, tollgate-system]"))
        #expect(!FileManager.default.fileExists(atPath: Self.root.appendingPathComponent("deploy/kubernetes/manifests/mutatingwebhookconfiguration.yaml").path))
    }

    @Test("server.clientCASecret starts the server with --tls-client-ca on the mounted CA; without it neither is rendered")
    func clientCA() throws {
        func render(_ arguments: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", Self.root.appendingPathComponent("scripts/render-chart.py").path] + arguments
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            return text
        }
        let with = try render(["--set", "server.clientCASecret=apiserver-client-ca"])
        #expect(with.contains("- --tls-client-ca\n            - /client-ca/ca.crt\n"))
        #expect(with.contains("secretName: apiserver-client-ca"))
        #expect(with.contains("mountPath: /client-ca"))
        let without = try render([])
        #expect(!without.contains("--tls-client-ca"))
        #expect(!without.contains("client-ca"))
        #expect(!without.contains("MutatingWebhookConfiguration"))
    }
}
