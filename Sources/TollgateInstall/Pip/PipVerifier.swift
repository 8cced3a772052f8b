import Foundation
import TollgateModel
import TollgatePolicy
import TollgateSBOM
import TollgateSigstore
import TollgateVerify

/// `tollgate pip install` / `tollgate pip verify`: every distribution file fetched into a quarantine
/// directory and checked before pip may install it.
///
/// Per file: its sha256 against the hash pinned in the requirements and the one the index lists;
/// PEP 740 attestations (the PEP 691 `provenance` URL, or `<file>.publish.attestation` in a
/// configured directory) verified as Sigstore bundles over the file, the publisher checked by the
/// install rules; source distributions; dependency confusion (an internal name only from the
/// internal index, whose failure is an error, never a fallback); `MAL-` records and vulnerabilities.
public struct PipVerifier: Sendable {
    public static let maxFileBytes = 1 << 30

    /// One distribution to verify: from pip's report (`url` known) or a lockfile (`url` nil: found
    /// on the indexes by name, version and pinned hash).
    public struct Candidate: Sendable {
        public var name: String
        public var version: String
        public var url: String?
        /// sha256 hex pinned by the requirements or lockfile (`--hash=sha256:…`).
        public var pinned: [String]
        /// sha256 hex the index listed for the file (pip's report `archive_info`).
        public var indexSHA256: String?

        public init(name: String, version: String, url: String? = nil, pinned: [String] = [], indexSHA256: String? = nil) {
            self.name = name
            self.version = version
            self.url = url
            self.pinned = pinned
            self.indexSHA256 = indexSHA256
        }
    }

    /// A file that was fetched into the quarantine directory.
    public struct QuarantinedFile: Sendable {
        public var name: String
        public var version: String
        public var filename: String
        public var path: URL
        public var sha256: String
    }

    public struct Outcome: Sendable {
        public var decision: InstallDecision
        public var files: [QuarantinedFile]
        public var evidence: [Evidence]
    }

    /// The indexes pip uses, in order (credentials in the URL are used for fetching, never shown).
    public let indexes: [String]
    public let fetcher: any ResourceFetcher
    public let policy: Policy
    public let advisories: InstallAdvisories
    public let attestations: PackageAttestationVerifier
    /// A directory of `<filename>.publish.attestation` (PEP 740 attestation objects) or `<filename>.provenance`.
    public let attestationDirectory: URL?
    public let quarantine: URL
    public let now: @Sendable () -> Date
    /// Builds allowed sdists into wheels in a sandbox (nil: sdists are judged as files, not built).
    public let sdistBuilder: SdistSandbox?

    public init(indexes: [String], fetcher: any ResourceFetcher, policy: Policy, advisories: InstallAdvisories,
                attestations: PackageAttestationVerifier, attestationDirectory: URL?, quarantine: URL,
                sdistBuilder: SdistSandbox? = nil, now: @escaping @Sendable () -> Date) {
        self.sdistBuilder = sdistBuilder
        self.indexes = indexes.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        self.fetcher = fetcher
        self.policy = policy
        self.advisories = advisories
        self.attestations = attestations
        self.attestationDirectory = attestationDirectory
        self.quarantine = quarantine
        self.now = now
    }

    private var rules: InstallRules { policy.install ?? InstallRules() }

    /// The internal index (from the policy) when it is one of the indexes; it is asked first.
    private var searchOrder: [String] {
        guard let internalIndex = rules.internalIndex else { return indexes }
        let normalised = internalIndex.hasSuffix("/") ? internalIndex : internalIndex + "/"
        let configured = indexes.first { Self.redacted($0) == Self.redacted(normalised) } ?? normalised
        return [configured] + indexes.filter { Self.redacted($0) != Self.redacted(normalised) }
    }

