import Foundation
import Yams

/// The server's admission configuration (`tollgate serve --admission-config FILE`): the cluster's
/// name, the policy and mode of each namespace, and the namespaces not checked at all.
///
/// Modes and exclusions come only from this file, never from the request (a namespace label or an
/// object annotation is written by whoever may deploy, so it cannot switch the gate off). Every
/// namespace not named is enforced with the default policy: no opt-in label is needed.
///
/// ```yaml
/// apiVersion: tollgate.dev/v1
/// kind: AdmissionConfig
/// cluster: prod-eu-1
/// environment: production
/// policy: production          # the default policy (published with PUT /v1/policies/production)
/// mode: enforce               # the default mode
/// deadlineMilliseconds: 2000  # first-seen inline verification budget
/// cacheSeconds: 300
/// registryEvidence: true      # also read what the image's registry attaches (cosign signatures, attestations)
/// exclude: [kube-system, tollgate-system]
/// namespaces:
///   staging: { mode: warn, policy: staging }
///   sandbox: { mode: audit }
/// ```
public struct AdmissionConfig: Sendable, Hashable {
    public struct NamespaceSettings: Sendable, Hashable {
        public var mode: NamespaceMode?
        public var policy: String?

        public init(mode: NamespaceMode? = nil, policy: String? = nil) {
            self.mode = mode
            self.policy = policy
        }
    }

    /// Recorded with every deployment (`deployment.recorded`).
    public var cluster: String?
    public var environment: String
    /// The policy of every namespace without its own.
    public var policy: String
    public var mode: NamespaceMode
    public var namespaces: [String: NamespaceSettings]
    /// Namespaces admitted without a check (answered allowed, with an audit annotation saying so).
    public var exclude: Set<String>
    /// How long a first-seen digest's inline verification may take before the request is denied.
    public var deadline: Duration
    /// How long a decision is reused for the same (digest, policy digest, trusted root, advisory
    /// revision): time-dependent rules (exception expiry, remediation days) are re-evaluated after it.
    public var cacheLifetime: Duration
    /// Whether inline verification also reads the evidence the image's registry attaches (cosign
    /// signatures, attestations, SBOMs; docs/images.md) besides the evidence stored on the server.
    /// A registry that cannot be read then denies (the check cannot run).
    public var registryEvidence: Bool
    /// Plain-HTTP registries (loopback test registries only; `--allow-http-registry`).
    public var allowHTTPRegistry: Bool

    public static let maxBytes = 1 << 20

    public init(cluster: String? = nil, environment: String = "kubernetes", policy: String, mode: NamespaceMode = .enforce,
                namespaces: [String: NamespaceSettings] = [:], exclude: Set<String> = [],
                deadline: Duration = .milliseconds(2000), cacheLifetime: Duration = .seconds(300),
                registryEvidence: Bool = false, allowHTTPRegistry: Bool = false) {
        self.cluster = cluster
        self.environment = environment
        self.policy = policy
        self.mode = mode
        self.namespaces = namespaces
        self.exclude = exclude
        self.deadline = deadline
        self.cacheLifetime = cacheLifetime
        self.registryEvidence = registryEvidence
        self.allowHTTPRegistry = allowHTTPRegistry
    }

    /// The mode and policy name of `namespace`, or nil when it is excluded.
    public func settings(for namespace: String) -> (mode: NamespaceMode, policy: String)? {
        guard !exclude.contains(namespace) else { return nil }
        let own = namespaces[namespace]
        return (own?.mode ?? mode, own?.policy ?? policy)
    }

