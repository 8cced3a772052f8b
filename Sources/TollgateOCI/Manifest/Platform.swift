/// The platform an image runs on (`os/architecture[/variant]`), as an index lists it.
public struct Platform: Sendable, Hashable, Codable, CustomStringConvertible {
    public var os: String
    public var architecture: String
    public var variant: String?

    public init(os: String, architecture: String, variant: String? = nil) {
        self.os = os
        self.architecture = architecture
        self.variant = variant
    }

    /// Parses `linux/amd64` or `linux/arm64/v8`.
    public init(parsing text: String) throws(OCIError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (2...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else {
            throw OCIError(.invalidReference, "'\(text.prefix(80))' is not a platform; expected OS/ARCH[/VARIANT] such as linux/amd64")
        }
        self.init(os: parts[0], architecture: parts[1], variant: parts.count == 3 ? parts[2] : nil)
    }

    public var description: String { "\(os)/\(architecture)" + (variant.map { "/" + $0 } ?? "") }

    /// Whether an index entry for `other` serves a request for this platform (a missing variant matches any).
    public func matches(_ other: Platform) -> Bool {
        os == other.os && architecture == other.architecture && (variant == nil || variant == other.variant)
    }
}
