import Foundation
import Testing
import TollgateAdmission
import TollgateModel
import TollgateStore

@Suite("Admission controller: samples, digests, tags, cache, deadline, modes, dryRun, recording")
struct AdmissionControllerTests {
    static let config = AdmissionConfig(cluster: "test-cluster", environment: "production", policy: "production",
                                        exclude: ["kube-system"])
    static let charlie = try! Digest(parsing: "sha256:91ac9b26df583762234c1cdb2fc930364754ccc59bc752a2bfe298d2ea68f9ff")
    static let alice = try! Digest(parsing: "sha256:1234567890123456123456789012345612345678901234561234567890123456")
    static let other = DigestAlgorithm.sha256.hash(Array("another image".utf8))

    static func review(_ file: String, _ controller: AdmissionController, _ environment: TestEnvironment) async throws -> AdmissionResult {
        try await review(try AdmissionFixtures.bytes(file), controller, environment)
    }

    static func review(_ bytes: [UInt8], _ controller: AdmissionController, _ environment: TestEnvironment) async throws -> AdmissionResult {
        switch await controller.review(bytes: bytes, in: environment) {
        case .review(let result):
            return result
        case .rejected(let error):
            throw error
        }
    }

    /// The response as JSON, parsed back from the bytes that would be sent.
    static func sent(_ result: AdmissionResult) throws -> JSONValue {
        try JSONValue.parse(result.bytes)
    }

    // MARK: Every shared sample, as the README says

    @Test("01, 03, 04, 05, 08, 09: tag-only images with no recorded tag history are denied, in the version sent, uid echoed")
    func tagOnlySamplesAreDenied() async throws {
        for file in ["01_deployment", "03_replicaset", "04_cronjob", "05_replication_controller", "08_job", "09_dply_multi_image", "07_statefulset"] {
            let environment = try TestEnvironment()
            let controller = AdmissionController(configuration: Self.config)
            let bytes = try AdmissionFixtures.bytes("connaisseur/\(file).json")
            let request = try AdmissionFixtures.json("connaisseur/\(file).json")
            let result = try await Self.review(bytes, controller, environment)
            let sent = try Self.sent(result)
            #expect(sent["apiVersion"] == request["apiVersion"], "\(file)")
            #expect(sent["kind"]?.stringValue == "AdmissionReview")
            #expect(sent["response"]?["uid"] == request["request"]?["uid"], "\(file)")
            #expect(sent["response"]?["allowed"]?.boolValue == false, "\(file)")
            #expect(sent["response"]?["status"]?["code"]?.intValue == 403)
            #expect(result.response.message?.contains("deploy it by digest") == true, "\(file): \(result.response.message ?? "")")
            #expect(environment.verifications.isEmpty, "nothing to verify without a digest")
        }
    }

    @Test("02 and 18/15: a digest signed by the trusted key is allowed; 17 (same digest, other repository, unsigned) is denied")
    func digestSamples() async throws {
        let environment = try TestEnvironment()
        environment.state.withLock { $0.signed = [Self.charlie] }
        environment.state.withLock { $0.signedRepositories = ["docker.io/securesystemsengineering/charlie-image", "my.reg/allow-me"] }
        let controller = AdmissionController(configuration: Self.config)
        let pod = try await Self.review("connaisseur/02_pod.json", controller, environment)
        #expect(pod.response.allowed, "\(pod.response.message ?? "")")
        #expect(pod.verdicts.first?.digest == Self.charlie)
        #expect(pod.verdicts.first?.normalized == "docker.io/securesystemsengineering/charlie-image@\(Self.charlie)")
        #expect(try await Self.review("connaisseur/18_allow_me_pod.json", controller, environment).response.allowed)
        #expect(try await Self.review("connaisseur/15_allow_me_job.json", controller, environment).response.allowed)
        // Same digest, another repository: decided on its own, never from allow-me's cached decision.
        let denied = try await Self.review("connaisseur/17_deny_me_pod.json", controller, environment)
        #expect(!denied.response.allowed)
        #expect(denied.response.message?.contains("rule artifact.signature") == true, "\(denied.response.message ?? "")")
        #expect(denied.response.message?.contains("see GET /v1/artifacts/\(Self.charlie)/decisions/production") == true)
    }

