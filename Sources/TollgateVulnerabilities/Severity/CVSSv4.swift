/// CVSS v4.0 base score (CVSS-B) from a vector string. Placeholder until the macro-vector table lands.
public struct CVSSv4: Sendable, Hashable {
    public let vector: String
    public let baseScore: Double

    public init(vector: String) throws(VulnerabilityError) {
        throw VulnerabilityError(.invalidCVSS, "CVSS v4 scoring is not available yet for '\(vector.prefix(60))'")
    }
}
