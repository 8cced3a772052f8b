import Foundation

/// What a writer puts in the document besides the components; injectable so output is
/// reproducible (same input, same bytes).
public struct SBOMWriterOptions: Sendable {
    /// The document's creation time; `nil` uses the SBOM's own `created`, else the Unix epoch.
    public var timestamp: Date?
    /// The serial number (`urn:uuid:...`); `nil` derives one from the content, so it is stable.
    public var serialNumber: String?
    /// The tool recorded as the author.
    public var toolName: String
    public var toolVersion: String

    public init(timestamp: Date? = nil, serialNumber: String? = nil, toolName: String = "tollgate", toolVersion: String = "0.1.0") {
        self.timestamp = timestamp
        self.serialNumber = serialNumber
        self.toolName = toolName
        self.toolVersion = toolVersion
    }
}
