import Foundation
import TollgateModel
import TollgatePolicy
import TollgateSBOM
import TollgateSigstore
import TollgateVerify

/// `tollgate npm verify`: every entry of a `package-lock.json` checked against the registry before
/// anything is installed, then decided by the gate's install rules.
///
/// Per entry: the tarball's sha512 against the lockfile's `integrity` and the registry's
/// `dist.integrity`; the registry signature over `${name}@${version}:${integrity}` with a key valid
/// at the version's publish time; provenance attestations (`dist.attestations.url`) as Sigstore
/// bundles whose subject is the tarball's sha512; `MAL-` records and vulnerabilities. A registry it
/// cannot reach, a missing key or an entry it cannot resolve fails with a reason; nothing is skipped.
public struct NpmLockVerifier: Sendable {
    /// The largest tarball fetched.
    public static let maxTarballBytes = 512 << 20
    /// How many registry requests run at once.
    public static let concurrency = 8

    public let registry: String
    public let fetcher: any ResourceFetcher
    /// Pinned keys (`--keys`); nil: fetched from `${registry}/-/npm/v1/keys`.
    public let keys: NpmRegistryKeys?
    public let policy: Policy
    public let advisories: InstallAdvisories
    public let attestations: PackageAttestationVerifier
    public let now: @Sendable () -> Date

    public init(registry: String, fetcher: any ResourceFetcher, keys: NpmRegistryKeys?, policy: Policy,
                advisories: InstallAdvisories, attestations: PackageAttestationVerifier, now: @escaping @Sendable () -> Date) {
        var base = registry
        while base.hasSuffix("/") { base.removeLast() }
        self.registry = base
        self.fetcher = fetcher
        self.keys = keys
        self.policy = policy
        self.advisories = advisories
        self.attestations = attestations
        self.now = now
    }

    /// One lock entry after verification, with what `npm ci` needs afterwards.
    public struct Entry: Sendable {
        public var facts: InstallFacts
        public var digest: Digest?
        /// True when the version runs lifecycle scripts on install.
        public var runsInstallScripts: Bool
    }

    /// The packages of a lockfile (v1–v3), as `PackageLockParser` reads them.
    public static func packages(lockfile bytes: Data, path: String) throws(InstallError) -> [LockfilePackage] {
        do {
            return try PackageLockParser().parse(bytes, path: path).packages
        } catch {
            throw InstallError(.invalidInput, "\(path): \(error.reason)")
        }
    }

    /// The decision, each entry, and the evidence each package was decided on (for the ledger).
    public struct Outcome: Sendable {
        public var decision: InstallDecision
        public var entries: [Entry]
        public var evidence: [Evidence]
    }

    public func verify(lockfile bytes: Data, path: String) async throws(InstallError) -> Outcome {
        let packages = try Self.packages(lockfile: bytes, path: path)
        var seen: Set<String> = []
        let unique = packages.filter { seen.insert("\($0.name)@\($0.version)").inserted }
        let registryKeys = await resolveKeys()
        let packuments = PackumentCache()
        let entries = await Self.bounded(unique, limit: Self.concurrency) { package in
            await self.entry(package, keys: registryKeys, packuments: packuments)
        }
        let at = now()
        let purls = entries.compactMap { entry in try? PackageURL(parsing: entry.facts.purl) }
        let scanned = await advisories.check(purls, now: at)
        var evidence: [Evidence] = []
        var finished: [Entry] = []
        for var entry in entries {
            entry.facts.malicious = scanned.malicious[entry.facts.purl] ?? []
            var item = Evidence(artifact: ArtifactSubject(digest: entry.digest ?? Self.placeholderDigest(entry.facts),
                                                          name: "\(entry.facts.name)@\(entry.facts.version)", purl: entry.facts.purl))
            item.install = entry.facts
            item.scan = scanned.scans[entry.facts.purl]
            if let problem = scanned.problem {
                item.problems.append(EvidenceProblem(.unreadable, "advisory database", problem, kind: .vulnerabilityScan))
            }
            evidence.append(item)
            finished.append(entry)
        }
        let decision = Gate(policy: policy).evaluateInstall(evidence, ecosystem: .npm, source: path, now: at)
        return Outcome(decision: decision, entries: finished, evidence: evidence)
    }

    /// Keys: pinned, else the registry's `/-/npm/v1/keys`. When neither is to be had, every
    /// registry signature check is unavailable (and denies) with the reason.
    private func resolveKeys() async -> Result<NpmRegistryKeys, InstallError> {
        if let keys { return .success(keys) }
        let url = "\(registry)/-/npm/v1/keys"
        do {
            let response = try await fetcher.get(url, accept: "application/json", limit: NpmRegistryKeys.maxBytes)
            guard response.status == 200 else {
                return .failure(InstallError(.unreachable, "\(url) answered HTTP \(response.status)"))
            }
            return .success(try NpmRegistryKeys(json: response.body, source: url))
        } catch {
            return .failure(error)
        }
    }

