/// A name/value property of a component (CycloneDX `properties`).
public struct SBOMProperty: Sendable, Hashable, Codable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