    @Test("06: a namespace excluded in the configuration is admitted unchecked, with an audit annotation")
    func excludedNamespace() async throws {
        let environment = try TestEnvironment()
        let result = try await Self.review("connaisseur/06_daemonset.json", AdmissionController(configuration: Self.config), environment)
        #expect(result.response.allowed)
        #expect(result.response.auditAnnotations["decision"] == "excluded")
        #expect(environment.verifications.isEmpty)
    }

    @Test("11: a Role is not a workload and is allowed without a check")
    func role() async throws {
        let result = try await Self.review("connaisseur/11_role.json", AdmissionController(configuration: Self.config), try TestEnvironment())
        #expect(result.response.allowed)
        #expect(result.verdicts.isEmpty)
    }

    @Test("12: a Pod whose object is not a Pod is denied with 400, its uid echoed, and the denial recorded")
    func malformedObject() async throws {
        let environment = try TestEnvironment()
        let result = try await Self.review("connaisseur/12_err_pod.json", AdmissionController(configuration: Self.config), environment)
        let denials = environment.state.withLock { $0.denials }
        #expect(denials.count == 1)
        #expect(denials.first?.reason?.contains("malformed admission request") == true)
        let sent = try Self.sent(result)
        #expect(sent["response"]?["uid"]?.stringValue == "0c3331b6-1812-11ea-b3fc-02897404852e")
        #expect(sent["response"]?["allowed"]?.boolValue == false)
        #expect(sent["response"]?["status"]?["code"]?.intValue == 400)
        #expect(sent["response"]?["status"]?["reason"]?.stringValue == "BadRequest")
    }

    @Test("19 and 20: the initContainer and the ephemeral container are checked, and their tag-only nginx denies the pod")
    func everyContainerList() async throws {
        for file in ["19_pod_initcontainer", "20_pod_ephemeralcontainer"] {
            let environment = try TestEnvironment()
            environment.state.withLock { $0.signed = [Self.charlie] }
            let result = try await Self.review("connaisseur/\(file).json", AdmissionController(configuration: Self.config), environment)
            #expect(!result.response.allowed, "\(file)")
            let nginx = result.verdicts.first { $0.container.image == "nginx" }
            #expect(nginx?.outcome == .deny)
            #expect(nginx?.normalized == "docker.io/library/nginx:latest")
            #expect(result.verdicts.first { $0.digest == Self.charlie }?.outcome == .allow)
        }
    }

    @Test("21 (request with only an operation) and 25 (null) are rejected, never allowed", arguments: [
        "connaisseur/21_broken_admission_request.json", "connaisseur/25_null_request.json",
    ])
    func rejected(_ file: String) async throws {
        let answer = await AdmissionController(configuration: Self.config).review(bytes: try AdmissionFixtures.bytes(file), in: try TestEnvironment())
        guard case .rejected(let error) = answer else {
            Issue.record("\(file) was answered as a review")
            return
        }
        #expect(error.kind == .malformedReview)
    }

    @Test("23 and 24: in name:tag@digest the digest wins; the tag is reported, and a tag history pointing elsewhere is ignored")
    func digestWins() async throws {
        let environment = try TestEnvironment()
        environment.state.withLock { state in
            state.signed = [Self.alice]
            state.observations = [TagObservationRecord(repository: "docker.io/securesystemsengineering/alice-image", tag: "test",
                                                       digest: Self.other, time: Date(timeIntervalSince1970: 1_700_000_000))]
        }
        let controller = AdmissionController(configuration: Self.config)
        let pinned = try await Self.review("connaisseur/23_alice_digest_dpl.json", controller, environment)
        let tagged = try await Self.review("connaisseur/24_alice_tag_digest_dpl.json", controller, environment)
        #expect(try Self.sent(tagged)["apiVersion"]?.stringValue == "admission.k8s.io/v1beta1")
        for result in [pinned, tagged] {
            #expect(result.response.allowed)
            #expect(result.verdicts.first?.digest == Self.alice)
            #expect(result.verdicts.first?.digestFrom == .reference)
        }
        #expect(tagged.verdicts.first?.tagIgnored == "test")
        #expect(environment.verifications == [Self.alice], "verified once, then admitted by lookup")
    }

