import Foundation
import Testing
import TollgateModel
@testable import TollgateTUF

/// The real Sigstore root-signing repository (root v1 → v15), served from a local mirror.
@Suite struct SigstoreRootChainTests {
    func client(trusting rootVersion: Int = 1, mirror: URL, at time: Date = Fixtures.sigstoreNow) throws -> (TUFUpdater, URL) {
        try Fixtures.updater(root: "sigstore-root-signing/metadata/root_history/\(rootVersion).root.json",
                             fetcher: Fixtures.fetcher(mirror), at: time)
    }

    @Test func theRootChainFromVersion1VerifiesTo15AndTheTrustedRootTargetDownloads() async throws {
        let mirror = try Fixtures.sigstoreMirror()
        let (updater, directory) = try client(mirror: mirror)
        try await updater.refresh()
        #expect(await updater.root.version == 15)
        #expect(await updater.timestamp?.version == 762)
        #expect(await updater.snapshot?.version == 165)
        let info = try #require(try await updater.targetInfo(for: "trusted_root.json"))
        let bytes = try await updater.download(info)
        #expect(bytes == (try Fixtures.bytes("sigstore-root-signing/targets/trusted_root.json")))
        let npm = try #require(try await updater.targetInfo(for: "registry.npmjs.org/keys.json"))
        #expect(try await updater.download(npm) == (try Fixtures.bytes("sigstore-root-signing/targets/registry.npmjs.org/keys.json")))
        // Every role is stored under its plain name, as the exact bytes served.
        let stored = try TUFDirectoryStore(directory: directory).load(role: "root", maxLength: 1 << 20)
        #expect(stored == (try Fixtures.bytes("sigstore-root-signing/metadata/root_history/15.root.json")))
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == ["registry.npmjs.org.json", "root.json", "snapshot.json", "targets.json", "timestamp.json"])
        let updates = await updater.updates
        #expect(updates.filter { $0.role == "root" }.map(\.version) == Array(2...15))
    }

    @Test func eachRootOfTheChainIsSignedByAThresholdOfItsOwnAndItsPredecessorsKeys() throws {
        var previous: TUFRoot? = nil
        for version in 1...15 {
            let bytes = try Fixtures.bytes("sigstore-root-signing/metadata/root_history/\(version).root.json")
            let metadata = try UnverifiedTUFMetadata(bytes: bytes, maxBytes: 1 << 20, role: "root")
            let root = try TUFRoot(metadata)
            #expect(root.verdict(for: metadata, as: .root).isMet, "root v\(version) self-signature")
            if let previous { #expect(previous.verdict(for: metadata, as: .root).isMet, "root v\(version) by v\(version - 1)") }
            previous = root
        }
    }

    @Test func aChangedByteInsideSignedBreaksTheSignaturesOfThatRoot() async throws {
        let mirror = try Fixtures.sigstoreMirror { name, bytes in
            guard name == "metadata/7.root.json", let range = findASCII(bytes, "\"expires\": \"20") else { return }
            bytes[range.upperBound + 1] = bytes[range.upperBound + 1] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
        }
        let (updater, _) = try client(mirror: mirror)
        #expect(await refusal { try await updater.refresh() }?.kind == .thresholdNotMet)
        #expect(await updater.root.version == 6)
    }

    @Test func aRootResignedBelowItsThresholdIsRefused() async throws {
        let mirror = try Fixtures.sigstoreMirror { name, bytes in
            guard name == "metadata/10.root.json", var json = try? JSONValue.parse(bytes),
                  let signatures = json["signatures"]?.arrayValue else { return }
            // Keep two of the signatures: threshold is 3.
            let kept = signatures.filter { !($0["sig"]?.stringValue ?? "").isEmpty }.prefix(2)
            json = TestRepository.with(json, "signatures", .array(Array(kept)))
            bytes = json.encodedBytes()
        }
        let (updater, _) = try client(mirror: mirror)
        #expect(await refusal { try await updater.refresh() }?.kind == .thresholdNotMet)
        #expect(await updater.root.version == 9)
    }

    @Test func anOlderRootServedAsTheNextVersionIsRefused() async throws {
        let older = try Fixtures.bytes("sigstore-root-signing/metadata/root_history/4.root.json")
        let mirror = try Fixtures.sigstoreMirror { name, bytes in
            if name == "metadata/6.root.json" { bytes = older }
        }
        let (updater, _) = try client(trusting: 5, mirror: mirror)
        let kind = await refusal { try await updater.refresh() }?.kind
        #expect(kind == .versionMismatch || kind == .thresholdNotMet)
        #expect(await updater.root.version == 5)
    }

    @Test func anExpiredTimestampIsAFreezeAttackAndIsRefused() async throws {
        let mirror = try Fixtures.sigstoreMirror()
        // 2026-09-01: timestamp v762 expired on 2026-08-28.
        let (updater, directory) = try client(mirror: mirror, at: Date(timeIntervalSince1970: 1_788_220_800))
        #expect(await refusal { try await updater.refresh() }?.kind == .expired)
        #expect(await updater.root.version == 15)
        #expect(TestRepository.storedVersion(directory, "snapshot") == nil)
    }

    @Test func anExpiredFinalRootIsRefused() async throws {
        let mirror = try Fixtures.sigstoreMirror()
        // 2027-01-01: root v15 expired on 2026-11-20.
        let (updater, _) = try client(mirror: mirror, at: Date(timeIntervalSince1970: 1_798_761_600))
        let error = await refusal { try await updater.refresh() }
        #expect(error?.kind == .expired)
        #expect(error?.reason.contains("root version 15") == true)
    }

    @Test func aSnapshotThatIsNotTheVersionTheTimestampListsIsRefused() async throws {
        let snapshot164 = try Fixtures.bytes("sigstore-root-signing/metadata/snapshot.json")
        let mirror = try Fixtures.sigstoreMirror { name, bytes in
            // The timestamp lists snapshot 165; serve a copy whose version says 166 (and so whose signature breaks).
            if name == "metadata/165.snapshot.json", let text = String(bytes: snapshot164, encoding: .utf8) {
                bytes = Array(text.replacingOccurrences(of: "\"version\": 165", with: "\"version\": 166").utf8)
            }
        }
        let (updater, _) = try client(mirror: mirror)
        let kind = await refusal { try await updater.refresh() }?.kind
        #expect(kind == .thresholdNotMet || kind == .versionMismatch)
    }

    @Test func theTargetsRoleMustMatchTheHashTheSnapshotLists() async throws {
        // Sigstore's snapshot lists no hash for targets.json; its other roles carry hashes. Check the
        // metafile check directly with the snapshot's entry for root.json.
        let snapshot = try TUFSnapshot(UnverifiedTUFMetadata(bytes: Fixtures.bytes("sigstore-root-signing/metadata/snapshot.json"),
                                                              maxBytes: 1 << 20, role: "snapshot"))
        let entry = try #require(snapshot.meta["rekor.json"])
        #expect(throws: TUFError.self) { try entry.verify(Array("not rekor".utf8), what: "rekor.json") }
    }
}

func findASCII(_ bytes: [UInt8], _ needle: String) -> Range<Int>? {
    let pattern = Array(needle.utf8)
    guard bytes.count >= pattern.count else { return nil }
    for start in 0...(bytes.count - pattern.count) where bytes[start..<start + pattern.count].elementsEqual(pattern) {
        return start..<start + pattern.count
    }
    return nil
}
