import Foundation
import TollgateModel
import TollgateOCI
import TollgatePolicy
import TollgateRebuild
import TollgateSBOM
import TollgateSigstore
import TollgateStore
import TollgateVulnerabilities

/// Turns evidence files into `Evidence` the gate can stand behind: verifies signatures, Sigstore
/// bundles and DSSE attestations, then weighs every statement against the signers the policy
/// trusts *for that kind of evidence* (`Policy.signers(for:)`).
///
/// - Provenance, SBOMs, scan attestations and VEX count only from their trusted signers; anything
///   else is listed in `problems` ("provenance signed by X, who is not a trusted provenance signer").
/// - Build and source facts come from the Fulcio certificate where one exists; a statement that
///   contradicts its certificate is a problem and denies (`BuildFacts.contradictions`).
/// - Vulnerability findings are the gate's own: it scans the trusted SBOM against `advisories` at
///   decision time, applying VEX from trusted authors. A signed scan attestation from a trusted
///   scanner counts when there is no database, if it is about this artifact and names the
///   trusted SBOM's digest. An unsigned scan is shown for information only.
public struct EvidenceCollector: Sendable {
    public let policy: Policy
    public let keys: [PublicKey]
    public let trustedRoot: TrustedRoot?
    public let advisories: (any AdvisoryStore)?
    public let algorithmPolicy: AlgorithmPolicy
    public let now: @Sendable () -> Date
    let scanner: TollgateVulnerabilities.Scanner?
    /// Tollgate's key registry by key id (`tollgate key register`): a signature by a registered key
    /// counts only when the key was valid when it signed (`EvidenceCollector+KeyValidity.swift`).
    public var keyRecords: [String: KeyRecord] = [:]

    public init(policy: Policy, keys: [PublicKey] = [], trustedRoot: TrustedRoot? = nil, advisories: (any AdvisoryStore)? = nil,
                algorithmPolicy: AlgorithmPolicy = .default, now: @escaping @Sendable () -> Date) {
        self.policy = policy
        self.keys = keys
        self.trustedRoot = trustedRoot
        self.advisories = advisories
        self.algorithmPolicy = algorithmPolicy
        self.now = now
        scanner = advisories.map { TollgateVulnerabilities.Scanner(store: $0) }
    }

    /// The predicate types read as SBOMs when they arrive in an attestation.
    static let sbomPredicateTypes: Set<String> = [
        "https://cyclonedx.org/bom", "https://cyclonedx.org/bom/v1.4", "https://cyclonedx.org/bom/v1.5",
        "https://cyclonedx.org/bom/v1.6", "https://spdx.dev/Document", "https://spdx.dev/Document/v2.3",
    ]
    /// The cosign vulnerability attestation (COSIGN_VULN_ATTESTATION_SPEC.md).
    public static let vulnPredicateType = "https://cosign.sigstore.dev/attestation/vuln/v1"

    /// The kind of evidence a predicate type carries, or nil for other attestations.
    static func kind(of predicateType: String) -> EvidenceKind? {
        if SLSAProvenance.predicateTypes.contains(predicateType) { return .provenance }
        if sbomPredicateTypes.contains(predicateType) { return .sbom }
        if predicateType == vulnPredicateType { return .vulnerabilityScan }
        if predicateType.hasPrefix("https://openvex.dev/ns") { return .vex }
        if predicateType == RebuildPredicate.predicateType { return .rebuild }
        return nil
    }

    public struct Inputs: Sendable {
        public var artifact: ArtifactSubject
        /// The artifact bytes, when available (message-signature bundles sign them).
        public var artifactBytes: [UInt8]?
        /// Raw signatures over the artifact, verified with `keys`.
        public var signatures: [EvidenceInput] = []
        /// Sigstore bundles (message signatures or DSSE attestations).
        public var bundles: [EvidenceInput] = []
        /// DSSE envelopes (or Sigstore bundles) holding in-toto attestations.
        public var attestations: [EvidenceInput] = []
        /// An SBOM file. Unsigned, it is self-asserted: shown, never used.
        public var sbom: EvidenceInput?
        /// A scan: a signed scan attestation (DSSE or bundle) counts; a plain report is information only.
        public var scan: EvidenceInput?
        /// Unsigned VEX documents: shown, never used (signed VEX arrives as an attestation).
        public var vex: [EvidenceInput] = []
        /// An image's evidence from its registry (signatures, attestations, bundles, SBOMs).
        public var image: ImageEvidence?
        /// Source-audit attestations (DSSE envelopes from `tollgate audit --attest`): about a commit, not the artifact.
        public var sourceAudits: [EvidenceInput] = []
        /// The artifact's path, when it is a file or directory: `artifact.sbom.matchesArtifact` reads
        /// the packages it contains (``ArtifactContentsReader``).
        public var artifactPath: String?

