/// An HTTP response (or a mirror file) as the install verifiers read it.
public struct FetchedResource: Sendable {
    /// The HTTP status; 200 for a mirror file that exists, 404 for one that does not.
    public var status: Int
    public var body: [UInt8]

    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }
}
