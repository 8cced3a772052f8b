import TollgateModel

/// The error type of `TollgateAdmission`: a request body that is not an AdmissionReview at all, or
/// an admission configuration that cannot be used. An image that fails the policy is a denial in a
/// well-formed response, never an error. Codes: `docs/error-codes/admission.md`.
public typealias AdmissionError = ModuleError<AdmissionErrorKind>

/// The stable kinds of `AdmissionError`. The raw value is the documented code.
public enum AdmissionErrorKind: String, TollgateErrorKind {
    /// The body is not an AdmissionReview with a request and a uid (`null`, not JSON, another kind,
    /// an unknown apiVersion, no `request.uid`): answered HTTP 400, never "allowed".
    case malformedReview = "admission.malformed-review"
    /// The body is larger than the limit or nests deeper than the limit (HTTP 413 / 400).
    case tooLarge = "admission.too-large"
    /// The admission configuration file is unreadable or invalid.
    case invalidConfiguration = "admission.invalid-configuration"

    public var exitStatus: ExitStatus {
        switch self {
        case .invalidConfiguration: .usage
        case .malformedReview, .tooLarge: .invalidInput
        }
    }
}