    @Test("generated samples: the CronJob's tag-only initContainer, the Pod's implicit :latest and the kubectl-debug container are each judged")
    func generatedSamples() async throws {
        let environment = try TestEnvironment()
        let controller = AdmissionController(configuration: AdmissionConfig(policy: "production"))
        let cron = try await Self.review("tollgate-generated/cronjob-batch-v1-create.json", controller, environment)
        #expect(!cron.response.allowed)
        #expect(cron.verdicts.map(\.container.list) == [.containers, .initContainers])
        let pod = try await Self.review("tollgate-generated/pod-tag-and-digest-create.json", controller, environment)
        #expect(pod.verdicts.first { $0.container.image == "docker.io/library/busybox" }?.normalized == "docker.io/library/busybox:latest")
        #expect(pod.verdicts.first?.tagIgnored == "2.0.1")
        let debug = try await Self.review("tollgate-generated/pod-ephemeralcontainers-subresource-update.json", controller, environment)
        #expect(!debug.response.allowed)
        let netshoot = debug.verdicts.first { $0.container.list == .ephemeralContainers }
        #expect(netshoot?.normalized == "docker.io/nicolaka/netshoot:v0.13")
        #expect(netshoot?.outcome == .deny)
    }

    @Test("the responses have the shape of the sample responses (allow with auditAnnotations, deny with status, warn with warnings)")
    func responseShapes() async throws {
        let environment = try TestEnvironment()
        environment.state.withLock { state in
            state.signed = [Self.charlie]
            state.signedRepositories = ["docker.io/securesystemsengineering/charlie-image"]
        }
        let allow = try Self.sent(try await Self.review("connaisseur/02_pod.json", AdmissionController(configuration: Self.config), environment))
        let deny = try Self.sent(try await Self.review("connaisseur/17_deny_me_pod.json", AdmissionController(configuration: Self.config), environment))
        let warnConfig = AdmissionConfig(policy: "production", mode: .warn)
        let warn = try Self.sent(try await Self.review("connaisseur/17_deny_me_pod.json", AdmissionController(configuration: warnConfig), environment))
        for (ours, sample, fields) in [(allow, "response-allow", ["uid", "allowed", "auditAnnotations"]),
                                       (deny, "response-deny", ["uid", "allowed", "status"]),
                                       (warn, "response-warn", ["uid", "allowed", "warnings"])] {
            let expected = try AdmissionFixtures.json("tollgate-generated/\(sample).json")
            #expect(Set(ours.objectValue?.keys.map { $0 } ?? []) == Set(expected.objectValue?.keys.map { $0 } ?? []))
            for field in fields {
                #expect(ours["response"]?[field] != nil, "\(sample): \(field)")
            }
            #expect(ours["response"]?["allowed"] == expected["response"]?["allowed"], "\(sample)")
        }
        #expect(deny["response"]?["status"]?["code"] == 403)
        #expect(deny["response"]?["status"]?["reason"]?.stringValue == "Forbidden")
        for warning in warn["response"]?["warnings"]?.arrayValue ?? [] {
            #expect((warning.stringValue?.count ?? 0) <= 120)
        }
    }

    // MARK: Tags

