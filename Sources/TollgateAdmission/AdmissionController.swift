import Foundation
import Synchronization
import TollgateInventory
import TollgateModel
import TollgateOCI
import TollgatePolicy
import TollgateStore
import TollgateVerify

/// Kubernetes admission: an AdmissionReview in, a well-formed answer out, in the same apiVersion.
///
/// For every container image (containers, initContainers, ephemeralContainers) of a workload it
/// finds the digest — from the reference (the digest wins over a tag), or for a tag-only reference
/// only through the recorded tag history, and not at all where the policy says `deploy.byDigest` —
/// then the gate's decision for (digest, policy digest, trusted root, advisory revision): from the
/// cache, or verified inline under `AdmissionConfig.deadline`. Anything that cannot be checked is
/// denied with its reason; the namespace's mode (from the configuration only) says whether a
/// denial blocks (`enforce`), warns (`warn`) or is only audited (`audit`).
public final class AdmissionController: Sendable {
    public let configuration: AdmissionConfig
    public let cache: DecisionCache
    private let now: @Sendable () -> Date
    /// Deployments already recorded by this process ("namespace|service|image|digest").
    private let recordedDeployments = Mutex<Set<String>>([])
    /// Denials recorded recently, so a controller retrying in a loop does not flood the ledger.
    private let recentDenials = Mutex<[String: ContinuousClock.Instant]>([:])
    static let denialQuietPeriod: Duration = .seconds(60)
    static let maxRemembered = 100_000

    public enum Answer: Sendable {
        /// A well-formed AdmissionReview response (HTTP 200), allowed or not.
        case review(AdmissionResult)
        /// Not an AdmissionReview with a uid to echo: HTTP 400 (or 413), never "allowed".
        case rejected(AdmissionError)
    }

    public init(configuration: AdmissionConfig, now: @escaping @Sendable () -> Date = { Date() }) {
        self.configuration = configuration
        self.now = now
        cache = DecisionCache(lifetime: configuration.cacheLifetime)
    }

    /// Answers a request body with what `environment` holds (the server's stores, or the CLI's files).
    public func review(bytes: [UInt8], maxBytes: Int = AdmissionReview.maxBytes, in environment: any AdmissionEnvironment) async -> Answer {
        do {
            return .review(await review(try AdmissionReview(bytes: bytes, maxBytes: maxBytes), in: environment))
        } catch {
            return .rejected(error)
        }
    }