        public init(artifact: ArtifactSubject, artifactBytes: [UInt8]? = nil) {
            self.artifact = artifact
            self.artifactBytes = artifactBytes
        }
    }

    /// A verified statement and every verified signature over the same payload.
    struct Statement {
        let statement: InTotoStatement
        let kind: EvidenceKind?
        var signatures: [VerifiedSignature]
        let source: String
        /// The statement bytes the signatures cover.
        let payload: [UInt8]
    }

    public func collect(_ inputs: Inputs) async -> Evidence {
        // Without an inventory nothing throws.
        (try? await collect(inputs, inventory: nil)) ?? Evidence(artifact: inputs.artifact)
    }

    /// Collects the evidence, then what the inventory remembers about the artifact's package
    /// (`HistoryEvidence`: previous builds' trusted provenance, first-seen findings). Without an
    /// inventory the history is nil, and the continuity rule cannot run.
    public func collect(_ inputs: Inputs, inventory: (any InventoryStore)?) async throws -> Evidence {
        var evidence = Evidence(artifact: inputs.artifact)
        var inputs = inputs
        if policy.artifact.sbom?.matchesArtifact == true {
            evidence.contents = inputs.artifactPath.map(ArtifactContentsReader.read(path:))
                ?? ArtifactContents(packages: [:], lockfiles: [], unreadable: "the artifact is not a local file or directory (an image's layers are not read for this rule)")
        }
        if let image = inputs.image { await collectImage(image, inputs: &inputs, into: &evidence) }
        var statements: [[UInt8]: Statement] = [:]
        var order: [[UInt8]] = []
        func add(_ statement: InTotoStatement, payload: [UInt8], signatures: [VerifiedSignature], source: String) {
            let key = DigestAlgorithm.sha256.hash(payload).bytes
            if statements[key] == nil {
                statements[key] = Statement(statement: statement, kind: Self.kind(of: statement.predicateType),
                                            signatures: [], source: source, payload: payload)
                order.append(key)
            }
            statements[key]?.signatures.append(contentsOf: signatures)
        }

        for input in inputs.signatures { verifyRawSignature(input, artifact: inputs, into: &evidence) }
        var envelopes = inputs.attestations
        if let scan = inputs.scan, Self.isSignedDocument(scan.bytes) { envelopes.append(scan) }
        for input in inputs.bundles + envelopes {
            if Self.looksLikeSigstoreBundle(input.bytes) {
                if let verified = await verifyBundle(input, artifact: inputs, into: &evidence) {
                    add(verified.0, payload: verified.1, signatures: [verified.2], source: input.name)
                }
            } else {
                // `.intoto.jsonl` (slsa-github-generator) may hold one envelope per line.
                for (index, line) in Self.jsonLines(input.bytes).enumerated() {
                    let name = index == 0 ? input.name : "\(input.name)#\(index + 1)"
                    if let verified = verifyEnvelope(EvidenceInput(name: name, bytes: line), artifact: inputs, into: &evidence) {
                        add(verified.0, payload: verified.1, signatures: verified.2, source: name)
                    }
                }
            }
        }

        evidence.signatures = admitRegisteredKeys(evidence.signatures, into: &evidence)
        for key in order {
            guard var statement = statements[key] else { continue }
            statement.signatures = admitRegisteredKeys(statement.signatures, into: &evidence)
            statements[key] = statement.signatures.isEmpty ? nil : statement
        }
        await collectSourceAudits(inputs.sourceAudits, into: &evidence)
        let weighed = order.compactMap { statements[$0] }.map { weigh($0, into: &evidence) }
        var accepted: [EvidenceKind: [(Statement, [Signer])]] = [:]
        for (statement, trusted) in weighed {
            guard let kind = statement.kind, let trusted else { continue }
            accepted[kind, default: []].append((statement, trusted))
        }

        acceptProvenance(accepted[.provenance] ?? [], artifact: inputs.artifact, into: &evidence)
        keepUntrustedProvenance(weighed.filter { $0.0.kind == .provenance && $0.1 == nil }.map(\.0), into: &evidence)
        buildFacts(into: &evidence)
        acceptRebuilds(accepted[.rebuild] ?? [], artifact: inputs.artifact, into: &evidence)
        // The package's previous builds need only the artifact's identity (known once provenance is
        // accepted): read from the inventory while the SBOM is read and scanned.
        let identity = evidence.packageIdentity
        async let previousBuilds = HistoryEvidence.previousBuilds(ifAny: inventory, artifact: identity)
        let sbom = acceptSBOM(accepted[.sbom] ?? [], into: &evidence)
        // The SBOM's evidence form (component labels, license parses) is built on another core while
        // the gate scans the SBOM on this one.
        async let sbomEvidence = sbom?.evidence
        if let input = inputs.sbom { noteUnsignedSBOM(input, into: &evidence) }
        let vex = acceptVEX(accepted[.vex] ?? [], into: &evidence)
        for input in inputs.vex {
            evidence.problems.append(EvidenceProblem(.unsigned, input.name,
                "an unsigned VEX document is self-asserted and suppresses nothing; VEX counts only when signed by a trusted VEX author (\(policy.signers(for: .vex).summary))", kind: .vex))
        }
        if let input = inputs.scan, !Self.isSignedDocument(input.bytes) { noteUnsignedScan(input, into: &evidence) }
        await assessVulnerabilities(sbom: sbom, vex: vex, attested: accepted[.vulnerabilityScan] ?? [], into: &evidence)
        evidence.sbom = await sbomEvidence
        let previous = try await previousBuilds
        if let inventory, let previous {
            evidence.history = HistoryEvidence(previousBuilds: previous,
                firstSeen: try await HistoryEvidence.firstSeen(inventory: inventory, findings: evidence.scan?.findings ?? []))
        }
        return evidence
    }

