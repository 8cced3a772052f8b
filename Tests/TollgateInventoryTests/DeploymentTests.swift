import Foundation
import Testing
import TollgateInventory
import TollgateLedger
import TollgateModel
import TollgateStore

/// `deploy record` / `deploy import`: references, resolution through tag observations only, and
/// line-numbered errors.
@Suite("Deployments")
struct DeploymentTests {
    static let references: [(String, String, String?, Bool)] = [
        ("registry.example:5000/team/app:1.2", "registry.example:5000/team/app", "1.2", false),
        ("registry.example/app@sha256:\(String(repeating: "ab", count: 32))", "registry.example/app", nil, true),
        ("registry.example/app:1.2@sha256:\(String(repeating: "ab", count: 32))", "registry.example/app", "1.2", true),
        ("app", "app", nil, false),
        ("pkg:npm/left-pad@1.3.0", "pkg:npm/left-pad", "1.3.0", false),
    ]

    @Test("references split into repository, tag and digest", arguments: references.indices)
    func reference(_ index: Int) throws {
        let (text, repository, tag, hasDigest) = Self.references[index]
        let reference = try ImageReference(parsing: text)
        #expect(reference.repository == repository && reference.tag == tag && (reference.digest != nil) == hasDigest)
    }

    @Test("a bare name means the 'latest' tag; malformed references are refused")
    func referenceEdges() {
        #expect((try? ImageReference(parsing: "app"))?.effectiveTag == "latest")
        for bad in ["", "app:", "app@sha256:zz", "a b", "registry/app@md5:00"] {
            #expect(throws: InventoryError.self, "\(bad)") { try ImageReference(parsing: bad) }
        }
    }

    @Test("a tag reference resolves only through the latest observation at or before the deployment; a moved tag resolves to where it pointed then", arguments: Backend.allCases)
    func resolution(_ backend: Backend) async throws {
        let world = try await TestInventory.make(backend)
        let old = Digest.of("app 1"), new = Digest.of("app 2")
        let first = world.clock.now()
        try await world.recorder.record([try world.recorder.draft(.tagObserved, TagObservedEntry(repository: "registry.example/app", tag: "stable", digest: old))])
        let moved = world.clock.advance(days: 2)
        try await world.recorder.record([try world.recorder.draft(.tagObserved, TagObservedEntry(repository: "registry.example/app", tag: "stable", digest: new))])
        let resolver = DeploymentResolver(store: world.store)
        // Deployed between the two observations (an import of a past deployment): the old digest.
        let past = try await resolver.resolve(DeploymentResolver.Request(environment: "production", image: "registry.example/app:stable",
                                                                         time: first.addingTimeInterval(86_400)), now: world.clock.now())
        #expect(past.deployment.digest == old)
        #expect(past.deployment.resolution?.observedAt == first)
        #expect(past.explanation.hasPrefix("resolved through tag observation of registry.example/app:stable at "))
        // Deployed now: the digest the tag moved to.
        let now = try await resolver.resolve(DeploymentResolver.Request(environment: "production", image: "registry.example/app:stable"),
                                             now: world.clock.now())
        #expect(now.deployment.digest == new && now.deployment.resolution?.observedAt == moved)
        // Before any observation, or a tag never observed: no digest, and it says so.
        let early = try await resolver.resolve(DeploymentResolver.Request(environment: "production", image: "registry.example/app:stable",
                                                                          time: first.addingTimeInterval(-60)), now: world.clock.now())
        #expect(early.deployment.digest == nil && early.deployment.resolution == nil)
        #expect(early.explanation.contains("recorded without a digest"))
        // A digest given with a tag is recorded as a tag observation; a conflicting one is refused.
        let pinned = try await resolver.resolve(DeploymentResolver.Request(environment: "production", image: "registry.example/app:canary",
                                                                           digest: old.description), now: world.clock.now())
        #expect(pinned.observation?.tag == "canary" && pinned.deployment.digest == old)
        await #expect(throws: InventoryError.self) {
            try await resolver.resolve(DeploymentResolver.Request(environment: "production", image: "registry.example/app@\(old)",
                                                                  digest: new.description), now: world.clock.now())
        }
    }

    @Test("a stopped service no longer runs; first and last seen span its sightings", arguments: Backend.allCases)
    func stoppedAndSeen(_ backend: Backend) async throws {
        let world = try await TestInventory.make(backend)
        let digest = Digest.of("svc")
        let resolver = DeploymentResolver(store: world.store)
        func record(_ stopped: Bool) async throws {
            let resolved = try await resolver.resolve(DeploymentResolver.Request(environment: "production", cluster: "eu-1", service: "svc",
                                                                                 image: "registry.example/svc@\(digest)", stopped: stopped),
                                                      now: world.clock.now())
            try await world.recorder.record([try world.recorder.draft(.deploymentRecorded, resolved.deployment)])
        }
        let start = world.clock.now()
        try await record(false)
        world.clock.advance(days: 1)
        try await record(false)
        var row = try #require(try await world.store.deployments(of: [digest]).first)
        #expect(row.running && row.firstSeen == start && row.lastSeen == start.addingTimeInterval(86_400))
        world.clock.advance(days: 1)
        try await record(true)
        row = try #require(try await world.store.deployments(of: [digest]).first)
        #expect(!row.running)
    }

    @Test("deploy import lines: every malformed line is named with its number, and nothing is read from a bad file")
    func lines() throws {
        let good = #"""
        {"environment":"production","cluster":"eu-1","namespace":"shop","service":"checkout","image":"registry.example/shop:1.0"}

        {"environment":"staging","image":"registry.example/shop@sha256:\#(String(repeating: "cd", count: 32))","stopped":true,"time":"2026-11-01T10:00:00Z"}
        """#
        let requests = try DeploymentLines.parse(Data(good.utf8), file: "d.jsonl")
        #expect(requests.count == 2)
        #expect(requests[1].stopped && requests[1].time == Date(timeIntervalSince1970: 1_793_527_200))
        let bad = """
        {"environment":"production","image":"registry.example/shop:1.0"}
        not json
        {"environment":"production"}
        {"environment":"production","image":"x","stoped":true}
        {"environment":"production","image":"x","digest":"sha256:12"}
        ["environment"]
        {"environment":"production","image":"x","time":"yesterday"}
        """
        #expect {
            try DeploymentLines.parse(Data(bad.utf8), file: "d.jsonl")
        } throws: { error in
            guard let error = error as? InventoryError, error.kind == .invalidDeployment else { return false }
            return error.reason.hasPrefix("d.jsonl: 6 of 7 lines are not deployments, nothing was recorded: line 2: not JSON")
                && error.reason.contains("line 3: \"image\" is required") && error.reason.contains("line 4: unknown field 'stoped'")
                && error.reason.contains("line 5: \"digest\" must be ALGORITHM:HEX") && error.reason.contains("line 6: expected a JSON object")
                && error.reason.contains("line 7: \"time\" must be an RFC 3339 instant")
        }
        #expect(throws: InventoryError.self) { try DeploymentLines.parse(Data("\n\n".utf8), file: "empty.jsonl") }
        let long = "{\"environment\":\"" + String(repeating: "x", count: DeploymentLines.maxLineBytes) + "\",\"image\":\"x\"}"
        #expect { try DeploymentLines.parse(Data(long.utf8), file: "long.jsonl") } throws: { ($0 as? InventoryError)?.reason.contains("line 1: over the") == true }
    }
}
