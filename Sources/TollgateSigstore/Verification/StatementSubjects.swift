import TollgateModel

/// The `_type` and subjects of an in-toto Statement, decoded with TollgateModel's
/// `InTotoSubject` but without materialising the predicate: binding a bundle to its artifact
/// needs only the subjects, and building the predicate's `JSONValue` tree (as
/// `InTotoStatement(parsing:)` does) cost a third of a DSSE bundle's verification time.
/// Callers that need the predicate parse `VerifiedBundle.statementPayload` with `InTotoStatement`.
struct StatementSubjects: Decodable {
    let _type: String
    let subject: [InTotoSubject]
}
