/// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html) as GitHub code scanning
/// reads it (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning):
/// the one model `tollgate scan` and `tollgate audit` both write. A result's `properties` are the reporting
/// tool's own (§3.8 property bags), so results are generic over them.
public enum SARIF {
    public static let schema = "https://json.schemastore.org/sarif-2.1.0.json"
    public static let version = "2.1.0"

    /// A log with one run (§3.13).
    public struct Log<Properties: Encodable & Sendable>: Sendable, Encodable {
        public let schema = SARIF.schema
        public let version = SARIF.version
        public let runs: [Run<Properties>]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }

        public init(runs: [Run<Properties>]) { self.runs = runs }
    }

    public struct Run<Properties: Encodable & Sendable>: Sendable, Encodable {
        public let tool: Tool
        public let results: [Result<Properties>]

        public init(tool: Tool, results: [Result<Properties>]) {
            self.tool = tool
            self.results = results
        }
    }

    public struct Tool: Sendable, Encodable {
        public let driver: Driver
        public init(driver: Driver) { self.driver = driver }
    }

    public struct Driver: Sendable, Encodable {
        public let name: String
        public let informationUri: String
        public let version: String
        public let rules: [Rule]

        public init(name: String, informationUri: String, version: String, rules: [Rule]) {
            self.name = name
            self.informationUri = informationUri
            self.version = version
            self.rules = rules
        }
    }

    /// A message or description (§3.11).
    public struct Text: Sendable, Encodable {
        public let text: String
        public init(text: String) { self.text = text }
    }

    /// A reporting descriptor (§3.49).
    public struct Rule: Sendable, Encodable {
        public let id: String
        public let name: String
        public let shortDescription: Text
        public let fullDescription: Text?
        public let helpUri: String
        public let help: Text?
        public let defaultConfiguration: Configuration
        public let properties: RuleProperties

        public init(id: String, name: String, shortDescription: Text, fullDescription: Text? = nil, helpUri: String, help: Text? = nil,
                    defaultConfiguration: Configuration, properties: RuleProperties) {
            self.id = id
            self.name = name
            self.shortDescription = shortDescription
            self.fullDescription = fullDescription
            self.helpUri = helpUri
            self.help = help
            self.defaultConfiguration = defaultConfiguration
            self.properties = properties
        }
    }

    public struct Configuration: Sendable, Encodable {
        public let level: String
        public init(level: String) { self.level = level }
    }

    /// `security-severity` (a CVSS-like score as a string) drives the severity GitHub shows.
    public struct RuleProperties: Sendable, Encodable {
        public let securitySeverity: String
        public let tags: [String]

        enum CodingKeys: String, CodingKey {
            case securitySeverity = "security-severity"
            case tags
        }

        public init(securitySeverity: String, tags: [String]) {
            self.securitySeverity = securitySeverity
            self.tags = tags
        }
    }

    /// A result (§3.27); every result has a physical location, as GitHub requires.
    public struct Result<Properties: Encodable & Sendable>: Sendable, Encodable {
        public let ruleId: String
        public let ruleIndex: Int
        public let level: String
        public let message: Text
        public let locations: [Location]
        public let partialFingerprints: [String: String]
        public let suppressions: [Suppression]?
        public let properties: Properties

        public init(ruleId: String, ruleIndex: Int, level: String, message: Text, locations: [Location],
                    partialFingerprints: [String: String], suppressions: [Suppression]? = nil, properties: Properties) {
            self.ruleId = ruleId
            self.ruleIndex = ruleIndex
            self.level = level
            self.message = message
            self.locations = locations
            self.partialFingerprints = partialFingerprints
            self.suppressions = suppressions
            self.properties = properties
        }
    }

    public struct Location: Sendable, Encodable {
        public let physicalLocation: PhysicalLocation
        public let logicalLocations: [LogicalLocation]?

        public init(physicalLocation: PhysicalLocation, logicalLocations: [LogicalLocation]? = nil) {
            self.physicalLocation = physicalLocation
            self.logicalLocations = logicalLocations
        }
    }

    public struct PhysicalLocation: Sendable, Encodable {
        public let artifactLocation: ArtifactLocation
        public let region: Region

        public init(artifactLocation: ArtifactLocation, region: Region) {
            self.artifactLocation = artifactLocation
            self.region = region
        }
    }

    public struct ArtifactLocation: Sendable, Encodable {
        public let uri: String
        public init(uri: String) { self.uri = uri }
    }

    /// A region (§3.30): 1-based line, and column when known.
    public struct Region: Sendable, Encodable {
        public let startLine: Int
        public let startColumn: Int?

        public init(startLine: Int, startColumn: Int? = nil) {
            self.startLine = startLine
            self.startColumn = startColumn
        }
    }

    public struct LogicalLocation: Sendable, Encodable {
        public let name: String
        public let fullyQualifiedName: String
        public let kind: String

        public init(name: String, fullyQualifiedName: String, kind: String) {
            self.name = name
            self.fullyQualifiedName = fullyQualifiedName
            self.kind = kind
        }
    }

    /// A suppression (§3.35), e.g. a VEX `not_affected`.
    public struct Suppression: Sendable, Encodable {
        public let kind: String
        public let status: String
        public let justification: String

        public init(kind: String, status: String, justification: String) {
            self.kind = kind
            self.status = status
            self.justification = justification
        }
    }

    /// The SARIF level for a severity: error (high, critical), warning (medium, unknown), note (low, none).
    public static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium, .unknown: "warning"
        case .low, .none: "note"
        }
    }

    /// GitHub's `security-severity` for a severity without a score.
    public static func securitySeverity(_ severity: Severity) -> String {
        switch severity {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium, .unknown: "5.5"
        case .low: "2.0"
        case .none: "0.0"
        }
    }
}
