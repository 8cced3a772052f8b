import Foundation
import TollgateModel

/// The predicate of a rebuild attestation (`https://tollgate.dev/attestations/rebuild/v1`): who
/// rebuilt the release, from which inputs (read from the release's provenance), what came out, and
/// whether it is the same bytes. The statement's subject is the release's digest.
public struct RebuildPredicate: Sendable, Hashable {
    public static let predicateType = "https://tollgate.dev/attestations/rebuild/v1"
    /// The most differences an attestation lists (the summary counts all of them).
    public static let maxDifferences = 200

    /// The rebuilder's identity as it names itself (`--rebuilder-id`, by default `key:KEYID`); the
    /// gate trusts the signature, not this text.
    public var rebuilder: String
    public var inputs: RebuildInputs
    public var release: Digest
    public var rebuilt: Digest
    public var match: Bool
    public var summary: String
    /// Each class with its count.
    public var classes: [DifferenceClass: Int]
    public var differences: [EntryDifference]
    /// When the rebuild was compared (RFC 3339).
    public var rebuiltOn: String?

    public init(rebuilder: String, inputs: RebuildInputs, comparison: RebuildComparison, rebuiltOn: Date?) {
        self.rebuilder = rebuilder
        self.inputs = inputs
        release = comparison.release.digest
        rebuilt = comparison.rebuilt.digest
        match = comparison.match
        summary = comparison.summary
        classes = Dictionary(uniqueKeysWithValues: comparison.classes.map { ($0.class, $0.count) })
        differences = Array(comparison.differences.prefix(Self.maxDifferences))
        self.rebuiltOn = rebuiltOn.map(InstantText.format)
    }

    public var json: JSONValue {
        var comparison: [String: JSONValue] = [
            "summary": .string(summary),
            "classes": .object(Dictionary(uniqueKeysWithValues: classes.map { ($0.key.rawValue, JSONValue.integer(Int64($0.value))) })),
            "differences": .array(differences.map { difference in
                .object(["path": .string(difference.path), "classes": .array(difference.classes.map { .string($0.rawValue) }),
                         "details": .array(difference.details.prefix(10).map { .string(String($0.prefix(400))) })])
            }),
        ]
        if differences.count == Self.maxDifferences { comparison["truncated"] = .bool(true) }
        var object: [String: JSONValue] = [
            "rebuilder": .object(["id": .string(rebuilder)]),
            "inputs": inputs.json,
            "release": .object(["digest": .string(release.description)]),
            "rebuilt": .object(["digest": .string(rebuilt.description)]),
            "match": .bool(match),
            "comparison": .object(comparison),
        ]
        if let rebuiltOn { object["rebuiltOn"] = .string(rebuiltOn) }
        return .object(object)
    }

    /// Reads a predicate as `json` writes it; a missing or mistyped required field is an error.
    public init(json: JSONValue) throws(RebuildError) {
        func fail(_ why: String) -> RebuildError { RebuildError(.invalidAttestation, "the rebuild predicate \(why)") }
        guard case .object(let object) = json else { throw fail("is not a JSON object") }
        guard case .string(let id)? = object["rebuilder"]?["id"], !id.isEmpty else { throw fail("has no rebuilder.id") }
        guard case .bool(let match)? = object["match"] else { throw fail("has no boolean 'match'") }
        guard case .string(let releaseText)? = object["release"]?["digest"], let release = try? Digest(parsing: releaseText) else {
            throw fail("has no release.digest")
        }
        guard case .string(let rebuiltText)? = object["rebuilt"]?["digest"], let rebuilt = try? Digest(parsing: rebuiltText) else {
            throw fail("has no rebuilt.digest")
        }
        guard match == (release == rebuilt) else {
            throw fail("says match \(match) but the release is \(release) and the rebuild \(rebuilt)")
        }
        rebuilder = id
        self.match = match
        self.release = release
        self.rebuilt = rebuilt
        inputs = RebuildInputs(json: object["inputs"] ?? .null)
        let comparison = object["comparison"]
        if case .string(let text)? = comparison?["summary"] { summary = String(text.prefix(1000)) } else { summary = match ? "match" : "differ" }
        classes = [:]
        if case .object(let counts)? = comparison?["classes"] {
            for (name, value) in counts {
                if let kind = DifferenceClass(rawValue: name), case .integer(let count) = value { classes[kind] = Int(clamping: count) }
            }
        }
        differences = []
        if case .array(let items)? = comparison?["differences"] {
            for item in items.prefix(Self.maxDifferences) {
                guard case .string(let path)? = item["path"] else { continue }
                var kinds: [DifferenceClass] = []
                if case .array(let names)? = item["classes"] {
                    for case .string(let name) in names { if let kind = DifferenceClass(rawValue: name) { kinds.append(kind) } }
                }
                var details: [String] = []
                if case .array(let texts)? = item["details"] { for case .string(let text) in texts.prefix(10) { details.append(text) } }
                differences.append(EntryDifference(path: path, classes: kinds, details: details))
            }
        }
        if case .string(let text)? = object["rebuiltOn"] { rebuiltOn = String(text.prefix(64)) } else { rebuiltOn = nil }
    }
}
