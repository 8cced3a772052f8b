import Foundation
import Testing
import ZIPFoundation
@testable import TollgateVulnerabilities

/// Hostile archives and records are refused entry by entry, with a reason, and never crash the import.
struct ImporterSafetyTests {
    static func zip(_ entries: [(String, Data)]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-\(UUID().uuidString).zip")
        let archive = try Archive(url: url, accessMode: .create)
        for (name, data) in entries {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return url
    }

    static let good = MatchingTests.record("OSV-GOOD", ecosystem: "npm", name: "a", events: [.introduced("0"), .fixed("1.0.0")])

    @Test("refuses path traversal, bombs and malformed members but imports the rest")
    func hostileZip() async throws {
        let bomb = Data(repeating: UInt8(ascii: " "), count: 9 << 20)
        let url = try Self.zip([
            ("good/OSV-GOOD.json", Self.good),
            ("../evil.json", Self.good),
            ("/abs.json", Self.good),
            ("bomb.json", bomb),
            ("broken.json", Data("{\"id\": ".utf8)),
            ("noid.json", Data("{\"affected\": []}".utf8)),
            ("deep.json", Data((String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)).utf8)),
            ("readme.txt", Data("hello".utf8)),
        ])
        let store = try temporaryStore()
        let summary = try await AdvisoryImporter(store: store).importPath(url.path)
        #expect(summary.added == 1)
        let reasons = Dictionary(summary.skipped.map { ($0.entry, $0.reason) }, uniquingKeysWith: { a, _ in a })
        #expect(reasons["../evil.json"] == "path-traversal")
        #expect(reasons["/abs.json"] == "path-traversal")
        #expect(["too-large", "zip-bomb"].contains(reasons["bomb.json"] ?? ""))
        #expect(reasons["broken.json"] == "malformed")
        #expect(reasons["noid.json"] == "malformed")
        #expect(reasons["deep.json"] == "too-large")
        #expect(reasons["readme.txt"] == "not-json")
        #expect(summary.examined == 8)
    }

    @Test("a strict import (the server's scheduled one) is all or nothing: a malformed member refuses it and the database stays as it was")
    func strictImportIsAllOrNothing() async throws {
        let store = try temporaryStore()
        let first = try Self.zip([("OSV-GOOD.json", Self.good)])
        #expect(try await AdvisoryImporter(store: store).importPath(first.path, strict: true).added == 1)
        let revision = try await store.revision()
        let imported = try await store.lastImport()
        let other = MatchingTests.record("OSV-OTHER", ecosystem: "npm", name: "b", events: [.introduced("0"), .fixed("2.0.0")])
        let mixed = try Self.zip([("OSV-OTHER.json", other), ("broken.json", Data("{\"id\": ".utf8)),
                                  ("withdrawn.json", Data(#"{"id":"OSV-GONE","modified":"2024-01-01T00:00:00Z","withdrawn":"2024-01-02T00:00:00Z"}"#.utf8))])
        await #expect {
            _ = try await AdvisoryImporter(store: store).importPath(mixed.path, strict: true)
        } throws: { error in
            guard let error = error as? VulnerabilityError else { return false }
            return error.code == "vuln.invalid-record" && error.reason.contains("broken.json: malformed") && !error.reason.contains("withdrawn.json")
        }
        let after = (try await store.revision(), try await store.lastImport())
        #expect(after.0 == revision && after.1 == imported, "nothing written, not even the import time")
        #expect(try await store.advisories(ids: ["OSV-OTHER"]).isEmpty)
        // The same archive imports the good record when not strict (`tollgate db import`), skipping the bad one.
        let summary = try await AdvisoryImporter(store: store).importPath(mixed.path)
        #expect(summary.added == 1 && summary.skipped.map(\.reason).sorted() == ["malformed", "withdrawn"])
    }

    @Test("a highly compressible member over 1 MiB is refused as a zip bomb before it is inflated")
    func compressionRatio() async throws {
        var limits = AdvisoryImporter.Limits()
        limits.maxRecordBytes = 64 << 20
        let url = try Self.zip([("big.json", Data(repeating: UInt8(ascii: "a"), count: 20 << 20))])
        let summary = try await AdvisoryImporter(store: try temporaryStore(), limits: limits).importPath(url.path)
        #expect(summary.skipped.map(\.reason) == ["zip-bomb"])
    }

    @Test("a file that is not a zip is an unsafe-archive error, a missing path is unreadable")
    func notAZip() async throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-\(UUID().uuidString).zip")
        try Data("not a zip".utf8).write(to: url)
        await #expect(throws: VulnerabilityError.self) {
            try await AdvisoryImporter(store: try temporaryStore()).importPath(url.path)
        }
        await #expect(throws: VulnerabilityError.self) {
            try await AdvisoryImporter(store: try temporaryStore()).importPath("/nonexistent/osv")
        }
    }

    @Test("names that escape the archive root are detected", arguments: [
        ("a/b.json", false), ("../a.json", true), ("a/../../b.json", true), ("/etc/passwd", true), ("a\\..\\b.json", true), ("C:/x.json", true),
    ])
    func escapes(name: String, escapes: Bool) {
        #expect(AdvisoryImporter.escapesRoot(name) == escapes)
    }

    @Test("OSV parsing bounds size and rejects records without an id", arguments: [
        "", "[]", "{\"id\": 5}", "{\"id\": \"\"}", "{\"id\": \"X\", \"affected\": 7}",
    ])
    func malformedRecords(text: String) {
        #expect(throws: VulnerabilityError.self) { try OSVRecord.parse(Data(text.utf8)) }
    }
}
