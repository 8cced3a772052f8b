import Foundation

/// SLSA Provenance v1 predicate (`https://slsa.dev/provenance/v1`).
///
/// <https://slsa.dev/spec/v1.0/provenance>: "buildDefinition … REQUIRED", "runDetails … REQUIRED",
/// "buildType … REQUIRED", "externalParameters … REQUIRED", "builder.id … REQUIRED".
public struct SLSAProvenanceV1: Sendable, Hashable {
    public static let predicateType = "https://slsa.dev/provenance/v1"

    public var buildType: String
    public var externalParameters: JSONValue
    public var internalParameters: JSONValue?
    public var resolvedDependencies: [SLSAResourceDescriptor]
    public var builderID: String
    public var builderVersion: [String: String]
    public var invocationID: String?
    public var startedOn: Date?
    public var finishedOn: Date?
    public var byproducts: [SLSAResourceDescriptor]

    public init(
        buildType: String, externalParameters: JSONValue, internalParameters: JSONValue? = nil,
        resolvedDependencies: [SLSAResourceDescriptor] = [], builderID: String,
        builderVersion: [String: String] = [:], invocationID: String? = nil,
        startedOn: Date? = nil, finishedOn: Date? = nil, byproducts: [SLSAResourceDescriptor] = []
    ) {
        self.buildType = buildType
        self.externalParameters = externalParameters
        self.internalParameters = internalParameters
        self.resolvedDependencies = resolvedDependencies
        self.builderID = builderID
        self.builderVersion = builderVersion
        self.invocationID = invocationID
        self.startedOn = startedOn
        self.finishedOn = finishedOn
        self.byproducts = byproducts
    }

    /// Parses and validates the predicate's REQUIRED fields.
    public init(parsing predicate: JSONValue) throws(ModelError) {
        guard predicate.objectValue != nil else {
            throw ModelError(.invalidProvenance, "SLSA v1 predicate must be a JSON object")
        }
        guard let definition = try SLSAJSON.optionalObject(predicate["buildDefinition"], at: "buildDefinition") else {
            throw ModelError(.invalidProvenance, "SLSA v1 predicate: buildDefinition is required")
        }
        guard let run = try SLSAJSON.optionalObject(predicate["runDetails"], at: "runDetails") else {
            throw ModelError(.invalidProvenance, "SLSA v1 predicate: runDetails is required")
        }
        buildType = try SLSAJSON.requiredString(definition["buildType"], at: "buildDefinition.buildType")
        // The spec makes externalParameters REQUIRED, but real provenance (e.g. the sigstore
        // conformance suite's) omits it; absent means "no parameters", which can only make
        // source rules fail, never pass. Present but not an object is rejected.
        let external = definition["externalParameters"] ?? .object([:])
        guard external.objectValue != nil else {
            throw ModelError(.invalidProvenance, "buildDefinition.externalParameters must be an object")
        }
        externalParameters = external
        internalParameters = definition["internalParameters"]
        resolvedDependencies = try SLSAJSON.descriptors(
            definition["resolvedDependencies"], at: "buildDefinition.resolvedDependencies")
        guard let builder = try SLSAJSON.optionalObject(run["builder"], at: "runDetails.builder") else {
            throw ModelError(.invalidProvenance, "SLSA v1 predicate: runDetails.builder is required")
        }
        builderID = try SLSAJSON.requiredString(builder["id"], at: "runDetails.builder.id")
        var versions: [String: String] = [:]
        for (key, value) in try SLSAJSON.optionalObject(builder["version"], at: "runDetails.builder.version") ?? [:] {
            if let text = value.stringValue { versions[key] = text }
        }
        builderVersion = versions
        let metadata = try SLSAJSON.optionalObject(run["metadata"], at: "runDetails.metadata") ?? [:]
        invocationID = try SLSAJSON.optionalString(metadata["invocationId"], at: "runDetails.metadata.invocationId")
        startedOn = try SLSAProvenance.timestamp(metadata["startedOn"], at: "runDetails.metadata.startedOn")
        finishedOn = try SLSAProvenance.timestamp(metadata["finishedOn"], at: "runDetails.metadata.finishedOn")
        byproducts = try SLSAJSON.descriptors(run["byproducts"], at: "runDetails.byproducts")
    }

    /// The predicate as JSON, for writing provenance (`tollgate provenance generate`).
    public var json: JSONValue {
        var definition: [String: JSONValue] = [
            "buildType": .string(buildType),
            "externalParameters": externalParameters,
        ]
        if let internalParameters { definition["internalParameters"] = internalParameters }
        if !resolvedDependencies.isEmpty {
            definition["resolvedDependencies"] = .array(resolvedDependencies.map(SLSAProvenance.json(descriptor:)))
        }
        var builder: [String: JSONValue] = ["id": .string(builderID)]
        if !builderVersion.isEmpty { builder["version"] = .object(builderVersion.mapValues { .string($0) }) }
        var run: [String: JSONValue] = ["builder": .object(builder)]
        var metadata: [String: JSONValue] = [:]
        if let invocationID { metadata["invocationId"] = .string(invocationID) }
        if let startedOn { metadata["startedOn"] = .string(SLSAProvenance.format(startedOn)) }
        if let finishedOn { metadata["finishedOn"] = .string(SLSAProvenance.format(finishedOn)) }
        if !metadata.isEmpty { run["metadata"] = .object(metadata) }
        if !byproducts.isEmpty { run["byproducts"] = .array(byproducts.map(SLSAProvenance.json(descriptor:))) }
        return .object(["buildDefinition": .object(definition), "runDetails": .object(run)])
    }
}