    /// Reads a configuration file.
    public init(contentsOf path: String) throws(AdmissionError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AdmissionError(.invalidConfiguration, "cannot read the admission configuration '\(path)'")
        }
        try self.init(yaml: [UInt8](data), file: path)
    }

    /// Parses the YAML (or JSON) document; unknown keys are errors, so a typo never disables a check.
    public init(yaml bytes: [UInt8], file: String = "<admission config>") throws(AdmissionError) {
        func fail(_ why: String) -> AdmissionError {
            AdmissionError(.invalidConfiguration, "\(file): \(why)")
        }
        guard bytes.count <= Self.maxBytes else { throw fail("the file is larger than \(Self.maxBytes) bytes") }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: String(decoding: bytes, as: UTF8.self)) else { throw fail("the file is empty") }
            root = node
        } catch let error as AdmissionError {
            throw error
        } catch {
            throw fail("not YAML: \(String(describing: error).prefix(200))")
        }
        let top = try Self.mapping(root, allowed: ["apiVersion", "kind", "cluster", "environment", "policy", "mode", "namespaces",
                                                   "exclude", "deadlineMilliseconds", "cacheSeconds", "registryEvidence",
                                                   "allowHTTPRegistry"], at: "the document", fail: fail)
        guard try top["apiVersion"].map({ n throws(AdmissionError) in try Self.string(n, at: "apiVersion", fail: fail) }) == "tollgate.dev/v1" else {
            throw fail("apiVersion must be tollgate.dev/v1")
        }
        guard try top["kind"].map({ n throws(AdmissionError) in try Self.string(n, at: "kind", fail: fail) }) == "AdmissionConfig" else {
            throw fail("kind must be AdmissionConfig")
        }
        guard let policyNode = top["policy"] else { throw fail("policy (the default policy's name) is required") }
        policy = try Self.name(policyNode, at: "policy", fail: fail)
        cluster = try top["cluster"].map { n throws(AdmissionError) in try Self.name(n, at: "cluster", fail: fail) }
        environment = try top["environment"].map { n throws(AdmissionError) in try Self.name(n, at: "environment", fail: fail) } ?? "kubernetes"
        mode = try top["mode"].map { n throws(AdmissionError) in try Self.mode(n, at: "mode", fail: fail) } ?? .enforce
        var excluded: Set<String> = []
        if let node = top["exclude"] {
            guard case .sequence(let items) = node else { throw fail("exclude must be a list of namespace names") }
            for item in items { excluded.insert(try Self.name(item, at: "exclude[]", fail: fail)) }
        }
        exclude = excluded
        var settings: [String: NamespaceSettings] = [:]
        if let node = top["namespaces"] {
            guard case .mapping(let entries) = node else { throw fail("namespaces must map namespace names to {mode, policy}") }
            for (key, value) in entries {
                let namespace = try Self.name(key, at: "namespaces", fail: fail)
                let fields = try Self.mapping(value, allowed: ["mode", "policy"], at: "namespaces.\(namespace)", fail: fail)
                settings[namespace] = NamespaceSettings(
                    mode: try fields["mode"].map { n throws(AdmissionError) in try Self.mode(n, at: "namespaces.\(namespace).mode", fail: fail) },
                    policy: try fields["policy"].map { n throws(AdmissionError) in try Self.name(n, at: "namespaces.\(namespace).policy", fail: fail) })
            }
        }
        namespaces = settings
        let deadlineMilliseconds = try top["deadlineMilliseconds"].map { n throws(AdmissionError) in
            try Self.int(n, in: 1...25_000, at: "deadlineMilliseconds", fail: fail)
        } ?? 2000
        deadline = .milliseconds(deadlineMilliseconds)
        cacheLifetime = .seconds(try top["cacheSeconds"].map { n throws(AdmissionError) in
            try Self.int(n, in: 0...86_400, at: "cacheSeconds", fail: fail)
        } ?? 300)
        registryEvidence = try top["registryEvidence"].map { n throws(AdmissionError) in try Self.bool(n, at: "registryEvidence", fail: fail) } ?? false
        allowHTTPRegistry = try top["allowHTTPRegistry"].map { n throws(AdmissionError) in try Self.bool(n, at: "allowHTTPRegistry", fail: fail) } ?? false
    }

    private static func bool(_ node: Node, at path: String, fail: (String) -> AdmissionError) throws(AdmissionError) -> Bool {
        switch try string(node, at: path, fail: fail) {
        case "true": return true
        case "false": return false
        default: throw fail("\(path) must be true or false")
        }
    }

    private static func mapping(_ node: Node, allowed: Set<String>, at path: String,
                                fail: (String) -> AdmissionError) throws(AdmissionError) -> [String: Node] {
        guard case .mapping(let mapping) = node else { throw fail("\(path) must be a mapping") }
        var result: [String: Node] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else { throw fail("\(path) has a key that is not a string") }
            guard allowed.contains(scalar.string) else {
                throw fail("unknown key '\(scalar.string.prefix(60))' in \(path); expected one of: \(allowed.sorted().joined(separator: ", "))")
            }
            guard result[scalar.string] == nil else { throw fail("duplicate key '\(scalar.string.prefix(60))' in \(path)") }
            result[scalar.string] = value
        }
        return result
    }

    private static func string(_ node: Node, at path: String, fail: (String) -> AdmissionError) throws(AdmissionError) -> String {
        guard case .scalar(let scalar) = node else { throw fail("\(path) must be a string") }
        return scalar.string
    }

    /// A Kubernetes-style name: 1 to 253 characters, printable, no spaces.
    private static func name(_ node: Node, at path: String, fail: (String) -> AdmissionError) throws(AdmissionError) -> String {
        let text = try string(node, at: path, fail: fail)
        guard !text.isEmpty, text.utf8.count <= 253, text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw fail("\(path) must be 1 to 253 printable characters without spaces; found '\(text.prefix(60))'")
        }
        return text
    }

    private static func mode(_ node: Node, at path: String, fail: (String) -> AdmissionError) throws(AdmissionError) -> NamespaceMode {
        let text = try string(node, at: path, fail: fail)
        guard let mode = NamespaceMode(rawValue: text) else {
            throw fail("\(path) must be enforce, warn or audit; found '\(text.prefix(40))'")
        }
        return mode
    }

    private static func int(_ node: Node, in range: ClosedRange<Int>, at path: String,
                            fail: (String) -> AdmissionError) throws(AdmissionError) -> Int {
        guard let value = Int(try string(node, at: path, fail: fail)), range.contains(value) else {
            throw fail("\(path) must be a whole number in \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }
}
