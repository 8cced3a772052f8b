/// What the install boundary established about one package file before installing it
/// (`tollgate pip install`, `tollgate npm ci`): every fact here was computed by the gate itself
/// (hashes, registry signatures checked with the pinned registry keys, Sigstore bundles verified
/// against the trusted root) or is where the file came from. Attestations carry their signer;
/// the rules decide whose count.
public struct InstallFacts: Sendable, Hashable, Codable {
    /// The package ecosystem, as OSV names it.
    public enum Ecosystem: String, Sendable, Hashable, Codable {
        case npm
        case pypi = "PyPI"
    }

    public var ecosystem: Ecosystem
    /// The name as the ecosystem writes it (PEP 503-normalised for PyPI).
    public var name: String
    public var version: String
    /// `pkg:TYPE/NAME@VERSION`, canonical.
    public var purl: String
    /// The distribution file (wheel, sdist, tarball) name or URL.
    public var file: String?
    /// A source distribution: building it runs arbitrary code.
    public var isSourceDistribution: Bool
    /// The index or registry the file came from; nil when it could not be resolved.
    public var index: String?
    /// The file's bytes against the pinned hash (lockfile integrity, `--hash`).
    public var integrity: InstallCheck
    /// True when the lockfile or requirements pinned the file's hash.
    public var hashPinned: Bool
    /// The registry signature (npm); `.notApplicable` where the ecosystem has none.
    public var registrySignature: InstallCheck
    /// npm's publish attestation (signed with a registry key), when the registry offers one: the
    /// registry's own statement that it published this name@version with this tarball. Judged with
    /// `install.registrySignature`; nil when none was offered.
    public var publishAttestation: InstallCheck?
    /// Verified attestations about the file, each with its publisher identity.
    public var attestations: [PublisherAttestation]
    /// Attestations that were offered but did not verify, or could not be fetched.
    public var attestationProblems: [String]
    /// The internal index's state when the name is internal: `.unavailable` when it could not be
    /// reached or refused the credentials (an error, never a fallback).
    public var internalIndex: InstallCheck?
    /// OSV `MAL-` advisories matching the package (from the gate's own scan).
    public var malicious: [String]

    public init(ecosystem: Ecosystem, name: String, version: String, purl: String, file: String? = nil,
                isSourceDistribution: Bool = false, index: String? = nil, integrity: InstallCheck, hashPinned: Bool,
                registrySignature: InstallCheck, attestations: [PublisherAttestation] = [], attestationProblems: [String] = [],
                internalIndex: InstallCheck? = nil, malicious: [String] = []) {
        self.ecosystem = ecosystem
        self.name = name
        self.version = version
        self.purl = purl
        self.file = file
        self.isSourceDistribution = isSourceDistribution
        self.index = index
        self.integrity = integrity
        self.hashPinned = hashPinned
        self.registrySignature = registrySignature
        self.attestations = attestations
        self.attestationProblems = attestationProblems
        self.internalIndex = internalIndex
        self.malicious = malicious
    }

    /// The names policy patterns are matched against: the purl with and without version, with the
    /// name as written (`pkg:npm/@acme/x`) and as the purl encodes it (`pkg:npm/%40acme/x`), and the bare name.
    public var policyNames: [String] {
        let type = ecosystem == .npm ? "npm" : "pypi"
        var names = ["pkg:\(type)/\(name)", "pkg:\(type)/\(name)@\(version)", name, purl]
        if let at = purl.lastIndex(of: "@"), purl[..<at].contains("/") { names.append(String(purl[..<at])) }
        return names
    }
}
