import Foundation
import Testing
import TollgateModel
@testable import TollgateTUF

struct DelegationGraph: Sendable, CustomTestStringConvertible {
    let name: String
    /// (delegator, role, paths, terminating)
    let edges: [(String, String, [String], Bool)]
    let visited: [String]
    var testDescription: String { name }
}

/// Delegations: the pre-order depth-first search, terminating roles, path patterns, hash prefixes,
/// succinct hash bins, and each role verified against the delegator that led to it.
@Suite struct DelegationTests {
    /// The graphs of tuf-conformance `test_graph_traversal`: the order roles are requested in when
    /// the target is found nowhere.
    static let graphs: [DelegationGraph] = [
        .init(name: "basic", edges: [("targets", "A", ["*"], false)], visited: ["A"]),
        .init(name: "single level", edges: [("targets", "A", ["*"], false), ("targets", "B", ["*"], false)], visited: ["A", "B"]),
        .init(name: "two level DFS", edges: [("targets", "A", ["*"], false), ("targets", "B", ["*"], false),
                                              ("A", "C", ["*"], false), ("A", "D", ["*"], false)], visited: ["A", "C", "D", "B"]),
        .init(name: "three level DFS", edges: [("targets", "A", ["*"], false), ("targets", "B", ["*"], false),
                                                ("A", "C", ["*"], false), ("C", "D", ["*"], false)], visited: ["A", "C", "D", "B"]),
        .init(name: "terminating ignores all but its descendants",
              edges: [("targets", "A", ["*"], false), ("targets", "B", ["*"], false),
                      ("A", "C", ["*"], true), ("A", "D", ["*"], false)], visited: ["A", "C"]),
        .init(name: "terminating keeps its own subtree",
              edges: [("targets", "A", ["*"], false), ("targets", "B", ["*"], false),
                      ("A", "C", ["*"], true), ("C", "D", ["*"], false)], visited: ["A", "C", "D"]),
        .init(name: "branches not matching the path are skipped",
              edges: [("targets", "A", ["*.py"], false), ("targets", "B", ["*"], false), ("A", "C", ["*"], false)], visited: ["B"]),
        .init(name: "cycle", edges: [("targets", "A", ["*"], false), ("targets", "B", ["*"], false), ("B", "C", ["*"], false),
                                     ("C", "D", ["*"], false), ("D", "B", ["*"], false)], visited: ["A", "B", "C", "D"]),
        .init(name: "two roles delegating to a third", edges: [("targets", "A", ["*"], false), ("targets", "B", ["*"], false),
                                                              ("B", "C", ["*"], false), ("A", "C", ["*"], false)], visited: ["A", "C", "B"]),
        .init(name: "two roles delegating to a third, different paths",
              edges: [("targets", "A", ["*"], false), ("targets", "B", ["*"], false),
                      ("B", "C", ["*"], false), ("A", "C", ["*.py"], false)], visited: ["A", "B", "C"]),
    ]

    @Test("delegated roles are visited in pre-order depth-first order", arguments: graphs)
    func traversalOrder(_ graph: DelegationGraph) async throws {
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        var roles = Set<String>()
        for (delegator, role, paths, terminating) in graph.edges {
            repo.delegate(from: delegator, to: role, paths: paths, terminating: terminating)
            roles.insert(role); roles.insert(delegator)
        }
        for role in roles where role != "targets" { repo.publishTargets(role) }
        repo.publishNewTargets()
        let updater = try repo.updater(directory)
        try await updater.refresh()
        repo.fetcher.clearRequests()
        #expect(try await updater.targetInfo(for: "missingpath") == nil)
        #expect(repo.fetcher.requests == graph.visited.map { "1.\($0).json" })
    }

    @Test func aRoleReachedThroughASecondDelegatorMustBeSignedByThatDelegatorsKeys() async throws {
        // targets → A (a/*) → C; targets → B (b/*) → C. C is signed only by the key A lists for it.
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        repo.delegate(from: "targets", to: "A", paths: ["a/*"])
        repo.delegate(from: "targets", to: "B", paths: ["b/*"])
        repo.delegate(from: "A", to: "C", paths: ["a/*"])
        repo.delegate(from: "B", to: "C", paths: ["b/*"], signs: false)
        repo.addArtifact("a/file", Array("a".utf8), role: "C")
        repo.addArtifact("b/file", Array("b".utf8), role: "C")
        for role in ["A", "B", "C"] { repo.publishTargets(role) }
        repo.publishNewTargets()
        let updater = try repo.updater(directory)
        #expect(try await updater.targetInfo(for: "a/file") != nil)
        #expect(await refusal { _ = try await updater.targetInfo(for: "b/file") }?.kind == .thresholdNotMet)
        // A fresh client that goes through B first refuses too.
        let other = try repo.updater(try repo.newClientDirectory())
        #expect(await refusal { _ = try await other.targetInfo(for: "b/file") }?.kind == .thresholdNotMet)
    }

    @Test func aDelegationWithThresholdZeroIsRefused() async throws {
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        repo.delegate(from: "targets", to: "A", threshold: 0, signs: false)
        repo.publishTargets("A")
        repo.publishNewTargets()
        let error = await refusal { try await repo.updater(directory).refresh() }
        #expect(error?.kind == .malformed)
    }

