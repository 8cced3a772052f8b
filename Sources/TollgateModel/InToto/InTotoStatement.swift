import Foundation

/// An in-toto Statement: what a predicate says about which subjects.
///
/// Read: v0.1 (`https://in-toto.io/Statement/v0.1`) and v1 (`https://in-toto.io/Statement/v1`).
/// Written: v1. Spec: <https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md>
public struct InTotoStatement: Sendable, Hashable {
    /// Statement versions Tollgate reads.
    public enum Version: String, Sendable, Hashable, Codable {
        case v0_1 = "https://in-toto.io/Statement/v0.1"
        case v1 = "https://in-toto.io/Statement/v1"
    }

    public var version: Version
    public var subjects: [InTotoSubject]
    public var predicateType: String
    /// The predicate as arbitrary JSON; `.null` when absent.
    public var predicate: JSONValue

    /// Largest statement accepted: 16 MiB.
    public static let maxBytes = 16 << 20
    /// Most subjects accepted.
    public static let maxSubjects = 10_000

    /// A v1 statement.
    public init(subjects: [InTotoSubject], predicateType: String, predicate: JSONValue) {
        self.version = .v1
        self.subjects = subjects
        self.predicateType = predicateType
        self.predicate = predicate
    }

    private struct Wire: Codable {
        var type: String
        var subject: [InTotoSubject]?
        var predicateType: String?
        var predicate: JSONValue?
        enum CodingKeys: String, CodingKey {
            case type = "_type", subject, predicateType, predicate
        }
    }

    /// Parses and validates statement JSON (a DSSE payload).
    ///
    /// statement.md: "subject: REQUIRED … Set of software artifacts that the attestation applies
    /// to", each with a digest; "predicateType: REQUIRED".
    public init(parsing bytes: some DataProtocol) throws(ModelError) {
        guard bytes.count <= Self.maxBytes else {
            throw ModelError(.tooLarge, "in-toto statement is \(bytes.count) bytes, over the \(Self.maxBytes)-byte limit")
        }
        // One fast parse (`JSONValue.parse`); the predicate is then used as parsed.
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes, maxBytes: Self.maxBytes)
        } catch {
            throw ModelError(.invalidStatement, "not an in-toto statement: \(error.reason)")
        }
        guard case .object(let fields) = value else {
            throw ModelError(.invalidStatement, "not an in-toto statement: expected a JSON object")
        }
        guard let type = fields["_type"]?.stringValue else {
            throw ModelError(.invalidStatement, "not an in-toto statement: missing or non-string field '_type'")
        }
        var parsedSubjects: [InTotoSubject]?
        if let list = fields["subject"], list != .null {
            guard let items = list.arrayValue else {
                throw ModelError(.invalidStatement, "not an in-toto statement: 'subject' is not a list")
            }
            guard items.count <= Self.maxSubjects else {
                throw ModelError(.tooLarge, "the statement has \(items.count) subjects, over the limit of \(Self.maxSubjects)")
            }
            var subjects: [InTotoSubject] = []
            subjects.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                guard case .object(let subject) = item else {
                    throw ModelError(.invalidStatement, "not an in-toto statement: subject \(index + 1) is not an object")
                }
                var digest: [String: String] = [:]
                if let digests = subject["digest"], digests != .null {
                    guard let map = digests.objectValue else {
                        throw ModelError(.invalidStatement, "not an in-toto statement: subject \(index + 1) digest is not an object")
                    }
                    for (name, entry) in map {
                        guard let text = entry.stringValue else {
                            throw ModelError(.invalidStatement, "not an in-toto statement: subject \(index + 1) digest \(name.prefix(40)) is not a string")
                        }
                        digest[name] = text
                    }
                }
                if let name = subject["name"], name != .null, name.stringValue == nil {
                    throw ModelError(.invalidStatement, "not an in-toto statement: subject \(index + 1) name is not a string")
                }
                subjects.append(InTotoSubject(name: subject["name"]?.stringValue ?? "", digest: digest))
            }
            parsedSubjects = subjects
        }
        if let predicateType = fields["predicateType"], predicateType != .null, predicateType.stringValue == nil {
            throw ModelError(.invalidStatement, "not an in-toto statement: 'predicateType' is not a string")
        }
        let wire = Wire(type: type, subject: parsedSubjects, predicateType: fields["predicateType"]?.stringValue,
                        predicate: fields["predicate"].flatMap { $0 == .null ? nil : $0 })
        guard let version = Version(rawValue: wire.type) else {
            throw ModelError(.invalidStatement,
                             "statement _type is '\(wire.type.prefix(100))', expected \(Version.v1.rawValue) or \(Version.v0_1.rawValue)")
        }
        guard let subjects = wire.subject, !subjects.isEmpty else {
            throw ModelError(.invalidStatement, "the statement has no subject")
        }
        guard subjects.count <= Self.maxSubjects else {
            throw ModelError(.tooLarge, "the statement has \(subjects.count) subjects, over the limit of \(Self.maxSubjects)")
        }
        for (index, subject) in subjects.enumerated() {
            guard !subject.digest.isEmpty else {
                throw ModelError(.invalidStatement, "subject \(index + 1) ('\(subject.name.prefix(80))') has no digest")
            }
            for (name, value) in subject.digest {
                if let algorithm = DigestAlgorithm(name: name) {
                    guard let hex = Hex.decode(value), hex.count == algorithm.byteCount else {
                        throw ModelError(.invalidStatement,
                                         "subject \(index + 1) digest \(name) is not \(algorithm.byteCount * 2) hex characters: '\(value.prefix(140))'")
                    }
                }
            }
        }
        guard let predicateType = wire.predicateType, !predicateType.isEmpty else {
            throw ModelError(.invalidStatement, "the statement has no predicateType")
        }
        self.version = version
        self.subjects = subjects
        self.predicateType = predicateType
        self.predicate = wire.predicate ?? .null
    }

    /// Compact JSON with sorted keys, `_type` set from `version`.
    public func jsonBytes(pretty: Bool = false) -> [UInt8] {
        let wire = Wire(type: version.rawValue, subject: subjects, predicateType: predicateType,
                        predicate: predicate == .null ? nil : predicate)
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return (try? Array(encoder.encode(wire))) ?? []
    }

    /// The first subject listing `digest`, or `nil`.
    public func subject(matching digest: Digest) -> InTotoSubject? {
        subjects.first { $0.matches(digest) }
    }
}
