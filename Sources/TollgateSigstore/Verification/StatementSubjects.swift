import Foundation

/// The subject list of an in-toto Statement (in-toto/attestation `spec/v1/statement.md`),
/// decoded minimally to bind a DSSE bundle to its artifact. The full statement model lives in
/// TollgateModel; this keeps TollgateSigstore's hot path to the two fields it needs.
struct StatementSubjects: Decodable {
    struct Subject: Decodable {
        var name: String?
        var digest: [String: String]?
    }

    var _type: String?
    var subject: [Subject]?

    static let statementTypes: Set<String> = [
        "https://in-toto.io/Statement/v1", "https://in-toto.io/Statement/v0.1",
    ]
}
