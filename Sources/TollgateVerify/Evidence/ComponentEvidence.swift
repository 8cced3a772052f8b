import TollgatePolicy

/// One SBOM component, with its license expression parsed once when the evidence is built.
public struct ComponentEvidence: Sendable, Hashable {
    public var name: String
    public var version: String?
    public var purl: String?
    /// The declared or concluded license expression as written in the SBOM.
    public var license: String?
    /// `license` parsed; `nil` when absent or unparseable (see `licenseProblem`).
    public let licenseExpression: SPDXExpression?
    public let licenseProblem: String?

    public init(name: String, version: String? = nil, purl: String? = nil, license: String? = nil) {
        self.name = name
        self.version = version
        self.purl = purl
        let trimmed = license?.trimmingCharacters(in: .whitespaces)
        let meaningful = (trimmed?.isEmpty ?? true) || trimmed == "NOASSERTION" || trimmed == "NONE" ? nil : trimmed
        self.license = meaningful
        if let meaningful {
            switch SPDXExpression.parse(meaningful) {
            case .success(let expression):
                licenseExpression = expression
                licenseProblem = nil
            case .failure(let error):
                licenseExpression = nil
                licenseProblem = error.message
            }
        } else {
            licenseExpression = nil
            licenseProblem = nil
        }
    }

    /// The purl, or `name@version` when there is none.
    public var label: String { purl ?? (version.map { "\(name)@\($0)" } ?? name) }
}