    /// A digest for a package nothing could be fetched for: the sha256 of its name@version text,
    /// so the decision still names it (the decision's rules say nothing was verified).
    static func placeholderDigest(_ facts: InstallFacts) -> Digest {
        DigestAlgorithm.sha256.hash(Array("\(facts.name)@\(facts.version)".utf8))
    }

    /// `@scope/name` is requested as `@scope%2fname`, as npm does.
    func packumentURL(_ name: String) -> String {
        "\(registry)/\(name.replacingOccurrences(of: "/", with: "%2f"))"
    }

    private func entry(_ package: LockfilePackage, keys: Result<NpmRegistryKeys, InstallError>,
                       packuments: PackumentCache) async -> Entry {
        let purl = (EcosystemPurl.make(ecosystem: "npm", name: package.name,
                                       version: package.version.isEmpty ? nil : package.version))?.description
            ?? "pkg:npm/\(package.name)@\(package.version)"
        let lockSHA512 = package.hashes.first { $0.algorithm == "SHA-512" }.flatMap { try? Digest(algorithm: .sha512, hex: $0.value) }
        var facts = InstallFacts(ecosystem: .npm, name: package.name, version: package.version, purl: purl,
                                 integrity: .unavailable("not checked"), hashPinned: lockSHA512 != nil,
                                 registrySignature: .unavailable("not checked"))
        func fail(_ reason: String) -> Entry {
            facts.integrity = .unavailable(reason)
            facts.registrySignature = .unavailable(reason)
            return Entry(facts: facts, digest: lockSHA512, runsInstallScripts: false)
        }
        let isRegistryVersion = !package.version.isEmpty && !package.version.contains(":") && !package.version.contains("/")
        guard isRegistryVersion, package.sourceURL.map({ $0.hasPrefix("http://") || $0.hasPrefix("https://") }) ?? true else {
            return fail("\(package.name) is not a registry package (\(package.sourceURL ?? package.version)); it cannot be resolved against \(registry)")
        }
        let packument: NpmPackument
        switch await packuments.get(package.name, load: { await self.loadPackument(package.name) }) {
        case .success(let value): packument = value
        case .failure(let error): return fail(error.reason)
        }
        guard let version = packument.versions[package.version] else {
            return fail("the registry has no version \(package.version) of \(package.name)")
        }
        let runsScripts = version.runsInstallScripts
        guard let dist = version.dist, let registryIntegrity = dist.integrity, let tarballURL = dist.tarball else {
            var entry = fail("the registry gives no dist.integrity or dist.tarball for \(package.name)@\(package.version)")
            entry.runsInstallScripts = runsScripts
            return entry
        }
        facts.file = tarballURL
        facts.index = registry

        // The registry signature covers the registry's integrity string.
        switch keys {
        case .failure(let error): facts.registrySignature = .unavailable("no registry keys: \(error.reason)")
        case .success(let keys):
            facts.registrySignature = NpmRegistrySignature.verify(name: package.name, version: package.version, integrity: registryIntegrity,
                                                                  signatures: dist.signatures ?? [], published: packument.published(package.version),
                                                                  keys: keys)
        }

        // The tarball against both integrities.
        var digest = lockSHA512
        let registrySHA512 = SBOMHash.fromIntegrity(registryIntegrity).first { $0.algorithm == "SHA-512" }
        do throws(InstallError) {
            let response = try await fetcher.get(tarballURL, accept: nil, limit: Self.maxTarballBytes)
            guard response.status == 200 else { throw InstallError(.unreachable, "\(tarballURL) answered HTTP \(response.status)") }
            let actual = DigestAlgorithm.sha512.hash(response.body)
            digest = actual
            if let lockSHA512, lockSHA512 != actual {
                facts.integrity = .failed("the tarball's sha512 is \(Self.sri(actual)); the lockfile pins \(Self.sri(lockSHA512)) (integrity mismatch)")
            } else if let registrySHA512, registrySHA512.value != actual.hex {
                facts.integrity = .failed("the tarball's sha512 is \(Self.sri(actual)); the registry's signed dist.integrity is \(registryIntegrity) (integrity mismatch)")
            } else if registrySHA512 == nil {
                facts.integrity = .failed("the registry's dist.integrity \(registryIntegrity) has no sha512, which the registry signature would cover")
            } else if lockSHA512 == nil {
                facts.integrity = .failed("the lockfile pins no sha512 integrity for \(package.name)@\(package.version)")
            } else {
                facts.integrity = .verified("tarball sha512 matches the lockfile and the registry's signed integrity")
            }
            if let url = dist.attestations?.url {
                await verifyAttestations(url: url, digest: actual, keys: try? keys.get(), published: packument.published(package.version),
                                         into: &facts)
            }
        } catch {
            facts.integrity = .unavailable("the tarball \(tarballURL) cannot be fetched: \(error.reason)")
        }
        return Entry(facts: facts, digest: digest, runsInstallScripts: runsScripts)
    }

