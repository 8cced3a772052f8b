import TollgateModel

/// What a rebuild was built from, as the release's provenance records it: the provenance's digest,
/// the source, the build type and its parameters, and the versioned inputs `tollgate provenance
/// generate` records (toolchains, lockfile digests, environment, base images, SOURCE_DATE_EPOCH).
public struct RebuildInputs: Sendable, Hashable {
    public var provenanceDigest: Digest?
    public var sourceRepository: String?
    public var sourceRef: String?
    public var sourceCommit: String?
    public var buildType: String?
    public var builderID: String?
    public var externalParameters: JSONValue?
    /// `internalParameters.recordedInputs` of Tollgate's provenance (``RecordedInputs``), when present.
    public var recordedInputs: JSONValue?

    public init() {}

    /// The inputs of `statement`, a SLSA provenance statement (v0.2 or v1) whose bytes hash to `digest`.
    public init(provenance statement: InTotoStatement, digest: Digest) throws(RebuildError) {
        let provenance: SLSAProvenance
        do { provenance = try SLSAProvenance(predicateType: statement.predicateType, predicate: statement.predicate) } catch {
            throw RebuildError(.invalidAttestation, "the provenance is not SLSA provenance: \(error.reason)")
        }
        let facts = provenance.facts
        provenanceDigest = digest
        sourceRepository = facts.sourceRepository
        sourceRef = facts.sourceRef
        sourceCommit = facts.sourceCommit
        buildType = facts.buildType
        builderID = facts.builderID
        externalParameters = statement.predicate["buildDefinition"]?["externalParameters"] ?? statement.predicate["invocation"]?["parameters"]
        recordedInputs = statement.predicate["buildDefinition"]?["internalParameters"]?["recordedInputs"]
    }

    /// Reads the inputs back from an attestation; unknown or mistyped fields are left out.
    public init(json: JSONValue) {
        func string(_ value: JSONValue?) -> String? {
            if case .string(let text)? = value { return String(text.prefix(2048)) }
            return nil
        }
        provenanceDigest = string(json["provenance"]?["digest"]).flatMap { try? Digest(parsing: $0) }
        sourceRepository = string(json["source"]?["repository"])
        sourceRef = string(json["source"]?["ref"])
        sourceCommit = string(json["source"]?["commit"])
        buildType = string(json["buildType"])
        builderID = string(json["builderID"])
        externalParameters = json["externalParameters"]
        recordedInputs = json["recordedInputs"]
    }

    public var json: JSONValue {
        var object: [String: JSONValue] = [:]
        if let provenanceDigest { object["provenance"] = .object(["digest": .string(provenanceDigest.description)]) }
        var source: [String: JSONValue] = [:]
        if let sourceRepository { source["repository"] = .string(sourceRepository) }
        if let sourceRef { source["ref"] = .string(sourceRef) }
        if let sourceCommit { source["commit"] = .string(sourceCommit) }
        if !source.isEmpty { object["source"] = .object(source) }
        if let buildType { object["buildType"] = .string(buildType) }
        if let builderID { object["builderID"] = .string(builderID) }
        if let externalParameters { object["externalParameters"] = externalParameters }
        if let recordedInputs { object["recordedInputs"] = recordedInputs }
        return .object(object)
    }
}