    /// Checks a statement's signers against the policy's signers for its kind. Returns the trusted
    /// signers when enough of them signed, or nil (and records why) when the statement does not count.
    func weigh(_ statement: Statement, into evidence: inout Evidence) -> (Statement, [Signer]?) {
        guard let kind = statement.kind else {
            for signature in statement.signatures {
                evidence.attestations.append(VerifiedAttestation(predicateType: statement.statement.predicateType,
                                                                 signature: signature, trusted: false))
            }
            return (statement, nil)
        }
        let signers = policy.signers(for: kind)
        let trusted = signers.trustedSigners(among: statement.signatures)
        for signature in statement.signatures {
            evidence.attestations.append(VerifiedAttestation(predicateType: statement.statement.predicateType,
                                                             signature: signature, trusted: trusted.contains(signature.signer)))
        }
        if trusted.isEmpty {
            let who = Format.list(statement.signatures.map(\.signer.description))
            evidence.problems.append(EvidenceProblem(.untrustedSigner, statement.source,
                "\(kind.rawValue) signed by \(who), who is not a trusted \(kind.signerName) (\(kind.policyPath): \(signers.summary))", kind: kind))
            return (statement, nil)
        }
        if trusted.count < signers.threshold {
            evidence.problems.append(EvidenceProblem(.untrustedSigner, statement.source,
                "\(kind.rawValue) signed by \(trusted.count) trusted \(trusted.count == 1 ? "signer" : "signers"), \(kind.policyPath) needs \(signers.threshold)", kind: kind))
            return (statement, nil)
        }
        return (statement, trusted)
    }

    /// The signature that vouches for an accepted statement: the first trusted one.
    func vouching(_ statement: Statement, _ trusted: [Signer]) -> VerifiedSignature {
        statement.signatures.first { trusted.contains($0.signer) } ?? statement.signatures[0]
    }

    // MARK: - Provenance and build facts