    @Test("a tag-only image resolves only through the recorded tag history (the latest observation), and the answer says so")
    func tagResolution() async throws {
        let environment = try TestEnvironment()
        environment.state.withLock { state in
            state.signed = [Self.alice]
            state.observations = [
                TagObservationRecord(repository: "docker.io/securesystemsengineering/alice-image", tag: "test", digest: Self.other,
                                     time: Date(timeIntervalSince1970: 1_600_000_000)),
                TagObservationRecord(repository: "docker.io/securesystemsengineering/alice-image", tag: "test", digest: Self.alice,
                                     time: Date(timeIntervalSince1970: 1_700_000_000)),
            ]
        }
        let result = try await Self.review("connaisseur/01_deployment.json", AdmissionController(configuration: Self.config), environment)
        #expect(result.response.allowed, "\(result.response.message ?? "")")
        #expect(result.verdicts.first?.digest == Self.alice)
        #expect(result.verdicts.first?.digestFrom == .tagHistory)
        #expect(result.verdicts.first?.resolution?.contains("tag observation") == true)
        // A Docker Hub short name recorded as written counts too.
        environment.state.withLock { $0.observations = [TagObservationRecord(repository: "nginx", tag: "latest", digest: Self.alice, time: Date(timeIntervalSince1970: 1))] }
        environment.state.withLock { _ = $0.signedRepositories.insert("docker.io/library/nginx") }
        let nginx = try await Self.review("connaisseur/05_replication_controller.json", AdmissionController(configuration: Self.config), environment)
        #expect(nginx.verdicts.first?.digest == Self.alice)
    }

    @Test("where the policy says deploy.byDigest, a tag-only image is denied even with a recorded tag history")
    func byDigestDeniesTags() async throws {
        let environment = try TestEnvironment(policies: [TestEnvironment.byDigestPolicy])
        environment.state.withLock { state in
            state.signed = [Self.alice]
            state.observations = [TagObservationRecord(repository: "docker.io/securesystemsengineering/alice-image", tag: "test",
                                                       digest: Self.alice, time: Date(timeIntervalSince1970: 1_700_000_000))]
        }
        let controller = AdmissionController(configuration: AdmissionConfig(policy: "pinned"))
        let result = try await Self.review("connaisseur/01_deployment.json", controller, environment)
        #expect(!result.response.allowed)
        #expect(result.verdicts.first?.rules == ["deploy.byDigest"])
        #expect(result.response.message?.contains("requires a digest") == true)
        #expect(try await Self.review("connaisseur/24_alice_tag_digest_dpl.json", controller, environment).response.allowed)
    }

    // MARK: The cache key

    @Test("a cached decision is reused for the same key; a new policy version, trusted root, advisory or key-registry revision verifies again")
    func cacheKeyInvalidation() async throws {
        let environment = try TestEnvironment()
        environment.state.withLock { $0.signed = [Self.alice] }
        let controller = AdmissionController(configuration: Self.config)
        let file = "connaisseur/23_alice_digest_dpl.json"
        #expect(try await Self.review(file, controller, environment).response.allowed)
        #expect(try await Self.review(file, controller, environment).verdicts.first?.cached == true)
        #expect(environment.verifications.count == 1)
        // An advisory import.
        environment.state.withLock { $0.trust = AdmissionTrustState(trustedRootVersion: "sha256:root-1", advisoryRevision: 2) }
        #expect(try await Self.review(file, controller, environment).verdicts.first?.cached == false)
        #expect(environment.verifications.count == 2)
        // A trusted-root update.
        environment.state.withLock { $0.trust = AdmissionTrustState(trustedRootVersion: "sha256:root-2", advisoryRevision: 2) }
        _ = try await Self.review(file, controller, environment)
        #expect(environment.verifications.count == 3)
        // A key registered, rotated or revoked in the key registry.
        environment.state.withLock {
            $0.trust = AdmissionTrustState(trustedRootVersion: "sha256:root-2", advisoryRevision: 2, keyRegistryRevision: "sha256:keys-2")
        }
        #expect(try await Self.review(file, controller, environment).verdicts.first?.cached == false)
        #expect(environment.verifications.count == 4)
        #expect(try await Self.review(file, controller, environment).verdicts.first?.cached == true)
        #expect(environment.verifications.count == 4)
        // A policy change that now denies the same digest: the old allow is not reused.
        try environment.publish(TestEnvironment.signedPolicy.replacingOccurrences(of: TestEnvironment.trustedKey, with: String(repeating: "cd", count: 32)))
        let after = try await Self.review(file, controller, environment)
        #expect(!after.response.allowed)
        #expect(environment.verifications.count == 5)
    }

    // MARK: The deadline

