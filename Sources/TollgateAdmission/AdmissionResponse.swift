import Foundation
import TollgateModel

/// `AdmissionReview.response`: the verdict in the form the API server reads, in the apiVersion the
/// request came in. `uid` echoes the request's.
///
/// https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#response
public struct AdmissionResponse: Sendable, Hashable {
    public var uid: String
    public var allowed: Bool
    /// `status.code` (403 for a policy denial, 400 for a malformed object) and `status.message`.
    public var code: Int?
    public var message: String?
    /// Shown by `kubectl` (warn mode, gate warnings); each kept to 120 characters as Kubernetes advises.
    public var warnings: [String]
    /// Written by the API server into its audit log, prefixed with the webhook's name.
    public var auditAnnotations: [String: String]
    /// A JSON Patch (RFC 6902) for the mutating endpoint, sent base64 with `patchType: JSONPatch`.
    public var patch: JSONValue?

    /// The longest warning sent.
    public static let maxWarningLength = 120

    public init(uid: String, allowed: Bool, code: Int? = nil, message: String? = nil, warnings: [String] = [],
                auditAnnotations: [String: String] = [:]) {
        self.uid = uid
        self.allowed = allowed
        self.code = code
        self.message = message
        self.warnings = warnings
        self.auditAnnotations = auditAnnotations
    }

    /// The Kubernetes `StatusReason` of a status code.
    static func reason(of code: Int) -> String {
        switch code {
        case 400: "BadRequest"
        case 403: "Forbidden"
        case 500: "InternalError"
        case 504: "Timeout"
        default: "Unknown"
        }
    }

    /// The whole `AdmissionReview` carrying this response.
    public func review(apiVersion: AdmissionReview.APIVersion) -> JSONValue {
        var response: [String: JSONValue] = ["uid": .string(uid), "allowed": .bool(allowed)]
        if code != nil || message != nil {
            var status: [String: JSONValue] = [:]
            if let code {
                status["code"] = .integer(Int64(code))
                status["reason"] = .string(Self.reason(of: code))
            }
            if let message { status["message"] = .string(message) }
            response["status"] = .object(status)
        }
        if !warnings.isEmpty {
            response["warnings"] = .array(warnings.map { .string(Self.clip($0, to: Self.maxWarningLength)) })
        }
        if let patch {
            response["patchType"] = "JSONPatch"
            response["patch"] = .string(Data(patch.encodedBytes()).base64EncodedString())
        }
        if !auditAnnotations.isEmpty {
            response["auditAnnotations"] = .object(auditAnnotations.mapValues { .string($0) })
        }
        return .object(["apiVersion": .string(apiVersion.rawValue), "kind": "AdmissionReview", "response": .object(response)])
    }

    /// The JSON bytes of `review(apiVersion:)`.
    public func bytes(apiVersion: AdmissionReview.APIVersion) -> [UInt8] {
        review(apiVersion: apiVersion).encodedBytes()
    }

    static func clip(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }
}
