import Foundation
import Testing
import TollgateModel
@testable import TollgateTUF

/// The client workflow against a repository built in memory: the request sequence, storage, and
/// every refusal of the TUF 1.0 client workflow, each for its own reason.
@Suite struct UpdaterWorkflowTests {
    @Test func aFirstRefreshRequestsRootTimestampSnapshotAndTargetsAndStoresEach() async throws {
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        try await repo.updater(directory).refresh()
        #expect(repo.fetcher.requests == ["2.root.json", "timestamp.json", "1.snapshot.json", "1.targets.json"])
        for role in ["root", "timestamp", "snapshot", "targets"] { #expect(TestRepository.storedVersion(directory, role) == 1) }
    }

    @Test func aSecondRefreshUsesTheStoredSnapshotAndTargets() async throws {
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        try await repo.updater(directory).refresh()
        repo.fetcher.clearRequests()
        try await repo.updater(directory).refresh()
        #expect(repo.fetcher.requests == ["2.root.json", "timestamp.json"])
    }

    @Test func anUnsignedLocalRootFailsWithZeroRequests() async throws {
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        var json = try JSONValue.parse(repo.initialRoot)
        json = TestRepository.with(json, "signatures", [["keyid": .string(repo.signers["root"]![0].id), "sig": "00"]])
        try TUFDirectoryStore(directory: directory).store(role: "root", bytes: json.encodedBytes())
        #expect(throws: TUFError.self) { _ = try repo.updater(directory) }
        #expect(repo.fetcher.requests.isEmpty)
    }

    @Test func aLocalRootWithoutAVersionFailsWithZeroRequests() async throws {
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        var json = try JSONValue.parse(repo.initialRoot)
        if case .object(var signed)? = json["signed"] { signed["version"] = nil; json = TestRepository.with(json, "signed", .object(signed)) }
        try TUFDirectoryStore(directory: directory).store(role: "root", bytes: json.encodedBytes())
        let error = await refusal { _ = try repo.updater(directory) }
        #expect(error?.kind == .invalidLocalRoot)
        #expect(repo.fetcher.requests.isEmpty)
    }

    @Test func aThresholdOfZeroIsRefused() async throws {
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        TestRepository.set(&repo.root, ["roles", "timestamp", "threshold"], 0)
        repo.bumpRoot()
        let error = await refusal { try await repo.updater(directory).refresh() }
        #expect(error?.kind == .malformed)
        #expect(error?.reason.contains("threshold") == true)
        #expect(TestRepository.storedVersion(directory, "root") == 1)
    }

    @Test func aNewRootMustBeSignedByTheOldRootsThresholdToo() async throws {
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        repo.rotate("root")
        // Signed by the new root key only.
        TestRepository.set(&repo.root, ["version"], 2)
        repo.publishRoot()
        #expect(await refusal { try await repo.updater(directory).refresh() }?.kind == .thresholdNotMet)
        #expect(TestRepository.storedVersion(directory, "root") == 1)
    }

    @Test func aNewRootMustBeSignedByItsOwnThreshold() async throws {
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        let old = repo.signers["root"]!
        repo.rotate("root")
        TestRepository.set(&repo.root, ["version"], 2)
        repo.publishRoot(onlySigners: old)
        #expect(await refusal { try await repo.updater(directory).refresh() }?.kind == .thresholdNotMet)
    }

    @Test func aRootRotationSignedByBothKeySetsIsAccepted() async throws {
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        let old = repo.signers["root"]!
        repo.rotate("root")
        repo.bumpRoot(extraSigners: old)
        repo.bumpRoot()
        try await repo.updater(directory).refresh()
        #expect(TestRepository.storedVersion(directory, "root") == 3)
    }

    @Test func oneKeyListedUnderTwoIdsCountsOnce() async throws {
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        let key = repo.signers["snapshot"]![0]
        let twin = TestKey(key, id: String(repeating: "ab", count: 32))
        TestRepository.set(&repo.root, ["keys", twin.id], twin.json)
        TestRepository.set(&repo.root, ["roles", "snapshot"], ["keyids": [.string(key.id), .string(twin.id)], "threshold": 2])
        repo.signers["snapshot"] = [key, twin]
        repo.bumpRoot()
        repo.publishNewTargets()
        #expect(await refusal { try await repo.updater(directory).refresh() }?.kind == .thresholdNotMet)
        #expect(TestRepository.storedVersion(directory, "snapshot") == nil)
    }

    @Test func duplicateSignatureKeyIdsAreRefused() async throws {
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        let bytes = try #require(repo.fetcher.metadataFile("1.snapshot.json"))
        var json = try JSONValue.parse(bytes)
        let signature = try #require(json["signatures"]?[0])
        json = TestRepository.with(json, "signatures", [signature, signature])
        repo.fetcher.setMetadata("1.snapshot.json", json.encodedBytes())
        #expect(await refusal { try await repo.updater(directory).refresh() }?.kind == .malformed)
        #expect(TestRepository.storedVersion(directory, "snapshot") == nil)
    }

    @Test func duplicateKeyIdsInARoleAreRefused() async throws {
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        let id = repo.signers["snapshot"]![0].id
        TestRepository.set(&repo.root, ["roles", "snapshot"], ["keyids": [.string(id), .string(id)], "threshold": 2])
        repo.bumpRoot()
        #expect(await refusal { try await repo.updater(directory).refresh() }?.kind == .malformed)
    }

    @Test func anInvalidExtraSignatureDoesNotSpoilAThresholdMet() async throws {
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        let extra = TestKey()
        repo.rotate("timestamp", to: repo.signers["timestamp"]! + [extra], threshold: 1)
        repo.bumpRoot()
        repo.signers["timestamp"] = [repo.signers["timestamp"]![0]]
        let bytes = repo.envelope(repo.timestamp, keys: repo.signers["timestamp"]!)
        var json = try JSONValue.parse(bytes)
        var signatures = json["signatures"]?.arrayValue ?? []
        signatures.append(["keyid": .string(extra.id), "sig": ""])
        json = TestRepository.with(json, "signatures", .array(signatures))
        repo.fetcher.setMetadata("timestamp.json", json.encodedBytes())
        try await repo.updater(directory).refresh()
    }

    @Test func aTimestampRollbackIsRefused() async throws {
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        repo.bump(&repo.timestamp)
        repo.publishTimestamp()
        try await repo.updater(directory).refresh()
        TestRepository.set(&repo.timestamp, ["version"], 1)
        repo.publishTimestamp()
        #expect(await refusal { try await repo.updater(directory).refresh() }?.kind == .rollback)
        #expect(TestRepository.storedVersion(directory, "timestamp") == 2)
    }

    @Test func aTimestampWithTheSameVersionButNewContentIsNotStored() async throws {
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        try await repo.updater(directory).refresh()
        let before = try TUFDirectoryStore(directory: directory).load(role: "timestamp", maxLength: 1 << 20)
        TestRepository.set(&repo.timestamp, ["meta", "snapshot.json", "version"], 100)
        repo.publishTimestamp()
        try await repo.updater(directory).refresh()
        #expect(try TUFDirectoryStore(directory: directory).load(role: "timestamp", maxLength: 1 << 20) == before)
    }

    @Test func aSnapshotRollbackListedByANewTimestampIsRefused() async throws {
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        repo.publishNewTargets()
        try await repo.updater(directory).refresh()
        TestRepository.set(&repo.snapshot, ["version"], 1)
        repo.publishSnapshot()
        repo.bump(&repo.timestamp)
        repo.publishTimestamp()
        #expect(await refusal { try await repo.updater(directory).refresh() }?.kind == .rollback)
        #expect(TestRepository.storedVersion(directory, "snapshot") == 2)
        #expect(TestRepository.storedVersion(directory, "timestamp") == 2)
    }

    @Test("a targets rollback is refused, with and without hashes in snapshot", arguments: [false, true])
    func aTargetsRollbackIsRefused(hashes: Bool) async throws {
        let repo = TestRepository()
        repo.hashesInMeta = hashes
        let directory = try repo.newClientDirectory()
        repo.publishNewTargets()
        try await repo.updater(directory).refresh()
        var targets = repo.targetsRoles["targets"]!
        TestRepository.set(&targets, ["version"], 1)
        repo.targetsRoles["targets"] = targets
        repo.publishTargets("targets")
        repo.bump(&repo.snapshot); repo.publishSnapshot(); repo.bump(&repo.timestamp); repo.publishTimestamp()
        #expect(await refusal { try await repo.updater(directory).refresh() }?.kind == .rollback)
        #expect(TestRepository.storedVersion(directory, "targets") == 2)
    }

    @Test func aSnapshotNotMatchingTheHashInTimestampIsRefused() async throws {
        let repo = TestRepository()
        repo.hashesInMeta = true
        let directory = try repo.newClientDirectory()
        repo.publishNewTargets()
        // Re-sign snapshot v2 with different content after timestamp recorded its hash.
        TestRepository.set(&repo.snapshot, ["expires"], "2099-01-01T00:00:00Z")
        repo.fetcher.setMetadata("2.snapshot.json", repo.envelope(repo.snapshot, keys: repo.signers["snapshot"]!))
        #expect(await refusal { try await repo.updater(directory).refresh() }?.kind == .lengthOrHashMismatch)
        #expect(TestRepository.storedVersion(directory, "snapshot") == nil)
    }

    @Test func targetsNotMatchingTheHashInSnapshotAreRefused() async throws {
        let repo = TestRepository()
        repo.hashesInMeta = true
        let directory = try repo.newClientDirectory()
        repo.publishNewTargets()
        TestRepository.set(&repo.targetsRoles["targets"]!, ["expires"], "2099-01-01T00:00:00Z")
        repo.fetcher.setMetadata("2.targets.json", repo.envelope(repo.targetsRoles["targets"]!, keys: repo.signers["targets"]!))
        #expect(await refusal { try await repo.updater(directory).refresh() }?.kind == .lengthOrHashMismatch)
        #expect(TestRepository.storedVersion(directory, "targets") == nil)
    }

    @Test func aSnapshotThatDropsARoleIsRefused() async throws {
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        repo.delegate(from: "targets", to: "A")
        repo.publishTargets("A")
        repo.publishNewTargets()
        try await repo.updater(directory).refresh()
        if case .object(var meta)? = repo.snapshot["meta"] { meta["A.json"] = nil; TestRepository.set(&repo.snapshot, ["meta"], .object(meta)) }
        repo.bump(&repo.snapshot); repo.publishSnapshot(); repo.bump(&repo.timestamp); repo.publishTimestamp()
        #expect(await refusal { try await repo.updater(directory).refresh() }?.kind == .roleMissing)
    }

    @Test("expired metadata is a freeze attack", arguments: ["timestamp", "snapshot", "targets"])
    func expiredMetadataIsRefused(role: String) async throws {
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        let past: JSONValue = "2020-01-01T00:00:00Z"
        switch role {
        case "timestamp": TestRepository.set(&repo.timestamp, ["expires"], past); repo.bump(&repo.timestamp); repo.publishTimestamp()
        case "snapshot": TestRepository.set(&repo.snapshot, ["expires"], past); repo.publishNewTargets([])
        default: TestRepository.set(&repo.targetsRoles["targets"]!, ["expires"], past); repo.publishNewTargets()
        }
        #expect(await refusal { try await repo.updater(directory).refresh() }?.kind == .expired)
        #expect(TestRepository.storedVersion(directory, "targets") == nil)
    }

    @Test func aTimestampFastForwardIsRecoveredByRotatingTheTimestampKey() async throws {
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        TestRepository.set(&repo.timestamp, ["version"], 99)
        repo.publishTimestamp()
        try await repo.updater(directory).refresh()
        #expect(TestRepository.storedVersion(directory, "timestamp") == 99)
        repo.rotate("timestamp")
        repo.bumpRoot()
        TestRepository.set(&repo.timestamp, ["version"], 1)
        repo.publishTimestamp()
        try await repo.updater(directory).refresh()
        #expect(TestRepository.storedVersion(directory, "timestamp") == 1)
    }

    @Test func aSnapshotFastForwardIsRecoveredByRotatingSnapshotAndTimestampKeys() async throws {
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        TestRepository.set(&repo.snapshot, ["version"], 99_999)
        repo.publishSnapshot(); repo.bump(&repo.timestamp); repo.publishTimestamp()
        try await repo.updater(directory).refresh()
        #expect(TestRepository.storedVersion(directory, "snapshot") == 99_999)
        repo.rotate("snapshot"); repo.rotate("timestamp")
        repo.bumpRoot()
        TestRepository.set(&repo.snapshot, ["version"], 1)
        repo.publishSnapshot(); repo.bump(&repo.timestamp); repo.publishTimestamp()
        try await repo.updater(directory).refresh()
        #expect(TestRepository.storedVersion(directory, "snapshot") == 1)
    }

    @Test func metadataOverItsLengthLimitIsRefusedAsEndlessData() async throws {
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        var configuration = TUFUpdaterConfiguration()
        configuration.timestampMaxLength = 64
        #expect(await refusal { try await repo.updater(directory, configuration: configuration).refresh() }?.kind == .tooLarge)
    }

    @Test func aTargetLongerThanListedIsNeverReadPastItsLength() async throws {
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        repo.addArtifact("file.txt", Array("hello".utf8))
        repo.publishNewTargets()
        let sha = DigestAlgorithm.sha256.hash(Array("hello".utf8)).hex
        repo.fetcher.setTarget("\(sha).file.txt", Array(repeating: UInt8(ascii: "x"), count: 1 << 20))
        let updater = try repo.updater(directory)
        let info = try #require(try await updater.targetInfo(for: "file.txt"))
        #expect(await refusal { _ = try await updater.download(info) }?.kind == .tooLarge)
    }

    @Test func aSubstitutedTargetIsRefused() async throws {
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        repo.addArtifact("dir/file.txt", Array("hello".utf8))
        repo.publishNewTargets()
        let sha = DigestAlgorithm.sha256.hash(Array("hello".utf8)).hex
        let updater = try repo.updater(directory)
        let info = try #require(try await updater.targetInfo(for: "dir/file.txt"))
        #expect(try await updater.download(info) == Array("hello".utf8))
        #expect(repo.fetcher.requests.last == "targets/dir/\(sha).file.txt")
        repo.fetcher.setTarget("dir/\(sha).file.txt", Array("jello".utf8))
        #expect(await refusal { _ = try await updater.download(info) }?.kind == .lengthOrHashMismatch)
    }

    @Test("targets listed under known and unknown hash algorithms", arguments: [
        (["sha256"], true), (["sha512"], true), (["sha256", "sha512"], true), (["sha256", "blake9"], true), (["blake9"], false),
    ])
    func hashAlgorithms(_ names: [String], _ accepted: Bool) async throws {
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        let content = Array("artifact".utf8)
        var hashes: [String: String] = [:]
        for name in names {
            hashes[name] = name == "sha512" ? DigestAlgorithm.sha512.hash(content).hex : DigestAlgorithm.sha256.hash(content).hex
        }
        repo.addArtifact("a.txt", content, hashes: hashes)
        if let preferred = TUFHashes(hashes).preferredHex { repo.fetcher.setTarget("\(preferred).a.txt", content) }
        repo.publishNewTargets()
        let updater = try repo.updater(directory)
        let info = try #require(try await updater.targetInfo(for: "a.txt"))
        let error = await refusal { _ = try await updater.download(info) }
        #expect((error == nil) == accepted)
        if !accepted { #expect(error?.kind == .unknownHashAlgorithm) }
    }

    @Test func withoutConsistentSnapshotsFilesAreRequestedByPlainName() async throws {
        let repo = TestRepository(consistentSnapshot: false)
        let directory = try repo.newClientDirectory()
        repo.addArtifact("file.txt", Array("x".utf8))
        repo.publishNewTargets()
        let updater = try repo.updater(directory)
        let info = try #require(try await updater.targetInfo(for: "file.txt"))
        _ = try await updater.download(info)
        #expect(repo.fetcher.requests == ["2.root.json", "timestamp.json", "snapshot.json", "targets.json", "targets/file.txt"])
    }

    @Test func customFieldsAreCoveredBySignatures() async throws {
        let repo = TestRepository()
        let directory = try repo.newClientDirectory()
        TestRepository.set(&repo.root, ["custom-field"], "value")
        TestRepository.set(&repo.root, ["roles", "root", "another-field"], ["a": 1, "b": [true, JSONValue.null]])
        repo.bumpRoot()
        try await repo.updater(directory).refresh()
        #expect(TestRepository.storedVersion(directory, "root") == 2)
    }
}