    public func verify(_ candidates: [Candidate], source: String) async -> Outcome {
        var facts: [(InstallFacts, Digest?, QuarantinedFile?)] = []
        var pages: [String: Result<PythonProjectPage, InstallError>] = [:]
        for candidate in candidates {
            for entry in await check(candidate, pages: &pages) { facts.append(entry) }
        }
        let at = now()
        let purls = facts.compactMap { try? PackageURL(parsing: $0.0.purl) }
        let scanned = await advisories.check(purls, now: at)
        func evidence(_ fact: InstallFacts, _ digest: Digest?) -> Evidence {
            var fact = fact
            fact.malicious = scanned.malicious[fact.purl] ?? []
            var item = Evidence(artifact: ArtifactSubject(digest: digest ?? DigestAlgorithm.sha256.hash(Array("\(fact.name)@\(fact.version)".utf8)),
                                                          name: fact.file ?? "\(fact.name)@\(fact.version)", purl: fact.purl))
            item.install = fact
            item.scan = scanned.scans[fact.purl]
            if let problem = scanned.problem {
                item.problems.append(EvidenceProblem(.unreadable, "advisory database", problem, kind: .vulnerabilityScan))
            }
            return item
        }
        if let sdistBuilder, rules.allowSdist {
            // An sdist is built only once it passed the gate as a file (hash, attestations, MAL-,
            // internal index, budget): a refused one never runs, not even in the sandbox.
            let gate = Gate(policy: policy)
            facts = buildSdists(facts, with: sdistBuilder) { fact, digest in
                gate.evaluateInstall(evidence(fact, digest), now: at).decision != .deny
            }
        }
        let items = facts.map { evidence($0.0, $0.1) }
        let decision = Gate(policy: policy).evaluateInstall(items, ecosystem: .pypi, source: source, now: at)
        return Outcome(decision: decision, files: facts.compactMap(\.2), evidence: items)
    }

    /// Each allowed, intact sdist that passed the gate as a file is built in the sandbox (a refused
    /// one is not built: its denial stands and nothing installs); the wheel it yields replaces it in the
    /// install (the sdist stays listed, judged as a file) and is judged like a wheel: its sha256 is
    /// recorded and pinned, and it goes through the same advisory and `MAL-` checks. A build that
    /// cannot run or fails is a denied entry with the reason.
    private func buildSdists(_ facts: [(InstallFacts, Digest?, QuarantinedFile?)], with builder: SdistSandbox,
                             passed: (InstallFacts, Digest?) -> Bool) -> [(InstallFacts, Digest?, QuarantinedFile?)] {
        var result: [(InstallFacts, Digest?, QuarantinedFile?)] = []
        for (fact, digest, file) in facts {
            guard fact.isSourceDistribution, let file, case .verified = fact.integrity, passed(fact, digest) else {
                result.append((fact, digest, fact.isSourceDistribution ? nil : file))
                continue
            }
            result.append((fact, digest, nil))
            var built = fact
            built.isSourceDistribution = false
            let how = builder.isolation == .unsafeNone ? "WITHOUT a sandbox (--unsafe-sdist-build-without-sandbox)" : "in a bubblewrap sandbox without network"
            switch builder.build(file.path, into: quarantine) {
            case .failure(let error):
                built.file = "\(file.filename) (wheel built from it)"
                built.integrity = .unavailable("\(file.filename) was not built: \(error.reason)")
                result.append((built, nil, nil))
            case .success(let wheel):
                guard let bytes = FileManager.default.contents(atPath: wheel.path) else {
                    built.integrity = .unavailable("the wheel built from \(file.filename) cannot be read")
                    result.append((built, nil, nil))
                    continue
                }
                let wheelDigest = DigestAlgorithm.sha256.hash([UInt8](bytes))
                built.file = wheel.lastPathComponent
                if Self.version(of: wheel.lastPathComponent, name: fact.name) != fact.version {
                    built.integrity = .failed("building \(file.filename) produced \(wheel.lastPathComponent), not \(fact.name) \(fact.version)")
                    result.append((built, wheelDigest, nil))
                    continue
                }
                built.integrity = .verified("built \(how) from \(file.filename) (sha256 \(file.sha256)); the wheel's sha256 \(wheelDigest.hex) is recorded and pinned for the install")
                result.append((built, wheelDigest, QuarantinedFile(name: fact.name, version: fact.version, filename: wheel.lastPathComponent,
                                                                  path: wheel, sha256: wheelDigest.hex)))
            }
        }
        return result
    }

