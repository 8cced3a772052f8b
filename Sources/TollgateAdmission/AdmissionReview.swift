import TollgateModel

/// An `AdmissionReview` as the Kubernetes API server sends it to a validating webhook, in
/// `admission.k8s.io/v1` or `v1beta1` (the answer goes back in the version that was sent).
///
/// https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#request
///
/// Only the envelope is checked here: `request.uid` must be there to be echoed, so a body without
/// one (`null`, `{}`, a request with only `operation`) is an error the server answers with HTTP 400
/// (the API server then applies the webhook's `failurePolicy: Fail`). Everything inside a request
/// that has a uid is judged by `AdmissionController`, which answers a well-formed denial.
public struct AdmissionReview: Sendable {
    public enum APIVersion: String, Sendable, Hashable, CaseIterable {
        case v1 = "admission.k8s.io/v1"
        case v1beta1 = "admission.k8s.io/v1beta1"
    }

    public let apiVersion: APIVersion
    public let request: AdmissionRequest

    /// The largest body read: the API server limits a request to 3 MiB, and an AdmissionReview
    /// carries the object and the old object.
    public static let maxBytes = 7 << 20
    /// The deepest JSON nesting accepted (a pod spec nests about 12 levels).
    public static let maxDepth = 64

    public init(apiVersion: APIVersion, request: AdmissionRequest) {
        self.apiVersion = apiVersion
        self.request = request
    }

    /// Parses a request body with the size and depth limits.
    public init(bytes: [UInt8], maxBytes: Int = AdmissionReview.maxBytes, maxDepth: Int = AdmissionReview.maxDepth) throws(AdmissionError) {
        guard bytes.count <= maxBytes else {
            throw AdmissionError(.tooLarge, "the AdmissionReview is \(bytes.count) bytes; the limit is \(maxBytes)")
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes, maxBytes: maxBytes, maxDepth: maxDepth)
        } catch {
            throw AdmissionError(error.kind == .tooLarge ? .tooLarge : .malformedReview, "the body is not JSON: \(error.reason)")
        }
        try self.init(value: value)
    }

    public init(value: JSONValue) throws(AdmissionError) {
        func fail(_ why: String) -> AdmissionError {
            AdmissionError(.malformedReview, "not an AdmissionReview: \(why)")
        }
        guard let object = value.objectValue else { throw fail(value.isNull ? "the body is null" : "the body is not a JSON object") }
        guard object["kind"]?.stringValue == "AdmissionReview" else { throw fail("kind must be AdmissionReview") }
        guard let versionText = object["apiVersion"]?.stringValue else { throw fail("apiVersion is missing") }
        guard let version = APIVersion(rawValue: versionText) else {
            throw fail("apiVersion '\(versionText.prefix(80))' is neither admission.k8s.io/v1 nor admission.k8s.io/v1beta1")
        }
        guard let request = object["request"], !request.isNull else { throw fail("request is missing") }
        guard request.objectValue != nil else { throw fail("request is not an object") }
        guard let uid = request["uid"]?.stringValue, !uid.isEmpty, uid.utf8.count <= 256 else {
            throw fail("request.uid is missing (it must be echoed in the response)")
        }
        apiVersion = version
        self.request = AdmissionRequest(uid: uid, value: request)
    }
}
