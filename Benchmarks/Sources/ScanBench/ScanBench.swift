// ScanBench: import of a whole OSV directory, and a warm scan of a synthetic SBOM built from real
// package names and versions in that data. See docs/benchmarks.md ("Vulnerability scanning").
//
//   swift build -c release --package-path Benchmarks --product ScanBench
//   Benchmarks/.build/release/ScanBench OSV_DIR [--runs 5] [--components 10000] [--write-components FILE]
//     [--db PATH (reuse; import only when new)] [--components-file FILE] [--scan-runs 5] [--write-report FILE]
import Foundation
import TollgateModel
import TollgateSBOM
import TollgateStoreSQLite
import TollgateVulnerabilities
import BenchSupport

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
}

@main
struct ScanBench {
    static func main() async throws {
        var args = Array(CommandLine.arguments.dropFirst())
        func option(_ name: String) -> String? {
            guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
            let value = args[i + 1]
            args.removeSubrange(i...(i + 1))
            return value
        }
        let runs = Int(option("--runs") ?? "5") ?? 5
        let count = Int(option("--components") ?? "10000") ?? 10000
        let writeComponents = option("--write-components")
        // Profiling aids: reuse a database (imported once) and a component list, and repeat the scan.
        let reuseDatabase = option("--db")
        let readComponents = option("--components-file")
        let scanRuns = Int(option("--scan-runs") ?? "5") ?? 5
        let writeReport = option("--write-report")
        guard let osv = args.first else {
            print("usage: ScanBench OSV_DIR [--runs N] [--components N] [--write-components FILE] [--db PATH] [--components-file FILE] [--scan-runs N] [--write-report FILE]")
            return
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("scanbench-\(UUID().uuidString)")

        var importTimes: [Double] = []
        var store: AdvisoryStoreSQLite?
        var summary: ImportSummary?
        for run in 0..<(reuseDatabase == nil ? runs : 1) {
            let path = reuseDatabase ?? scratch.appendingPathComponent("run\(run)/advisories.sqlite").path
            let s = try AdvisoryStoreSQLite(path: path)
            let start = Date()
            summary = try await AdvisoryImporter(store: s).importPath(osv)
            importTimes.append(Date().timeIntervalSince(start))
            store = s
        }
        guard let store, let summary else { return }
        if reuseDatabase != nil { print("(--db: the database is reused, so the import below is incremental)") }
        print("import: records added \(summary.added), skipped \(summary.skipped.count), runs \(runs), median \(String(format: "%.3f", median(importTimes))) s, all \(importTimes.map { String(format: "%.3f", $0) })")

        let start = Date()
        let rerun = try await AdvisoryImporter(store: store).importPath(osv)
        print("incremental re-import: unchanged \(rerun.unchanged), \(String(format: "%.3f", Date().timeIntervalSince(start))) s")

        let purls = try readComponents.map { try String(contentsOfFile: $0, encoding: .utf8).split(separator: "\n").map(String.init) }
            ?? syntheticComponents(osvDirectory: osv, count: count)
        if let writeComponents {
            try purls.joined(separator: "\n").write(toFile: writeComponents, atomically: true, encoding: .utf8)
        }
        let components = purls.compactMap { text -> SBOMComponent? in
            guard let purl = try? PackageURL(parsing: text) else { return nil }
            return SBOMComponent(bomRef: text, name: purl.name, version: purl.version, purl: purl)
        }
        let sbom = SBOM(components: components)
        let scanner = Scanner(store: store)
        var report = try await scanner.scan(sbom)  // warm-up: page cache and SQLite statement cache
        var scanTimes: [Double] = []
        for _ in 0..<max(scanRuns, 1) {
            let t = Date()
            let fresh = try await scanner.scan(sbom)
            scanTimes.append(Date().timeIntervalSince(t))
            // The previous report is freed here, outside the timed region (a CLI never frees its report).
            report = fresh
        }
        print("warm scan: components \(components.count) (of \(purls.count) purls), findings \(report.findings.count), advisories \(Set(report.findings.flatMap(\.advisories)).count), unscannable \(report.unscannable.count), median \(String(format: "%.1f", median(scanTimes) * 1000)) ms, all \(scanTimes.map { String(format: "%.1f", $0 * 1000) })")
        if let writeReport {
            // The findings as JSON (sorted keys), to check that a faster scanner reports the same thing.
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            try encoder.encode(report.findings).write(to: URL(fileURLWithPath: writeReport))
        }
        if ProcessInfo.processInfo.environment["SCANBENCH_BREAKDOWN"] != nil {
            let keys = Set(components.compactMap { $0.purl.flatMap(PackageNaming.key(forPurl:)) })
            var t = Date()
            let rows = try await store.affected(packages: keys)
            print("  breakdown: affected(packages: \(keys.count)) -> \(rows.count) rows in \(String(format: "%.1f", Date().timeIntervalSince(t) * 1000)) ms")
            t = Date()
            let ids = Set(report.findings.flatMap(\.advisories))
            _ = try await store.advisories(ids: ids)
            print("  breakdown: advisories(ids: \(ids.count)) in \(String(format: "%.1f", Date().timeIntervalSince(t) * 1000)) ms")
        }
        try? FileManager.default.removeItem(at: scratch)
    }
}