    /// The project page of `name` on `index`, fetched once.
    private func page(_ name: String, on index: String, pages: inout [String: Result<PythonProjectPage, InstallError>]) async
        -> Result<PythonProjectPage, InstallError> {
        let url = index + PythonProjectPage.normalise(name) + "/"
        if let cached = pages[url] { return cached }
        let result: Result<PythonProjectPage, InstallError>
        do {
            let response = try await fetcher.get(url, accept: PythonProjectPage.accept, limit: PythonProjectPage.maxBytes)
            switch response.status {
            case 200: result = .success(try PythonProjectPage(json: response.body, pageURL: url))
            case 401, 403: result = .failure(InstallError(.unreachable, "\(Self.redacted(url)) refused the credentials (HTTP \(response.status))"))
            case 404: result = .failure(InstallError(.unreachable, "\(Self.redacted(url)) has no project \(name) (HTTP 404)"))
            default: result = .failure(InstallError(.unreachable, "\(Self.redacted(url)) answered HTTP \(response.status)"))
            }
        } catch {
            result = .failure(error)
        }
        pages[url] = result
        return result
    }

    private func check(_ candidate: Candidate, pages: inout [String: Result<PythonProjectPage, InstallError>]) async
        -> [(InstallFacts, Digest?, QuarantinedFile?)] {
        let name = PythonProjectPage.normalise(candidate.name)
        let purl = EcosystemPurl.make(ecosystem: "PyPI", name: name, version: candidate.version)?.description
            ?? "pkg:pypi/\(name)@\(candidate.version)"
        let isInternal = rules.isInternal(name)
        var internalState: InstallCheck?
        // Where each index offers files of this version.
        var offered: [(index: String, file: PythonProjectPage.File)] = []
        for index in searchOrder {
            let isInternalIndex = rules.internalIndex.map { Self.redacted($0).hasPrefix(Self.redacted(index)) || Self.redacted(index).hasPrefix(Self.redacted($0)) } ?? false
            switch await page(name, on: index, pages: &pages) {
            case .success(let page):
                if isInternalIndex, isInternal { internalState = .verified("the internal index answered") }
                for file in page.files where Self.version(of: file.filename, name: name) == candidate.version {
                    offered.append((index, file))
                }
            case .failure(let error):
                if isInternalIndex, isInternal { internalState = .unavailable(error.reason) }
            }
        }
        var chosen: [(index: String?, file: PythonProjectPage.File?, url: String)] = []
        if let url = candidate.url {
            let plain = Self.strip(url)
            let match = offered.first { Self.strip($0.file.url) == plain }
            chosen = [(match?.index, match?.file, url)]
        } else {
            let pinned = offered.filter { entry in entry.file.sha256.map(candidate.pinned.contains) ?? false }
            let pick = pinned.isEmpty ? offered : pinned
            chosen = pick.map { ($0.index, $0.file, $0.file.url) }
        }
        guard !chosen.isEmpty else {
            let reason = "no index offers \(name) \(candidate.version) (asked \(searchOrder.map(Self.redacted).joined(separator: ", ")))"
            return [(InstallFacts(ecosystem: .pypi, name: name, version: candidate.version, purl: purl, integrity: .unavailable(reason),
                                  hashPinned: !candidate.pinned.isEmpty, registrySignature: .notApplicable("PyPI has no registry signatures"),
                                  internalIndex: internalState), nil, nil)]
        }
        var results: [(InstallFacts, Digest?, QuarantinedFile?)] = []
        for (index, file, url) in chosen {
            let filename = file?.filename ?? (Self.strip(url).split(separator: "/").last.map(String.init) ?? url)
            var facts = InstallFacts(ecosystem: .pypi, name: name, version: candidate.version, purl: purl, file: filename,
                                     isSourceDistribution: !filename.hasSuffix(".whl"), index: index.map(Self.redacted),
                                     integrity: .unavailable("not checked"), hashPinned: !candidate.pinned.isEmpty,
                                     registrySignature: .notApplicable("PyPI has no registry signatures"), internalIndex: internalState)
            let bytes: [UInt8]
            do throws(InstallError) {
                let response = try await fetcher.get(withCredentials(url, index: index), accept: nil, limit: Self.maxFileBytes)
                guard response.status == 200 else { throw InstallError(.unreachable, "HTTP \(response.status)") }
                bytes = response.body
            } catch {
                facts.integrity = .unavailable("\(filename) cannot be fetched from \(Self.redacted(url)): \(error.reason)")
                results.append((facts, nil, nil))
                continue
            }
            let digest = DigestAlgorithm.sha256.hash(bytes)
            let listed = candidate.indexSHA256 ?? file?.sha256
            if let listed, listed != digest.hex {
                facts.integrity = .failed("\(filename) has sha256 \(digest.hex), but the index lists \(listed) (the file was replaced)")
            } else if !candidate.pinned.isEmpty, !candidate.pinned.contains(digest.hex) {
                facts.integrity = .failed("\(filename) has sha256 \(digest.hex); the requirements pin \(candidate.pinned.joined(separator: " or "))")
            } else if !candidate.pinned.isEmpty {
                facts.integrity = .verified("sha256 \(digest.hex) matches the pinned hash")
            } else {
                facts.integrity = .verified("not pinned; sha256 \(digest.hex) matches the index's listing and is pinned for the install")
            }
            await collectAttestations(file: file, index: index, filename: filename, bytes: bytes, into: &facts)
            let path = quarantine.appendingPathComponent(filename)
            var quarantined: QuarantinedFile?
            do {
                try Data(bytes).write(to: path)
                quarantined = QuarantinedFile(name: name, version: candidate.version, filename: filename, path: path, sha256: digest.hex)
            } catch {
                facts.integrity = .unavailable("\(filename) cannot be written to the quarantine \(quarantine.path): \(error.localizedDescription)")
            }
            results.append((facts, digest, quarantined))
        }
        return results
    }