    private func acceptProvenance(_ candidates: [(Statement, [Signer])], artifact: ArtifactSubject, into evidence: inout Evidence) {
        for (statement, trusted) in candidates {
            do {
                let provenance = try SLSAProvenance(predicateType: statement.statement.predicateType,
                                                    predicate: statement.statement.predicate)
                guard evidence.provenance == nil else {
                    evidence.problems.append(EvidenceProblem(.unreadable, statement.source,
                        "a second trusted provenance statement; only \(evidence.provenance?.source ?? "the first") is used"))
                    continue
                }
                let subjects = statement.statement.subjects.filter { $0.matches(artifact.digest) }.map(\.name)
                evidence.provenance = ProvenanceEvidence(facts: provenance.facts, signature: vouching(statement, trusted),
                                                         subjects: subjects, source: statement.source)
                evidence.provenance?.statement = statement.payload
                evidence.provenance?.recordedInputs = RecordedInputs(provenancePredicate: statement.statement.predicate)
            } catch {
                evidence.problems.append(EvidenceProblem(.unreadable, statement.source, "signed provenance is not valid SLSA: \(error.reason)", kind: .provenance))
            }
        }
    }

    /// Provenance no trusted signer vouches for: its claims are kept as self-asserted (already a
    /// problem), for the inventory only.
    private func keepUntrustedProvenance(_ statements: [Statement], into evidence: inout Evidence) {
        for statement in statements {
            guard let provenance = try? SLSAProvenance(predicateType: statement.statement.predicateType,
                                                       predicate: statement.statement.predicate) else { continue }
            evidence.untrustedProvenance.append(UntrustedProvenance(facts: provenance.facts, signers: statement.signatures.map(\.signer),
                                                                    source: statement.source))
        }
    }

    /// Build and source facts: the trusted provenance's claims, overlaid by its signing certificate
    /// (or, without provenance, by a trusted keyless artifact signature's certificate).
    private func buildFacts(into evidence: inout Evidence) {
        let signatureRule = policy.signers(for: .artifactSignature)
        let certified = evidence.provenance?.signature.certificate.map { ($0, evidence.provenance!.signature) }
            ?? evidence.signatures.first { $0.certificate?.describesBuild == true && signatureRule.trusts($0) }
                .map { ($0.certificate!, $0) }
        guard evidence.provenance != nil || certified != nil else { return }
        var facts = BuildFacts(source: evidence.provenance?.source ?? certified?.1.source ?? "")
        if let provenance = evidence.provenance {
            facts.claim(provenance.facts, by: .signedStatement(provenance.signedBy))
        }
        if let (certificate, signature) = certified, case .identity(let issuer, let subject) = signature.signer {
            facts.certify(certificate, issuer: issuer, subject: subject)
        }
        for contradiction in facts.contradictions {
            evidence.problems.append(EvidenceProblem(.contradictsCertificate, facts.source, contradiction, kind: .provenance))
        }
        evidence.build = facts
    }

    // MARK: - SBOM

    /// The trusted SBOM (its parsed form, for the gate's own scan).
    private func acceptSBOM(_ candidates: [(Statement, [Signer])], into evidence: inout Evidence) -> TrustedSBOM? {
        var chosen: TrustedSBOM?
        for (statement, trusted) in candidates {
            // The reader takes the predicate as parsed; the content digest encodes it once, at the same time.
            let predicate = statement.statement.predicate
            let source = statement.source
            let (read, (encoded, digest)) = ConcurrentPair.run(
                { Result { () throws(SBOMError) in try SBOMReader.read(json: predicate, filename: source) } },
                { () -> ([UInt8], Digest) in
                    let encoded = predicate.encodedBytes()
                    return (encoded, SBOMDigest.of(encoded: encoded))
                })
            do {
                let result = try read.get()
                guard chosen == nil else {
                    evidence.problems.append(EvidenceProblem(.unreadable, statement.source,
                        "a second trusted SBOM; only \(chosen?.source ?? "the first") is used"))
                    continue
                }
                chosen = TrustedSBOM(sbom: result.sbom, origin: .signedStatement(vouching(statement, trusted).signer),
                                     digest: digest, document: encoded, source: statement.source)
            } catch {
                evidence.problems.append(EvidenceProblem(.unreadable, statement.source, "attested SBOM is not readable: \(error.reason)", kind: .sbom))
            }
        }
        return chosen
    }