    public func review(_ review: AdmissionReview, in environment: any AdmissionEnvironment) async -> AdmissionResult {
        let request = review.request
        func answer(_ response: AdmissionResponse, _ verdicts: [ImageVerdict] = [], mode: NamespaceMode? = nil,
                    policy: String? = nil) -> AdmissionResult {
            AdmissionResult(apiVersion: review.apiVersion, response: response, verdicts: verdicts, mode: mode, policy: policy)
        }
        func malformed(_ why: String) -> AdmissionResult {
            answer(AdmissionResponse(uid: request.uid, allowed: false, code: 400,
                                     message: "tollgate: malformed admission request: \(why); denied (Tollgate never admits what it cannot read)",
                                     auditAnnotations: ["decision": "deny", "reason": "malformed"]))
        }
        guard ["CREATE", "UPDATE", "DELETE", "CONNECT"].contains(request.operation) else {
            return malformed("operation '\(request.operation.prefix(40))' is not CREATE, UPDATE, DELETE or CONNECT")
        }
        guard !request.dryRunInvalid else { return malformed("dryRun is not true or false") }
        guard let settings = configuration.settings(for: request.namespace) else {
            return answer(AdmissionResponse(uid: request.uid, allowed: true,
                                            auditAnnotations: ["decision": "excluded",
                                                               "reason": "namespace \(request.namespace) is excluded in the admission configuration"]))
        }
        guard request.operation == "CREATE" || request.operation == "UPDATE" else {
            return answer(AdmissionResponse(uid: request.uid, allowed: true,
                                            auditAnnotations: ["decision": "allow", "reason": "\(request.operation) starts no container"]))
        }
        guard Workload.isWorkload(request) else {
            return answer(AdmissionResponse(uid: request.uid, allowed: true,
                                            auditAnnotations: ["decision": "allow", "reason": "\(request.kindDescription) is not a workload"]))
        }
        let workload: Workload
        do {
            workload = try Workload(request)
        } catch {
            let result = malformed(error.reason)
            if !request.dryRun {
                var denial = AdmissionDenial(uid: request.uid, cluster: configuration.cluster, namespace: request.namespace,
                                             kind: request.kind, name: request.name, operation: request.operation,
                                             user: request.username, mode: settings.mode, enforced: true, policy: settings.policy,
                                             policyDigest: nil, images: [])
                denial.reason = result.response.message
                await recordDenial(denial, key: [request.namespace, request.kind, request.name ?? "", error.reason].joined(separator: "|"),
                                   in: environment)
            }
            return result
        }
        let started = ContinuousClock.now
        let at = now()
        var verdicts: [ImageVerdict] = []
        var policyDigest: Digest?
        do {
            let policy = try await environment.policy(named: settings.policy)
            policyDigest = policy.digest
            let trust = try await environment.trustState()
            var seen: [String: ImageVerdict] = [:]
            for container in workload.images {
                if let earlier = seen[container.image] {
                    verdicts.append(earlier.with(container: container))
                    continue
                }
                let verdict = await judge(container, policy: policy, trust: trust, deadline: started + configuration.deadline,
                                          at: at, dryRun: request.dryRun, in: environment)
                seen[container.image] = verdict
                verdicts.append(verdict)
            }
        } catch {
            let why = "Tollgate cannot load policy '\(settings.policy)' or its trust state (\(ErrorText.describe(error))); denied because a check that cannot run never admits. Publish the policy (PUT /v1/policies/\(settings.policy)) or check the server."
            verdicts = workload.images.map {
                ImageVerdict(container: $0, normalized: nil, digest: nil, digestFrom: .none, tagIgnored: nil, resolution: nil,
                             outcome: .deny, rules: [], reason: why, cached: false)
            }
        }
        var result = compose(request, verdicts: verdicts, mode: settings.mode, policy: settings.policy, apiVersion: review.apiVersion)
        if !request.dryRun {
            result = await record(result, request: request, workload: workload, policyDigest: policyDigest, in: environment)
        }
        return result
    }

    // MARK: Pinning tags (the mutating endpoint)

    /// The mutating endpoint: pins every tag-only image to the digest its recorded tag history
    /// resolves to, with a JSON Patch. It never denies (the validating webhook, called after it,
    /// decides) and records nothing. Images that name a digest, excluded namespaces, namespaces
    /// whose policy says `deploy.byDigest` (the manifest itself must pin), and tags with no
    /// recorded observation are left as they are.
    public func pin(bytes: [UInt8], maxBytes: Int = AdmissionReview.maxBytes, in environment: any AdmissionEnvironment) async -> Answer {
        let review: AdmissionReview
        do {
            review = try AdmissionReview(bytes: bytes, maxBytes: maxBytes)
        } catch {
            return .rejected(error)
        }
        let request = review.request
        var result = AdmissionResult(apiVersion: review.apiVersion, response: AdmissionResponse(uid: request.uid, allowed: true),
                                     verdicts: [], mode: nil, policy: nil)
        guard let settings = configuration.settings(for: request.namespace), ["CREATE", "UPDATE"].contains(request.operation),
              Workload.isWorkload(request), let workload = try? Workload(request),
              let policy = try? await environment.policy(named: settings.policy), policy.deploy.byDigest != true else {
            return .review(result)
        }
        let at = now()
        var pins: [ImagePin] = []
        for container in workload.images {
            guard let reference = try? TollgateOCI.ImageReference(parsing: container.image), reference.digest == nil else { continue }
            let tag = reference.tag ?? "latest"
            guard let observations = try? await tagHistory(reference, tag: tag, in: environment),
                  let latest = observations.filter({ $0.time <= at }).max(by: { $0.time < $1.time }) else { continue }
            pins.append(ImagePin(container: container, pinned: reference.pinned(to: latest.digest).description,
                                 resolution: "\(reference.repository):\(tag) resolved to \(latest.digest) through the tag observation recorded at \(Self.iso(latest.time))"))
        }
        if !pins.isEmpty {
            result.response.patch = ImagePin.patch(pins)
            result.response.auditAnnotations = ["pinned": pins.map { "\($0.container.image) → \($0.pinned)" }.joined(separator: ", ")]
        }
        result.pins = pins
        return .review(result)
    }