    @Test func aRoleDelegatedButMissingFromSnapshotIsRefused() async throws {
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        repo.delegate(from: "targets", to: "A")
        repo.publishNewTargets()
        let updater = try repo.updater(directory)
        #expect(await refusal { _ = try await updater.targetInfo(for: "x") }?.kind == .roleMissing)
    }

    @Test func pathHashPrefixesDelegateByTheSHA256OfThePath() async throws {
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        let prefix = String(DigestAlgorithm.sha256.hash(Array("file.txt".utf8)).hex.prefix(2))
        repo.delegate(from: "targets", to: "other", paths: nil, hashPrefixes: ["zz"])
        repo.delegate(from: "targets", to: "bin", paths: nil, hashPrefixes: [prefix])
        repo.addArtifact("file.txt", Array("x".utf8), role: "bin")
        repo.publishTargets("other"); repo.publishTargets("bin")
        repo.publishNewTargets()
        let updater = try repo.updater(directory)
        try await updater.refresh()
        repo.fetcher.clearRequests()
        #expect(try await updater.targetInfo(for: "file.txt") != nil)
        #expect(repo.fetcher.requests == ["1.bin.json"])
    }

    @Test func succinctHashBinsNameTheBinFromTheFirstBitsOfTheHash() throws {
        let fields = try TUFFields(["keyids": ["k"], "threshold": 1, "bit_length": 8, "name_prefix": "bins"], context: "test")
        let bins = try TUFSuccinctRoles(fields)
        let first = DigestAlgorithm.sha256.hash(Array("some/target".utf8)).hex.prefix(2)
        #expect(bins.role(for: "some/target") == "bins-\(first)")
        #expect(bins.isDelegatedRole("bins-ff"))
        #expect(!bins.isDelegatedRole("bins-100"))
        #expect(!bins.isDelegatedRole("bins-f"))
        let wide = try TUFSuccinctRoles(TUFFields(["keyids": ["k"], "threshold": 1, "bit_length": 5, "name_prefix": "b"], context: "test"))
        // 32 bins: two hex digits, top five bits of the first byte.
        let byte = DigestAlgorithm.sha256.hash(Array("x".utf8)).bytes[0]
        let expected = String(Int(byte >> 3), radix: 16)
        #expect(wide.role(for: "x") == "b-" + String(repeating: "0", count: 2 - expected.count) + expected)
    }

    @Test func succinctDelegationsAreFollowedWithTheSharedKeys() async throws {
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        let key = TestKey()
        let bin = "bins-" + String(DigestAlgorithm.sha256.hash(Array("file.txt".utf8)).bytes[0] >> 7, radix: 16)
        var targets = repo.targetsRoles["targets"]!
        TestRepository.set(&targets, ["delegations"], ["keys": .object([key.id: key.json]),
                                                        "succinct_roles": ["keyids": [.string(key.id)], "threshold": 1,
                                                                           "bit_length": 1, "name_prefix": "bins"]])
        repo.targetsRoles["targets"] = targets
        repo.targetsRoles[bin] = ["_type": "targets", "spec_version": "1.0.31", "version": 1,
                                  "expires": .string(TestRepository.farFuture), "targets": [:]]
        repo.signers[bin] = [key]
        repo.addArtifact("file.txt", Array("x".utf8), role: bin)
        repo.publishTargets(bin)
        repo.publishNewTargets()
        let updater = try repo.updater(directory)
        let info = try #require(try await updater.targetInfo(for: "file.txt"))
        #expect(try await updater.download(info) == Array("x".utf8))
    }

    @Test("unusual role names are quoted in requests and stored as one file in the metadata directory",
          arguments: ["?", "#", "/delegatedrole", "../delegatedrole", "a b", "é"])
    func unusualRoleNames(_ name: String) async throws {
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        repo.delegate(from: "targets", to: name)
        repo.publishTargets(name)
        repo.publishNewTargets()
        let updater = try repo.updater(directory)
        #expect(try await updater.targetInfo(for: "nonexistent target") == nil)
        #expect(repo.fetcher.requests.contains("1.\(TUFPercentEncoding.quote(name)).json"))
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }
        #expect(files.count == 5)
        #expect(files.contains(TUFPercentEncoding.quote(name) + ".json"))
        #expect(!FileManager.default.fileExists(atPath: directory.deletingLastPathComponent().appendingPathComponent("delegatedrole.json").path))
    }

    @Test("path patterns match part by part with fnmatch", arguments: [
        ("file.txt", "*", true), ("dir/file.txt", "*", false), ("dir/file.txt", "dir/*", true), ("dir/file.txt", "*/*.txt", true),
        ("a.py", "*.py", true), ("a.pyc", "*.py", false), ("releases/x/x_v1", "releases/*/*", true),
        ("releases/y/y_v1.zip", "releases/y/*.zip", true), ("file1.txt", "file?.txt", true), ("file10.txt", "file?.txt", false),
        ("fileb", "file[abc]", true), ("filed", "file[abc]", false), ("filed", "file[!abc]", true), ("file3", "file[0-9]", true),
        ("", "*", true), ("a/", "a/*", true), ("file[", "file[", true),
    ])
    func pathPatterns(_ path: String, _ pattern: String, _ matches: Bool) {
        #expect(TUFPathPattern.matches(path: path, pattern: pattern) == matches)
    }
}