    @Test("a first-seen digest whose verification outlives the deadline is denied with the reason, not answered when it ends")
    func deadline() async throws {
        let environment = try TestEnvironment()
        environment.state.withLock { state in
            state.signed = [Self.alice]
            // Far longer than the test may take, even when a whole test run on 2 cores starves the
            // cooperative pool: an answer at all shows the controller did not wait for it.
            state.verifyDelay = .seconds(600)
        }
        var config = Self.config
        config.deadline = .milliseconds(100)
        let controller = AdmissionController(configuration: config)
        let first = try await Self.review("connaisseur/23_alice_digest_dpl.json", controller, environment)
        #expect(!first.response.allowed)
        #expect(first.response.message?.contains("admission deadline") == true, "\(first.response.message ?? "")")
        #expect(environment.verifications.count == 1)
    }

    @Test("the verification a deadline cut off keeps running, and the controller's retry is answered from the cache")
    func retryAfterDeadline() async throws {
        let environment = try TestEnvironment()
        environment.state.withLock { state in
            state.signed = [Self.alice]
            state.verifyDelay = .seconds(2)
        }
        var config = Self.config
        config.deadline = .milliseconds(100)
        let controller = AdmissionController(configuration: config)
        let started = ContinuousClock.now
        // Denied at the deadline while the one verification runs (retries share it), then admitted
        // from the cache once it has finished.
        var retry = try await Self.review("connaisseur/23_alice_digest_dpl.json", controller, environment)
        while !retry.response.allowed, ContinuousClock.now - started < .seconds(120) {
            try await Task.sleep(for: .milliseconds(500))
            retry = try await Self.review("connaisseur/23_alice_digest_dpl.json", controller, environment)
        }
        #expect(retry.response.allowed)
        // The retry that saw it finish may have joined the running verification (it ended inside that
        // retry's deadline) rather than read the cache; the next one reads the cache, and there was one
        // verification in all.
        let next = try await Self.review("connaisseur/23_alice_digest_dpl.json", controller, environment)
        #expect(next.response.allowed)
        #expect(next.verdicts.first?.cached == true)
        #expect(environment.verifications.count == 1)
    }

    @Test("a verification that throws denies (a check that cannot run never admits), and is not cached")
    func failingVerification() async throws {
        let environment = try TestEnvironment()
        let controller = AdmissionController(configuration: AdmissionConfig(policy: "no-such-policy"))
        let result = try await Self.review("connaisseur/23_alice_digest_dpl.json", controller, environment)
        #expect(!result.response.allowed)
        #expect(result.response.message?.contains("cannot load policy 'no-such-policy'") == true)
    }

    // MARK: Modes and exclusions

    @Test("enforce denies, warn admits with warnings, audit admits with audit annotations only; each from the configuration")
    func modes() async throws {
        let environment = try TestEnvironment()
        let config = AdmissionConfig(policy: "production", namespaces: ["test-connaisseur": .init(mode: .warn), "connaisseur": .init(mode: .audit)])
        let controller = AdmissionController(configuration: config)
        let warned = try await Self.review("connaisseur/17_deny_me_pod.json", controller, environment)
        #expect(warned.response.allowed)
        #expect(warned.response.warnings.first?.contains("would deny my.reg/deny-me") == true)
        #expect(warned.response.auditAnnotations["decision"] == "warn-mode-deny")
        let audited = try await Self.review("connaisseur/15_allow_me_job.json", controller, environment)
        #expect(audited.response.allowed)
        #expect(audited.response.warnings.isEmpty)
        #expect(audited.response.auditAnnotations["decision"] == "audit-mode-deny")
        // Both would-be denials are recorded, as not enforced.
        let denials = environment.state.withLock { $0.denials }
        #expect(denials.map(\.enforced) == [false, false])
        #expect(denials.map(\.mode) == [.warn, .audit])
    }