    // MARK: One image

    private func judge(_ container: ContainerImage, policy: Policy, trust: AdmissionTrustState, deadline: ContinuousClock.Instant,
                       at: Date, dryRun: Bool, in environment: any AdmissionEnvironment) async -> ImageVerdict {
        func verdict(_ normalized: String?, _ digest: Digest?, _ from: ImageVerdict.DigestSource, tagIgnored: String? = nil,
                     resolution: String? = nil, _ outcome: Outcome, rules: [String] = [], _ reason: String, cached: Bool = false) -> ImageVerdict {
            ImageVerdict(container: container, normalized: normalized, digest: digest, digestFrom: from, tagIgnored: tagIgnored,
                         resolution: resolution, outcome: outcome, rules: rules, reason: reason, cached: cached)
        }
        let shown = "image \(container.image.prefix(300))"
        let reference: TollgateOCI.ImageReference
        do {
            reference = try TollgateOCI.ImageReference(parsing: container.image)
        } catch {
            return verdict(nil, nil, .none, .deny, "\(shown) (\(container.list.rawValue) '\(container.name)') is not a valid image reference: \(error.reason)")
        }
        let normalized = reference.description
        var digest: Digest
        var from = ImageVerdict.DigestSource.reference
        var resolution: String?
        var tagIgnored: String?
        if let pinned = reference.digest {
            digest = pinned
            tagIgnored = reference.written.tag
        } else {
            let tag = reference.tag ?? "latest"
            let implicit = reference.written.tag == nil ? " (no tag: Kubernetes pulls ':latest')" : ""
            if policy.deploy.byDigest == true {
                return verdict(normalized, nil, .none, .deny, rules: [RuleID.deployByDigest.rawValue],
                               "\(shown) is referenced by tag\(implicit), but policy \(policy.name) requires a digest (rule deploy.byDigest); deploy \(reference.repository)@sha256:… instead")
            }
            let observations: [TagObservationRecord]
            do {
                observations = try await tagHistory(reference, tag: tag, in: environment)
            } catch {
                return verdict(normalized, nil, .none, .deny,
                               "\(shown): the recorded tag history cannot be read (\(ErrorText.describe(error))); denied because a check that cannot run never admits")
            }
            guard let latest = observations.filter({ $0.time <= at }).max(by: { $0.time < $1.time }) else {
                return verdict(normalized, nil, .none, .deny,
                               "\(shown) is referenced by tag\(implicit) and Tollgate has no recorded observation of \(reference.repository):\(tag), so it cannot tell which image would run; deploy it by digest (\(reference.repository)@sha256:…) or record the tag first")
            }
            digest = latest.digest
            from = .tagHistory
            resolution = "\(reference.repository):\(tag) resolved to \(latest.digest) through the tag observation recorded at \(Self.iso(latest.time)) (never trusted by tag)"
        }
        let key = DecisionCacheKey(repository: reference.repository.description, digest: digest, policyDigest: policy.digest ?? DigestAlgorithm.sha256.hash(Array("policy:\(policy.name)".utf8)),
                                   trustedRootVersion: trust.trustedRootVersion, advisoryRevision: trust.advisoryRevision,
                                   keyRegistryRevision: trust.keyRegistryRevision)
        let decision: Decision
        var cached = false
        if let hit = cache.decision(for: key) {
            decision = hit
            cached = true
        } else {
            // Decided by digest alone: the reference given to the gate pins it, so the decision
            // never depends on how this request spelled the image.
            let subject = ArtifactSubject(digest: digest, name: reference.repository.description,
                                          reference: "\(reference.repository)@\(digest)")
            let verify: @Sendable () async throws -> Decision = { try await environment.verify(subject, policy: policy, record: !dryRun, now: at) }
            // A dry run records nothing, so its decision is not cached as a recorded one.
            let task = dryRun ? Task(operation: verify) : cache.verification(for: key, verify)
            let remaining = deadline - ContinuousClock.now
            switch await Deadline.wait(for: task, within: max(remaining, Duration.zero)) {
            case .value(let value):
                decision = value
            case .failure(let error):
                return verdict(normalized, digest, from, tagIgnored: tagIgnored, resolution: resolution, .deny,
                               "\(shown) (\(digest)) could not be verified: \(ErrorText.describe(error)); denied because a check that cannot run never admits")
            case .timedOut:
                return verdict(normalized, digest, from, tagIgnored: tagIgnored, resolution: resolution, .deny,
                               "\(shown) (\(digest)) was not verified within the \(Self.milliseconds(configuration.deadline)) ms admission deadline; denied. Verification continues in the background: retry in a few seconds (controllers retry by themselves)")
            }
        }
        let failing = decision.rules.filter { $0.result == .fail }
        let warning = decision.rules.filter { $0.result == .warn }
        let resolved = from == .tagHistory ? " resolves to \(digest), which" : " (\(digest))"
        let see = "see GET /v1/artifacts/\(digest)/decisions/\(policy.name)"
        switch decision.decision {
        case .deny:
            let why = failing.isEmpty ? "the gate denied it" : failing.map { "rule \($0.rule.rawValue): \($0.reason)" }.joined(separator: "; ")
            return verdict(normalized, digest, from, tagIgnored: tagIgnored, resolution: resolution, .deny, rules: failing.map(\.rule.rawValue),
                           "\(shown)\(resolved) is denied by policy \(policy.name): \(why); \(see)", cached: cached)
        case .warn:
            let why = warning.map { "rule \($0.rule.rawValue): \($0.reason)" }.joined(separator: "; ")
            return verdict(normalized, digest, from, tagIgnored: tagIgnored, resolution: resolution, .warn, rules: warning.map(\.rule.rawValue),
                           "\(shown)\(resolved) is admitted with a warning by policy \(policy.name): \(why)", cached: cached)
        case .allow:
            return verdict(normalized, digest, from, tagIgnored: tagIgnored, resolution: resolution, .allow,
                           "\(shown)\(resolved) is allowed by policy \(policy.name)", cached: cached)
        }
    }

