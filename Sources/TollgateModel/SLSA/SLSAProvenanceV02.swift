import Foundation

/// SLSA Provenance v0.2 predicate (`https://slsa.dev/provenance/v0.2`).
///
/// <https://slsa.dev/spec/v0.2/provenance>: "builder.id … REQUIRED", "buildType … REQUIRED";
/// `invocation.configSource` identifies the top-level source (uri, digest, entryPoint).
public struct SLSAProvenanceV02: Sendable, Hashable {
    public static let predicateType = "https://slsa.dev/provenance/v0.2"

    public var builderID: String
    public var buildType: String
    public var configSource: SLSAResourceDescriptor?
    public var entryPoint: String?
    public var parameters: JSONValue?
    public var environment: JSONValue?
    public var materials: [SLSAResourceDescriptor]
    public var buildInvocationID: String?
    public var buildStartedOn: Date?
    public var buildFinishedOn: Date?

    public init(
        builderID: String, buildType: String, configSource: SLSAResourceDescriptor? = nil,
        entryPoint: String? = nil, parameters: JSONValue? = nil, environment: JSONValue? = nil,
        materials: [SLSAResourceDescriptor] = [], buildInvocationID: String? = nil,
        buildStartedOn: Date? = nil, buildFinishedOn: Date? = nil
    ) {
        self.builderID = builderID
        self.buildType = buildType
        self.configSource = configSource
        self.entryPoint = entryPoint
        self.parameters = parameters
        self.environment = environment
        self.materials = materials
        self.buildInvocationID = buildInvocationID
        self.buildStartedOn = buildStartedOn
        self.buildFinishedOn = buildFinishedOn
    }

    /// Parses and validates the predicate's REQUIRED fields.
    public init(parsing predicate: JSONValue) throws(ModelError) {
        guard predicate.objectValue != nil else {
            throw ModelError(.invalidProvenance, "SLSA v0.2 predicate must be a JSON object")
        }
        guard let builder = try SLSAJSON.optionalObject(predicate["builder"], at: "builder") else {
            throw ModelError(.invalidProvenance, "SLSA v0.2 predicate: builder is required")
        }
        builderID = try SLSAJSON.requiredString(builder["id"], at: "builder.id")
        buildType = try SLSAJSON.requiredString(predicate["buildType"], at: "buildType")
        let invocation = try SLSAJSON.optionalObject(predicate["invocation"], at: "invocation") ?? [:]
        if let source = try SLSAJSON.optionalObject(invocation["configSource"], at: "invocation.configSource"),
           !source.isEmpty {
            configSource = try SLSAResourceDescriptor.parse(.object(source), at: "invocation.configSource")
            entryPoint = try SLSAJSON.optionalString(source["entryPoint"], at: "invocation.configSource.entryPoint")
        } else {
            configSource = nil
            entryPoint = nil
        }
        parameters = invocation["parameters"]
        environment = invocation["environment"]
        materials = try SLSAJSON.descriptors(predicate["materials"], at: "materials")
        let metadata = try SLSAJSON.optionalObject(predicate["metadata"], at: "metadata") ?? [:]
        buildInvocationID = try SLSAJSON.optionalString(metadata["buildInvocationId"], at: "metadata.buildInvocationId")
        buildStartedOn = try SLSAProvenance.timestamp(metadata["buildStartedOn"], at: "metadata.buildStartedOn")
        buildFinishedOn = try SLSAProvenance.timestamp(metadata["buildFinishedOn"], at: "metadata.buildFinishedOn")
    }
}
