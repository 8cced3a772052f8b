/// Verifies an in-toto attestation in a DSSE envelope, in order: the PAE signatures against the
/// threshold, the payload type (`application/vnd.in-toto+json`), the statement (v0.1 or v1), the
/// predicate type when one is required, and that a subject digest equals the artifact digest.
public struct AttestationVerifier: Sendable {
    public let dsse: DSSEVerifier

    public init(dsse: DSSEVerifier) {
        self.dsse = dsse
    }

    /// - Parameters:
    ///   - artifact: digest of the artifact the attestation must be about.
    ///   - predicateType: when set, the statement's predicateType must equal it.
    public func verify(_ envelope: DSSEEnvelope, artifact: Digest, predicateType: String? = nil) -> AttestationVerdict {
        verify(envelope, predicateType: predicateType, subject: "digest \(artifact)") { $0.matches(artifact) }
    }

    /// The same steps, with the subject the statement must have chosen by `matches`: a statement about
    /// something other than an artifact (a source audit is about a Git commit) is verified the same way.
    /// - Parameter subject: what `matches` looks for, for the failure reason ("digest sha256:…").
    public func verify(_ envelope: DSSEEnvelope, predicateType: String? = nil, subject expected: String,
                       matching matches: (InTotoSubject) -> Bool) -> AttestationVerdict {
        let payload: DSSEVerifiedPayload
        switch dsse.verify(envelope, expectedPayloadType: DSSE.inTotoPayloadType) {
        case .failed(let reasons): return .failed(reasons: reasons)
        case .verified(let verified): payload = verified
        }
        let statement: InTotoStatement
        do {
            statement = try InTotoStatement(parsing: payload.payload)
        } catch {
            return .failed(reasons: ["the signed payload is not a valid in-toto statement: \(error.reason)"])
        }
        if let predicateType, statement.predicateType != predicateType {
            return .failed(reasons: ["predicateType is '\(statement.predicateType.prefix(200))', expected '\(predicateType)'"])
        }
        guard let subject = statement.subjects.first(where: matches) else {
            let names = statement.subjects.prefix(5).map { "'\($0.name.prefix(80))'" }.joined(separator: ", ")
            return .failed(reasons: ["no subject has \(expected); the statement's subjects are \(names)"])
        }
        return .verified(statement: statement, subject: subject, keyIDs: payload.keyIDs)
    }
}