    /// The observations of `reference`'s tag, under its normalised repository and as written
    /// (`nginx` is recorded by some tools as written, by others as `docker.io/library/nginx`).
    private func tagHistory(_ reference: TollgateOCI.ImageReference, tag: String, in environment: any AdmissionEnvironment) async throws -> [TagObservationRecord] {
        var repositories = [reference.repository.description]
        let name = reference.repository.name
        if reference.repository.registry == Repository.dockerHub {
            repositories.append(name)
            if name.hasPrefix("library/") { repositories.append(String(name.dropFirst("library/".count))) }
        }
        var all: [TagObservationRecord] = []
        for repository in repositories {
            all += try await environment.tagObservations(repository: repository, tag: tag)
        }
        return all
    }

    // MARK: The response

    private func compose(_ request: AdmissionRequest, verdicts: [ImageVerdict], mode: NamespaceMode, policy: String,
                         apiVersion: AdmissionReview.APIVersion) -> AdmissionResult {
        let denied = verdicts.filter { $0.outcome == .deny }
        let warned = verdicts.filter { $0.outcome == .warn }
        var annotations = ["policy": policy, "mode": mode.rawValue]
        annotations["images"] = verdicts.map { "\($0.container.image) → \($0.digest?.description ?? "no digest") \($0.outcome.rawValue)" }
            .joined(separator: ", ")
        var response = AdmissionResponse(uid: request.uid, allowed: true)
        response.warnings = warned.map { "tollgate: \($0.container.image) warns (\($0.rules.joined(separator: ", ")))" }
        if denied.isEmpty {
            annotations["decision"] = warned.isEmpty ? "allow" : "warn"
        } else {
            let message = "tollgate: " + denied.map(\.reason).joined(separator: " | ")
            annotations["reason"] = message
            switch mode {
            case .enforce:
                annotations["decision"] = "deny"
                response.allowed = false
                response.code = 403
                response.message = message
            case .warn:
                annotations["decision"] = "warn-mode-deny"
                response.warnings = denied.map { verdict in
                    "tollgate (warn mode) would deny \(verdict.container.image)" + (verdict.rules.isEmpty ? "" : " (\(verdict.rules.joined(separator: ", ")))")
                } + response.warnings
            case .audit:
                annotations["decision"] = "audit-mode-deny"
            }
        }
        response.auditAnnotations = annotations
        return AdmissionResult(apiVersion: apiVersion, response: response, verdicts: verdicts, mode: mode, policy: policy)
    }