    /// `{"attestations": [{"predicateType", "bundle"}]}` from `dist.attestations.url`. SLSA provenance
    /// bundles are verified (keyless, Fulcio identity); npm's own publish attestation is signed by the
    /// registry's key: it is verified with the registry keys (`NpmPublishAttestation`) as evidence about
    /// the registry, never about the publisher.
    private func verifyAttestations(url: String, digest: Digest, keys: NpmRegistryKeys?, published: Date?,
                                    into facts: inout InstallFacts) async {
        let response: FetchedResource
        do {
            response = try await fetcher.get(url, accept: "application/json", limit: 16 << 20)
        } catch {
            facts.attestationProblems.append("\(url): \(error.reason)")
            return
        }
        guard response.status == 200,
              let object = try? JSONValue.parse(response.body), case .array(let items)? = object["attestations"] else {
            facts.attestationProblems.append("\(url): HTTP \(response.status), not an attestations document")
            return
        }
        guard let artifact = try? Artifact(algorithm: .sha512, digest: digest.bytes) else { return }
        for (index, item) in items.prefix(32).enumerated() {
            let type = item["predicateType"]?.stringValue ?? ""
            if type == NpmPublishAttestation.predicateType, facts.publishAttestation == nil {
                guard let bundle = item["bundle"] else {
                    facts.publishAttestation = .failed("\(url)#\(index): the publish attestation has no bundle")
                    continue
                }
                guard let keys else {
                    facts.publishAttestation = .unavailable("\(url)#\(index): no registry keys to verify the publish attestation with")
                    continue
                }
                facts.publishAttestation = await NpmPublishAttestation.verify(bundle: bundle.encodedBytes(), name: facts.name, version: facts.version,
                                                                             tarball: digest, published: published, keys: keys,
                                                                             verifier: attestations.verifier, source: "\(url)#\(index)")
                continue
            }
            guard type.hasPrefix("https://slsa.dev/provenance/") else { continue }
            guard let bundle = item["bundle"] else {
                facts.attestationProblems.append("\(url)#\(index): no bundle")
                continue
            }
            switch await attestations.verify(bundle.encodedBytes(), artifact: artifact, source: "\(url)#\(index)") {
            case .success(let attestation): facts.attestations.append(attestation)
            case .failure(let problem): facts.attestationProblems.append(problem.description)
            }
        }
    }

    private func loadPackument(_ name: String) async -> Result<NpmPackument, InstallError> {
        let url = packumentURL(name)
        do {
            let response = try await fetcher.get(url, accept: "application/json", limit: NpmPackument.maxBytes)
            guard response.status == 200 else {
                return .failure(InstallError(.unreachable, "\(url) answered HTTP \(response.status)"))
            }
            return .success(try NpmPackument(json: response.body, name: name))
        } catch {
            return .failure(error)
        }
    }

    /// `sha512-BASE64`, as npm writes integrity.
    static func sri(_ digest: Digest) -> String {
        "\(digest.algorithm.rawValue)-\(Data(digest.bytes).base64EncodedString())"
    }

    /// Runs `body` over `items` with at most `limit` at once, keeping the order.
    static func bounded<T: Sendable, R: Sendable>(_ items: [T], limit: Int, _ body: @escaping @Sendable (T) async -> R) async -> [R] {
        await withTaskGroup(of: (Int, R).self) { group in
            var results = [R?](repeating: nil, count: items.count)
            var next = 0
            while next < min(limit, items.count) {
                let index = next
                group.addTask { (index, await body(items[index])) }
                next += 1
            }
            while let (index, value) = await group.next() {
                results[index] = value
                if next < items.count {
                    let index = next
                    group.addTask { (index, await body(items[index])) }
                    next += 1
                }
            }
            return results.compactMap { $0 }
        }
    }
}

/// Packuments fetched once per name, shared by the entries of one verification.
actor PackumentCache {
    private var loaded: [String: Task<Result<NpmPackument, InstallError>, Never>] = [:]

    func get(_ name: String, load: @escaping @Sendable () async -> Result<NpmPackument, InstallError>) async -> Result<NpmPackument, InstallError> {
        if let task = loaded[name] { return await task.value }
        let task = Task { await load() }
        loaded[name] = task
        return await task.value
    }
}
