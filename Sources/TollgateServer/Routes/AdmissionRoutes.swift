import Hummingbird
import TollgateAdmission

/// `POST /v1/admission`: the Kubernetes validating webhook (docs/admission.md). The body is an
/// AdmissionReview (`admission.k8s.io/v1` or `v1beta1`); the answer is an AdmissionReview in the
/// same version with `response.uid` echoed, allowed or denied with its reason. A body that is not
/// an AdmissionReview with a uid is answered 400 (413 when oversized), which the API server treats
/// as a webhook failure and, with `failurePolicy: Fail`, denies: nothing is allowed by accident.
/// The caller is a `deployer` token, or, with `--tls-client-ca`, the API server's client certificate.
enum AdmissionRoutes {
    /// The operations the API server's client certificate may call.
    static let operations: Set<String> = ["admissionReview", "admissionPin"]

    static var routes: [APIRoute] {
        [APIRoute(.post, "/v1/admission", .role(.deployer), "admissionReview", review),
         APIRoute(.post, "/v1/admission/pin", .role(.deployer), "admissionPin", pin)]
    }

    @Sendable static func review(_ call: APICall) async throws -> Response {
        try await answer(call) { controller, bytes, limit, environment in
            await controller.review(bytes: bytes, maxBytes: limit, in: environment)
        }
    }

    /// `POST /v1/admission/pin`: the optional mutating webhook that pins tags to the digests their
    /// recorded tag history resolves to (an idempotent JSON Patch); it never denies.
    @Sendable static func pin(_ call: APICall) async throws -> Response {
        try await answer(call) { controller, bytes, limit, environment in
            await controller.pin(bytes: bytes, maxBytes: limit, in: environment)
        }
    }

    private static func answer(_ call: APICall,
                               _ body: (AdmissionController, [UInt8], Int, ServerAdmissionEnvironment) async -> AdmissionController.Answer) async throws -> Response {
        guard let controller = call.server.admission else {
            throw ServerError(.notFound, "admission is not configured on this server; start it with --admission-config FILE (docs/admission.md)")
        }
        try call.requireMediaType(["application/json"])
        let bytes = try await call.body()
        let state = try call.state
        let environment = ServerAdmissionEnvironment(state: state, actor: call.actor,
                                                     registryEvidence: controller.configuration.registryEvidence,
                                                     allowHTTPRegistry: controller.configuration.allowHTTPRegistry)
        switch await body(controller, bytes, call.server.configuration.limits.maxBodyBytes, environment) {
        case .review(let result):
            AlertTriggers.admission(result, state: state, server: call.server, logger: call.context.logger)
            return APIResponse.bytes(result.bytes, contentType: "application/json")
        case .rejected(let error):
            throw ServerError(error.kind == .tooLarge ? .tooLarge : .badRequest, error.reason)
        }
    }
}