    // MARK: Recording

    /// Records what was admitted as deployments and what was denied as a denial. Recording an
    /// admitted workload that cannot be recorded denies it in enforce mode: what runs must be in
    /// the inventory.
    private func record(_ result: AdmissionResult, request: AdmissionRequest, workload: Workload, policyDigest: Digest?,
                        in environment: any AdmissionEnvironment) async -> AdmissionResult {
        if result.verdicts.contains(where: { $0.outcome == .deny }) {
            let denial = AdmissionDenial(uid: request.uid, cluster: configuration.cluster, namespace: request.namespace,
                                         kind: request.kind, name: workload.name, operation: request.operation, user: request.username,
                                         mode: result.mode ?? .enforce, enforced: !result.response.allowed, policy: result.policy ?? "",
                                         policyDigest: policyDigest, images: result.verdicts)
            let key = [request.namespace, request.kind, workload.name ?? "", result.mode?.rawValue ?? ""].joined(separator: "|")
                + result.verdicts.map { "|\($0.container.image)=\($0.reason)" }.joined()
            await recordDenial(denial, key: key, in: environment)
        }
        guard result.response.allowed else { return result }
        var requests: [DeploymentResolver.Request] = []
        var keys: [String] = []
        for verdict in result.verdicts {
            let image = verdict.normalized ?? verdict.container.image
            let key = [request.namespace, workload.service ?? "", image, verdict.digest?.description ?? ""].joined(separator: "|")
            guard !keys.contains(key), !recordedDeployments.withLock({ $0.contains(key) }) else { continue }
            keys.append(key)
            // A digest from the tag history is re-resolved (and recorded as such) by the resolver.
            requests.append(DeploymentResolver.Request(environment: configuration.environment, cluster: configuration.cluster,
                                                       namespace: request.namespace.isEmpty ? nil : request.namespace,
                                                       service: workload.service, image: image,
                                                       digest: verdict.digestFrom == .reference ? verdict.digest?.description : nil))
        }
        guard !requests.isEmpty else { return result }
        do {
            try await environment.recordDeployments(requests)
            recordedDeployments.withLock { recorded in
                if recorded.count >= Self.maxRemembered { recorded.removeAll() }
                recorded.formUnion(keys)
            }
            return result
        } catch {
            guard result.mode == .enforce else { return result }
            var response = result.response
            response.allowed = false
            response.code = 403
            response.message = "tollgate: the admitted images could not be recorded as deployments (\(ErrorText.describe(error))); denied so that what runs is always in the inventory. Retry; if it persists, check the Tollgate server's database."
            response.auditAnnotations["decision"] = "deny"
            return AdmissionResult(apiVersion: result.apiVersion, response: response, verdicts: result.verdicts, mode: result.mode,
                                   policy: result.policy)
        }
    }

    /// Records `denial` unless the same one (`key`) was recorded within the quiet period: a
    /// controller retrying a denied object does not flood the ledger.
    private func recordDenial(_ denial: AdmissionDenial, key: String, in environment: any AdmissionEnvironment) async {
        let now = ContinuousClock.now
        let fresh = recentDenials.withLock { recent in
            if let last = recent[key], now - last < Self.denialQuietPeriod { return false }
            if recent.count >= Self.maxRemembered { recent.removeAll() }
            recent[key] = now
            return true
        }
        if fresh { try? await environment.recordDenial(denial) }
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }

    static func iso(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}

extension ImageVerdict {
    /// The same verdict for another container naming the same image.
    func with(container: ContainerImage) -> ImageVerdict {
        ImageVerdict(container: container, normalized: normalized, digest: digest, digestFrom: digestFrom, tagIgnored: tagIgnored,
                     resolution: resolution, outcome: outcome, rules: rules, reason: reason, cached: cached)
    }
}
