/// A problem that did not stop reading or generation: a field out of spec, an unpinned
/// requirement, a purl that does not parse. Warnings are reported, never silently dropped.
public struct SBOMWarning: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A stable, dotted code such as `sbom.unpinned-requirement`.
    public var code: String
    /// What happened, for a person.
    public var message: String
    /// The file the warning is about, when known.
    public var file: String?
    /// The package (or, when no name could be read, the line) the warning is about, so a consumer
    /// such as the scanner can list it without parsing `message`.
    public var subject: String?

    public init(code: String, message: String, file: String? = nil, subject: String? = nil) {
        self.code = code
        self.message = message
        self.file = file
        self.subject = subject
    }

    public var description: String {
        if let file { return "warning[\(code)]: \(file): \(message)" }
        return "warning[\(code)]: \(message)"
    }
}
