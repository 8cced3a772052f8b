import Foundation
import Testing
import TollgateData
import TollgateInventory
import TollgateLedger
import TollgateModel
import TollgateStore
@testable import TollgateServer

/// The dashboard index's snapshot: taken when it verifies against the ledger (then only the
/// entries appended after it are read), refused — and the whole ledger read — when it was
/// tampered with, has another format version, or belongs to another or a rewritten ledger. The
/// data is `DashboardFixture`'s: a policy with an exception, an artifact with an SBOM, a finding,
/// a decision and a deployment, recorded through the server's API.
@Suite("Dashboard index snapshot", .serialized)
struct DashboardIndexSnapshotTests {
    struct Opened {
        let fixture: DashboardFixture
        let ledger: Ledger
        let stores: DataStores
        let file: DashboardIndexSnapshotFile
    }

    static func open() async throws -> Opened {
        let fixture = try await DashboardFixture.start()
        let location = fixture.server.location
        let config = try location.loadConfig()
        let stores = try location.openStores(config)
        let signer = try location.signer(for: config)
        let ledger = try await Ledger.open(store: stores.ledger, signer: signer)
        let directory = try TestServer.temporaryDirectory()
        return Opened(fixture: fixture, ledger: ledger, stores: stores, file: DashboardIndexSnapshotFile(directory: directory, signer: signer))
    }

    /// A new index over the fixture's ledger, with or without the snapshot file, read to the end.
    static func index(_ opened: Opened, snapshot: Bool) async throws -> DashboardIndex {
        let index = DashboardIndex(ledger: opened.ledger, store: opened.stores.ledger, snapshotFile: snapshot ? opened.file : nil)
        try await index.refresh()
        return index
    }

    /// What the pages read from an index, as text to compare.
    static func readings(_ index: DashboardIndex, _ digest: Digest) async -> [String] {
        let artifacts = await index.artifactPage(after: nil, limit: 1000).map {
            "\($0.digest) \($0.name ?? "-") \($0.version ?? "-") \($0.firstSeen.timeIntervalSince1970) \($0.ledgerIndex)"
        }
        let decisions = await index.decisions(of: digest, limit: 100).map { "\($0.policy) \($0.outcome) \($0.ledgerIndex) \($0.reasons)" }
        let exceptions = await index.coveringExceptions().map { "\($0.key) \($0.value.artifactCount) \($0.value.sample) \($0.value.exception.status)" }
        return artifacts + decisions + exceptions.sorted() + [
            "size \(await index.size) skipped \(await index.skipped)",
            "counts \(await index.artifactCount) \(await index.decisionCount) \(await index.denialCount)",
            "open \(await index.openFindingsPerAdvisory().sorted { $0.key < $1.key })",
            "findings \(await index.findings(of: digest).map { "\($0.advisory) \($0.purl)" }.sorted())",
            "deployments \(await index.deploymentsByEnvironment().map { "\($0.environment) \($0.running) \($0.artifacts)" })",
            "running \(await index.running().mapValues { $0.sorted() }.sorted { $0.key.description < $1.key.description })",
            "decisions by day \(await index.decisionHistoryByDay(last: 30).map { "\($0.day) \($0.outcomes.sorted { $0.key < $1.key })" })",
            "findings by day \(await index.findingHistoryByDay(last: 30).map { "\($0.day) \($0.perAdvisory.sorted { $0.key < $1.key })" })",
        ]
    }

    /// Why the snapshot file is refused, or nil when it is taken.
    static func refusal(_ opened: Opened) async -> String? {
        do {
            _ = try await opened.file.read(ledger: opened.ledger)
            return nil
        } catch {
            return error.reason
        }
    }