    private func noteUnsignedSBOM(_ input: EvidenceInput, into evidence: inout Evidence) {
        let summary: String
        if let result = try? SBOMReader.read(data: Data(input.bytes), filename: input.name) {
            summary = "an unsigned SBOM with \(result.sbom.components.count) components"
        } else {
            summary = "an unreadable, unsigned SBOM"
        }
        evidence.problems.append(EvidenceProblem(.unsigned, input.name,
            "\(summary) is self-asserted: shown, never used; an SBOM counts only inside an attestation by a trusted SBOM signer (\(policy.signers(for: .sbom).summary))", kind: .sbom))
    }

    // MARK: - VEX

    private func acceptVEX(_ candidates: [(Statement, [Signer])], into evidence: inout Evidence) -> [VEXStatement] {
        var statements: [VEXStatement] = []
        for (statement, trusted) in candidates {
            do {
                let author = vouching(statement, trusted).signer
                statements += try VEXDocument.parse(Data(statement.statement.predicate.encodedBytes()),
                                                    source: "\(statement.source) (signed by \(author))")
            } catch {
                evidence.problems.append(EvidenceProblem(.unreadable, statement.source, "signed VEX is not readable: \(error.reason)", kind: .vex))
            }
        }
        return statements
    }

    // MARK: - Helpers

    /// The non-empty lines of a JSON Lines file, or the whole file when it is one (possibly pretty) JSON document.
    static func jsonLines(_ bytes: [UInt8]) -> [[UInt8]] {
        // Counted first, without copying: the usual envelope is one line of hundreds of KiB, and
        // splitting it generically was ~6% of a gate decision.
        let ranges = bytes.withUnsafeBufferPointer(nonBlankLineRanges)
        guard ranges.count > 1 else { return [bytes] }
        let lines = ranges.map { Array(bytes[$0]) }
        guard lines.allSatisfy({ (try? JSONValue.parse($0)) != nil }) else { return [bytes] }
        return lines
    }

    /// The ranges of the lines that hold more than spaces, tabs and carriage returns.
    private static func nonBlankLineRanges(_ buffer: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        while start <= buffer.count {
            var end = start
            // A blank line is found blank at its first non-blank byte, so a long line costs one look.
            var blank = true
            while end < buffer.count, buffer[end] != UInt8(ascii: "\n") {
                if blank, buffer[end] != UInt8(ascii: " "), buffer[end] != UInt8(ascii: "\r"), buffer[end] != UInt8(ascii: "\t") {
                    blank = false
                    // The rest of the line only needs its end.
                    if let base = buffer.baseAddress,
                       let found = memchr(base + end, Int32(UInt8(ascii: "\n")), buffer.count - end) {
                        end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    } else {
                        end = buffer.count
                    }
                    break
                }
                end += 1
            }
            if !blank { ranges.append(start..<end) }
            start = end + 1
        }
        return ranges
    }

    /// The bundle media type, as bytes. It cannot occur inside a DSSE envelope's base64 payload or
    /// signatures (base64 has no '.' or '-'), so finding it is enough to route the file; the bundle
    /// parser then validates it whole. (Parsing a large envelope twice just to look was most of a decision.)
    private static let bundleMediaType = Array("application/vnd.dev.sigstore.bundle".utf8)

    static func looksLikeSigstoreBundle(_ bytes: [UInt8]) -> Bool {
        // Anchored on the media type's first '.', a byte that base64 never holds, so a large
        // envelope is crossed with `memchr` and compared only where a '.' occurs.
        let dotOffset = 15   // "application/vnd" precedes the first '.'
        precondition(bundleMediaType[dotOffset] == UInt8(ascii: "."))
        guard bytes.count >= bundleMediaType.count else { return false }
        return bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return false }
            var position = dotOffset
            let last = raw.count - (bundleMediaType.count - dotOffset)
            while position <= last {
                guard let found = memchr(base + position, Int32(UInt8(ascii: ".")), last - position + 1) else { return false }
                let dot = base.distance(to: UnsafeRawPointer(found))
                let start = dot - dotOffset
                if memcmp(base + start, bundleMediaType, bundleMediaType.count) == 0 { return true }
                position = dot + 1
            }
            return false
        }
    }

    /// A DSSE envelope or Sigstore bundle (as opposed to a plain JSON report).
    static func isSignedDocument(_ bytes: [UInt8]) -> Bool {
        if looksLikeSigstoreBundle(bytes) { return true }
        guard let value = try? JSONValue.parse(jsonLines(bytes)[0]) else { return false }
        return value["payloadType"] != nil && value["signatures"] != nil
    }
}
