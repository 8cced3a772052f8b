/// Identifies one vulnerability finding across scans: advisory id plus component purl.
public struct FindingKey: Sendable, Hashable, Codable, CustomStringConvertible {
    public var advisory: String
    public var purl: String

    public init(advisory: String, purl: String) {
        self.advisory = advisory
        self.purl = purl
    }

    public var description: String { "\(advisory) in \(purl)" }
}