    /// PEP 740: the provenance object (`{"attestation_bundles": [{"publisher", "attestations": […]}]}`)
    /// the index links, and attestation files in the configured directory. The bundle's `publisher`
    /// (with the environment the certificate does not carry) is kept only when the provenance object
    /// came from the index that listed the file (same origin), which then vouches for it.
    private func collectAttestations(file: PythonProjectPage.File?, index: String?, filename: String, bytes: [UInt8],
                                     into facts: inout InstallFacts) async {
        var offered: [ProvenanceAttestation] = []
        if let provenance = file?.provenance {
            do throws(InstallError) {
                let response = try await fetcher.get(provenance, accept: "application/vnd.pypi.integrity.v1+json", limit: 16 << 20)
                guard response.status == 200 else { throw InstallError(.unreachable, "HTTP \(response.status)") }
                let vouchedBy = index.flatMap { Self.sameOrigin(provenance, $0) ? Self.redacted($0) : nil }
                if index != nil, vouchedBy == nil {
                    facts.attestationProblems.append("\(Self.redacted(provenance)): not served by the index \(index.map(Self.redacted) ?? ""); its publisher facts are not used")
                }
                offered.append(contentsOf: Self.attestations(inProvenance: response.body, source: provenance, vouchedBy: vouchedBy,
                                                             problems: &facts.attestationProblems))
            } catch {
                facts.attestationProblems.append("\(Self.redacted(provenance)): \(error.reason)")
            }
        }
        if let directory = attestationDirectory {
            let attestation = directory.appendingPathComponent("\(filename).publish.attestation")
            if let data = FileManager.default.contents(atPath: attestation.path) {
                offered.append(ProvenanceAttestation(json: [UInt8](data), source: attestation.path, publisher: nil))
            }
            let provenance = directory.appendingPathComponent("\(filename).provenance")
            if let data = FileManager.default.contents(atPath: provenance.path) {
                // A local file: no index vouches for its publisher fields.
                offered.append(contentsOf: Self.attestations(inProvenance: [UInt8](data), source: provenance.path, vouchedBy: nil,
                                                             problems: &facts.attestationProblems))
            }
        }
        let artifact = Artifact(bytes: bytes, filename: filename)
        for item in offered.prefix(32) {
            switch await attestations.verify(item.json, artifact: artifact, source: item.source) {
            case .success(var attestation):
                if let publisher = item.publisher {
                    if let stated = publisher.repository, let certified = attestation.certificate?.sourceRepository,
                       !Self.sameRepository(stated, certified) {
                        facts.attestationProblems.append("\(item.source): the index states repository \(stated), the certificate \(certified); the index's publisher facts are not used")
                    } else {
                        attestation.indexPublisher = publisher
                    }
                }
                facts.attestations.append(attestation)
            case .failure(let problem): facts.attestationProblems.append(problem.description)
            }
        }
    }