    @Test("labels and annotations in the request cannot exclude a namespace or change its mode")
    func requestCannotOptOut() async throws {
        let environment = try TestEnvironment()
        let bytes = try AdmissionFixtures.edited("connaisseur/17_deny_me_pod.json") { request in
            guard case .object(var object)? = request["object"], case .object(var metadata)? = object["metadata"] else { return }
            metadata["labels"] = ["tollgate.dev/mode": "audit", "tollgate.dev/exclude": "true", "admission.tollgate.dev/ignore": "true"]
            metadata["annotations"] = ["tollgate.dev/mode": "audit", "tollgate.dev/skip": "true"]
            object["metadata"] = .object(metadata)
            request["object"] = .object(object)
        }
        let result = try await Self.review(bytes, AdmissionController(configuration: Self.config), environment)
        #expect(!result.response.allowed)
        #expect(result.mode == .enforce)
    }

    // MARK: dryRun and recording

    @Test("dryRun verifies and answers but records nothing: no deployment, no denial, no recorded verification")
    func dryRun() async throws {
        let environment = try TestEnvironment()
        let controller = AdmissionController(configuration: AdmissionConfig(policy: "production"))
        let result = try await Self.review("tollgate-generated/deployment-update-dryrun.json", controller, environment)
        #expect(!result.response.allowed)
        let dryDigest = try await Self.review(try AdmissionFixtures.edited("connaisseur/23_alice_digest_dpl.json") { $0["dryRun"] = true },
                                              controller, environment)
        #expect(!dryDigest.response.allowed)
        environment.state.withLock { state in
            #expect(state.deployments.isEmpty)
            #expect(state.denials.isEmpty)
            #expect(state.recordedVerifications == 0)
            #expect(state.verifications.count == 1)
        }
    }

    @Test("admitted workloads are recorded as deployments (cluster, namespace, service, digest) once; denials are recorded once per quiet period")
    func recording() async throws {
        let environment = try TestEnvironment()
        environment.state.withLock { state in
            state.signed = [Self.charlie]
            state.signedRepositories = ["docker.io/securesystemsengineering/charlie-image"]
        }
        let controller = AdmissionController(configuration: Self.config)
        _ = try await Self.review("connaisseur/02_pod.json", controller, environment)
        _ = try await Self.review("connaisseur/02_pod.json", controller, environment)
        _ = try await Self.review("connaisseur/17_deny_me_pod.json", controller, environment)
        _ = try await Self.review("connaisseur/17_deny_me_pod.json", controller, environment)
        environment.state.withLock { state in
            #expect(state.deployments.count == 1)
            let deployment = state.deployments.first
            #expect(deployment?.cluster == "test-cluster")
            #expect(deployment?.environment == "production")
            #expect(deployment?.namespace == "test-connaisseur")
            #expect(deployment?.service == "test-connaisseur")
            #expect(deployment?.digest == Self.charlie.description)
            #expect(state.denials.count == 1)
            #expect(state.denials.first?.enforced == true)
            #expect(state.denials.first?.images.first?.container.image == "my.reg/deny-me@\(Self.charlie)")
        }
    }

    @Test("in enforce mode, an admitted workload that cannot be recorded is denied (what runs is always in the inventory)")
    func recordingFailureDenies() async throws {
        let environment = try TestEnvironment()
        environment.state.withLock { state in
            state.signed = [Self.charlie]
            state.failRecording = true
        }
        let result = try await Self.review("connaisseur/02_pod.json", AdmissionController(configuration: Self.config), environment)
        #expect(!result.response.allowed)
        #expect(result.response.message?.contains("could not be recorded") == true)
    }

    @Test("an oversized or too deeply nested body is rejected before it is read as a review")
    func limits() async throws {
        let controller = AdmissionController(configuration: Self.config)
        let big = Array("{\"kind\":\"AdmissionReview\",\"pad\":\"".utf8) + [UInt8](repeating: 0x61, count: 2048) + Array("\"}".utf8)
        guard case .rejected(let error) = await controller.review(bytes: big, maxBytes: 1024, in: try TestEnvironment()) else {
            Issue.record("an oversized body was answered")
            return
        }
        #expect(error.kind == .tooLarge)
        let deep = Array(String(repeating: "[", count: 200).utf8) + Array(String(repeating: "]", count: 200).utf8)
        guard case .rejected(let nested) = await controller.review(bytes: deep, in: try TestEnvironment()) else {
            Issue.record("a deeply nested body was answered")
            return
        }
        #expect(nested.kind == .malformedReview)
    }
}
