/// The answer to one AdmissionReview: the response to send and the verdict on every image.
public struct AdmissionResult: Sendable {
    public let apiVersion: AdmissionReview.APIVersion
    public var response: AdmissionResponse
    public let verdicts: [ImageVerdict]
    /// The namespace's mode and policy, nil when the request was not checked (excluded, not a workload).
    public let mode: NamespaceMode?
    public let policy: String?
    /// The tags pinned to digests (the mutating endpoint only).
    public var pins: [ImagePin] = []

    /// The AdmissionReview bytes to send back.
    public var bytes: [UInt8] { response.bytes(apiVersion: apiVersion) }
}