    /// One attestation of a provenance object, with the publisher its bundle states (when an index vouches).
    struct ProvenanceAttestation {
        var json: [UInt8]
        var source: String
        var publisher: IndexPublisher?
    }

    static func attestations(inProvenance bytes: [UInt8], source: String, vouchedBy: String?, problems: inout [String]) -> [ProvenanceAttestation] {
        guard let object = try? JSONValue.parse(bytes), case .array(let bundles)? = object["attestation_bundles"] else {
            problems.append("\(redacted(source)): not a PEP 740 provenance object")
            return []
        }
        var result: [ProvenanceAttestation] = []
        for (b, bundle) in bundles.prefix(16).enumerated() {
            guard case .array(let items)? = bundle["attestations"] else { continue }
            var publisher: IndexPublisher?
            if let vouchedBy, case .object? = bundle["publisher"] {
                func field(_ key: String) -> String? {
                    if case .string(let text)? = bundle["publisher"]?[key] { return String(text.prefix(1024)) }
                    return nil
                }
                publisher = IndexPublisher(kind: field("kind"), repository: field("repository"), workflow: field("workflow"),
                                           environment: field("environment"), vouchedBy: vouchedBy)
            }
            for (a, item) in items.prefix(16).enumerated() {
                result.append(ProvenanceAttestation(json: item.encodedBytes(), source: "\(redacted(source))#\(b).\(a)", publisher: publisher))
            }
        }
        return result
    }

    /// Same scheme, host and port.
    static func sameOrigin(_ a: String, _ b: String) -> Bool {
        guard let x = URLComponents(string: a), let y = URLComponents(string: b), let host = x.host else { return false }
        return x.scheme?.lowercased() == y.scheme?.lowercased() && host.lowercased() == y.host?.lowercased() && x.port == y.port
    }

    /// `owner/repo` (index) against `https://github.com/owner/repo` or `github.com/owner/repo` (certificate).
    static func sameRepository(_ stated: String, _ certified: String) -> Bool {
        func key(_ text: String) -> String {
            var value = text.lowercased()
            for prefix in ["https://", "http://"] where value.hasPrefix(prefix) { value.removeFirst(prefix.count) }
            if value.hasPrefix("github.com/") { value.removeFirst("github.com/".count) }
            if value.hasPrefix("gitlab.com/") { value.removeFirst("gitlab.com/".count) }
            while value.hasSuffix("/") { value.removeLast() }
            return value
        }
        return key(stated) == key(certified)
    }

    /// The version in a wheel (`name-1.0-py3-none-any.whl`) or sdist (`name-1.0.tar.gz`) file name.
    static func version(of filename: String, name: String) -> String? {
        var stem = filename
        if stem.hasSuffix(".whl") {
            let parts = stem.dropLast(4).split(separator: "-")
            guard parts.count >= 5, PythonProjectPage.normalise(String(parts[0])) == name else { return nil }
            return String(parts[1])
        }
        for suffix in [".tar.gz", ".zip"] where stem.hasSuffix(suffix) { stem.removeLast(suffix.count) }
        guard let dash = stem.lastIndex(of: "-"), PythonProjectPage.normalise(String(stem[..<dash])) == name else { return nil }
        return String(stem[stem.index(after: dash)...])
    }

    /// The URL without fragment (`#sha256=…`) and credentials.
    static func strip(_ url: String) -> String {
        redacted(String(url.split(separator: "#", maxSplits: 1).first ?? Substring(url)))
    }

    /// The URL without its credentials.
    public static func redacted(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.user != nil || parts.password != nil else { return url }
        parts.user = nil
        parts.password = nil
        return parts.string ?? url
    }

    /// The file URL with the credentials of the index it came from (same origin), as pip would send them.
    private func withCredentials(_ url: String, index: String?) -> String {
        guard let index, let indexParts = URLComponents(string: index), indexParts.user != nil,
              var fileParts = URLComponents(string: url), fileParts.user == nil,
              fileParts.host == indexParts.host, fileParts.port == indexParts.port else { return url }
        fileParts.user = indexParts.user
        fileParts.password = indexParts.password
        return fileParts.string ?? url
    }
}
