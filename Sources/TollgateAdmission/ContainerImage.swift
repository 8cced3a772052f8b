/// One container's image as the workload names it.
public struct ContainerImage: Sendable, Hashable, Codable {
    /// The pod spec list the container is in.
    public enum List: String, Sendable, Hashable, Codable, CaseIterable {
        case containers
        case initContainers
        case ephemeralContainers
    }

    public let list: List
    public let name: String
    /// The image exactly as written (`nginx`, `ghcr.io/acme/app:1.4@sha256:…`).
    public let image: String
    /// The JSON Pointer (RFC 6901) of the image field in the request's object
    /// (`/spec/template/spec/containers/0/image`), for a patch.
    public let pointer: String

    public init(list: List, name: String, image: String, pointer: String = "") {
        self.list = list
        self.name = name
        self.image = image
        self.pointer = pointer
    }
}