    /// Appends a second decision and a staging deployment through the API.
    static func appendMore(_ opened: Opened) async throws {
        let server = opened.fixture.server, digest = opened.fixture.digest
        let decided = try await server.json(.POST, "/v1/decisions", role: .publisher, #"{"digest":"\#(digest)","policy":"release"}"#)
        #expect(decided.status == 201)
        let deployed = try await server.json(.POST, "/v1/deployments", role: .deployer, """
            {"environment":"staging","cluster":"eu-2","namespace":"shop","service":"app","image":"registry.example/acme/app@\(digest)"}
            """)
        #expect(deployed.status == 201)
    }

    @Test("a restarted index takes the snapshot, reads only the entries appended after it, and reads what a full read reads")
    func takenThenAppended() async throws {
        let opened = try await Self.open()
        let first = try await Self.index(opened, snapshot: true)
        try await first.saveSnapshot()
        let covered = await first.size
        #expect(covered > 0)
        try await Self.appendMore(opened)
        let head = try await opened.ledger.size()
        #expect(head > covered)

        let restarted = try await Self.index(opened, snapshot: true)
        #expect(await restarted.startup?.hasPrefix("took the snapshot of \(covered) entries") == true)
        #expect(await restarted.size == head)
        let full = try await Self.index(opened, snapshot: false)
        let expected = await Self.readings(full, opened.fixture.digest)
        #expect(await Self.readings(restarted, opened.fixture.digest) == expected)
        #expect(expected.contains { $0.hasPrefix("deployments") && $0.contains("staging 1 1") })
        try await opened.fixture.server.stop()
    }

    @Test("a snapshot whose body or header was changed is refused and the whole ledger is read")
    func tampered() async throws {
        let opened = try await Self.open()
        let first = try await Self.index(opened, snapshot: true)
        try await first.saveSnapshot()
        let expected = await Self.readings(first, opened.fixture.digest)
        let original = try Data(contentsOf: opened.file.url)

        // One byte of the body: the denial count 1 becomes 7.
        var body = original
        let marker = Array(#""denialCount":1"#.utf8)
        let at = try #require(body.firstRange(of: marker)).upperBound - 1
        body[at] = UInt8(ascii: "7")
        try body.write(to: opened.file.url)
        #expect(await Self.refusal(opened)?.contains("does not match the digest its header signs") == true)
        let rebuilt = try await Self.index(opened, snapshot: true)
        #expect(await rebuilt.startup?.hasPrefix("refused the snapshot") == true)
        #expect(await Self.readings(rebuilt, opened.fixture.digest) == expected)

        // The header's body digest rewritten to match the changed body, without the log key: the
        // signature no longer verifies.
        var lines = original.split(separator: 0x0A, maxSplits: 3, omittingEmptySubsequences: false).map { Data($0) }
        var header = try JSONDecoder().decode(DashboardIndexSnapshotFile.Header.self, from: lines[1])
        var changedBody = lines[3]
        let bodyAt = try #require(changedBody.firstRange(of: marker)).upperBound - 1
        changedBody[bodyAt] = UInt8(ascii: "7")
        header.body = DigestAlgorithm.sha256.hash(changedBody).description
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        lines[1] = try encoder.encode(header)
        lines[3] = changedBody
        try Data(lines.joined(separator: [0x0A])).write(to: opened.file.url)
        #expect(await Self.refusal(opened)?.contains("signature does not verify") == true)
        // Not a snapshot at all.
        try Data("{}".utf8).write(to: opened.file.url)
        #expect(await Self.refusal(opened)?.contains("not a dashboard index snapshot") == true)
        try await opened.fixture.server.stop()
    }

    @Test("a snapshot of another format version, of a longer ledger, or whose root hash differs is refused")
    func mismatched() async throws {
        let opened = try await Self.open()
        let first = try await Self.index(opened, snapshot: true)
        try await first.saveSnapshot()
        let expected = await Self.readings(first, opened.fixture.digest)
        let original = try Data(contentsOf: opened.file.url)
        let (header, body) = try opened.file.verified(original)
        #expect(try await opened.file.read(ledger: opened.ledger)?.size == header.size)

        func refused(_ changed: DashboardIndexSnapshotFile.Header, _ why: String) async throws {
            try opened.file.write(header: changed, body: body)   // signed with the log key: only the field differs
            #expect(await Self.refusal(opened)?.contains(why) == true)
            let rebuilt = try await Self.index(opened, snapshot: true)
            #expect(await rebuilt.startup?.hasPrefix("refused the snapshot") == true)
            #expect(await Self.readings(rebuilt, opened.fixture.digest) == expected)
        }
        var other = header
        other.version = DashboardIndexSnapshotFile.version + 1
        try await refused(other, "format version \(DashboardIndexSnapshotFile.version + 1)")
        other = header
        other.size = header.size + 5
        try await refused(other, "covers \(header.size + 5) entries but the ledger has \(header.size)")
        other = header
        other.root = String(repeating: "00", count: 32)
        try await refused(other, "root hash at \(header.size) differs")

        // A signed body that is not an index: a part of no known kind.
        let strange = Data("R{}\nX[]".utf8)
        var other2 = header
        other2.body = DigestAlgorithm.sha256.hash(strange).description
        try opened.file.write(header: other2, body: strange)
        #expect(await Self.refusal(opened)?.contains("does not decode") == true)

        // A snapshot signed by another log's key (another data directory's).
        let (_, elsewhere) = try await TestServer.initialize()
        let foreign = DashboardIndexSnapshotFile(directory: opened.file.url.deletingLastPathComponent(),
                                                 signer: try elsewhere.signer(for: try elsewhere.loadConfig()))
        try foreign.write(header: header, body: body)
        #expect(await Self.refusal(opened)?.contains("signature does not verify") == true)
        try await opened.fixture.server.stop()
    }

    @Test("the snapshot holds every property the index reads from the ledger")
    func coversTheIndex() async throws {
        let opened = try await Self.open()
        let index = try await Self.index(opened, snapshot: false)
        // The index's own bookkeeping, not read from entries, and the decisions per artifact (derived
        // from the decisions when a snapshot is taken).
        let bookkeeping: Set<String> = ["$defaultActor", "ledger", "store", "sortedDigests", "unsortedDigests", "refreshing", "snapshotFile", "started",
                                        "snapshotSize", "savingSnapshot", "catchUp", "catchUpTarget", "startup", "logger",
                                        "decisionsByArtifact"]
        let properties = Set(Mirror(reflecting: index).children.compactMap(\.label)).subtracting(bookkeeping)
        let snapshot = Set(Mirror(reflecting: await index.snapshot()).children.compactMap(\.label))
        #expect(!properties.isEmpty)
        #expect(properties == snapshot, "add a new index property to DashboardIndexSnapshot and raise its version")
        try await opened.fixture.server.stop()
    }

    @Test("a page does not wait for a long read: the index reads in the background and says how far it is")
    func catchingUp() async throws {
        let (_, location) = try await TestServer.initialize()
        let config = try location.loadConfig()
        let stores = try location.openStores(config)
        let ledger = try await Ledger.open(store: stores.ledger, signer: try location.signer(for: config))
        let count = Int(DashboardIndex.pageWaitLimit) + 500
        let drafts = try (0..<count).map { number in
            try LedgerEntryDraft(kind: .artifactRegistered, actor: "test", payload: LedgerJSON.encode(
                ArtifactRegisteredEntry(digest: TestServer.digest("bulk-\(number)"), name: "bulk-\(number)", version: "1.0.\(number)", recordedBy: "register")))
        }
        _ = try await ledger.append(contentsOf: drafts)
        let index = DashboardIndex(ledger: ledger, store: stores.ledger)
        let lag = try await index.prepareForPage(head: UInt64(count))
        #expect(lag?.of == UInt64(count))
        #expect((lag?.read ?? UInt64(count)) < UInt64(count))
        try await index.refresh()   // waits for the background read
        let behind = await index.behind()
        #expect(behind == nil)
        #expect(await index.artifactCount == count)
        // The snapshot's body in parts: 2,500 artifacts in parts of 1,000 are three A lines after the R line.
        let snapshot = await index.snapshot()
        let body = try await DashboardIndexSnapshotBody.encode(snapshot, partSize: 1000)
        #expect(body.split(separator: 0x0A).map { $0.first.map { Character(UnicodeScalar($0)) } } == ["R", "A", "A", "A"])
        let decoded = try await DashboardIndexSnapshotBody.decode(body)
        #expect(decoded.artifacts.map(\.digest) == snapshot.artifacts.map(\.digest) && decoded.size == snapshot.size)

        // A few new entries: the page waits for them and is exact.
        _ = try await ledger.append(kind: .artifactRegistered, actor: "test", payload: LedgerJSON.encode(
            ArtifactRegisteredEntry(digest: TestServer.digest("bulk-late"), name: "late", recordedBy: "register")))
        let late = try await index.prepareForPage(head: UInt64(count + 1))
        #expect(late == nil)
        #expect(await index.artifactCount == count + 1)
    }

    @Test("a page is answered at once while the index catches up with a large append, and says so until it has")
    func pageNotice() async throws {
        let server = try await TestServer.start()
        let before = try await DashboardFixture.send(server.base, .GET, "/dashboard", bearer: server.tokens[.reader])
        #expect(before.status == 200 && !before.text.contains("catching up"))
        let config = try server.location.loadConfig()
        let ledger = try await Ledger.open(store: try server.location.openStores(config).ledger, signer: try server.location.signer(for: config))
        let count = Int(DashboardIndex.pageWaitLimit) + 500
        _ = try await ledger.append(contentsOf: try (0..<count).map { number in
            try LedgerEntryDraft(kind: .artifactRegistered, actor: "test", payload: LedgerJSON.encode(
                ArtifactRegisteredEntry(digest: TestServer.digest("late-\(number)"), name: "late-\(number)", recordedBy: "register")))
        })
        let head = try await ledger.size()
        let during = try await DashboardFixture.send(server.base, .GET, "/dashboard", bearer: server.tokens[.reader])
        #expect(during.status == 200)
        #expect(during.text.contains("The index is catching up with the ledger:") && during.text.contains("of \(head) entries read"))
        var after = during
        for _ in 0..<600 where after.text.contains("catching up") {
            try await Task.sleep(for: .milliseconds(100))
            after = try await DashboardFixture.send(server.base, .GET, "/dashboard", bearer: server.tokens[.reader])
        }
        #expect(!after.text.contains("catching up"))
        let last = try await DashboardFixture.send(server.base, .GET, "/dashboard/artifacts/\(TestServer.digest("late-\(count - 1)"))",
                                                   bearer: server.tokens[.reader])
        #expect(last.status == 200 && last.text.contains("late-\(count - 1)"))
        try await server.stop()
    }

    @Test("the index's day and the pages' times are the ISO 8601 formatter's")
    func formatting() {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        for seconds in [0, 951_782_400, 1_709_164_800, 1_764_892_800, 1_764_979_199.999, 1_798_761_599, 4_102_444_800] as [Double] {
            let date = Date(timeIntervalSince1970: seconds)
            formatter.formatOptions = [.withFullDate]
            #expect(DashboardIndex.day(date) == formatter.string(from: date))
            formatter.formatOptions = [.withInternetDateTime]
            #expect(DashboardCall.time(date) == formatter.string(from: date))
        }
    }
}
