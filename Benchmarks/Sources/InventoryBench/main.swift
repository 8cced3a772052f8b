// InventoryBench: the inventory at scale (docs/benchmarks.md, "Inventory at scale (issue #14)").
//
// Builds a seeded inventory (default 100,000 artifacts × 100 components = 10,000,000 component rows,
// 50,000 deployments) through `InventoryStore.apply`, 100 artifacts per batch, then times the
// incident query `artifactsContaining` + `deployments(of:)` for rare components and for components
// in 30% of the artifacts, and reports the data size. Ingest and queries are timed in wall time
// and in process CPU time (the store's cost, which other load on the machine does not inflate).
//
// Component popularity is long-tailed: 5 components are each in 30% of the artifacts; the other
// slots are drawn from a Zipf–Mandelbrot distribution P(rank) ∝ 1/(rank + 100) over 200,000
// component versions (the most common in ~13% of the artifacts, the median in ~13, the tail in
// ~6); and each artifact has one component of its own (in exactly one artifact).
//
//   swift build -c release --package-path Benchmarks --product InventoryBench
//   Benchmarks/.build/release/InventoryBench --store sqlite --path DIR [--artifacts 100000]
//     [--components-per-artifact 100] [--deployments 50000] [--seed 1] [--distinct 200000]
//     [--batch 100] [--queries 200] [--reuse (query an inventory built by an earlier run)]
//   Benchmarks/.build/release/InventoryBench --store postgres --url postgres://USER@HOST:PORT/DB [--schema inventory_bench] …
import Foundation
import TollgateModel
import TollgateStore
import TollgateStorePostgres
import TollgateStoreSQLite

struct Arguments {
    var rest = Array(CommandLine.arguments.dropFirst())

    mutating func option(_ name: String) -> String? {
        guard let index = rest.firstIndex(of: name), index + 1 < rest.count else { return nil }
        let value = rest[index + 1]
        rest.removeSubrange(index...(index + 1))
        return value
    }

    mutating func flag(_ name: String) -> Bool {
        guard let index = rest.firstIndex(of: name) else { return false }
        rest.remove(at: index)
        return true
    }
}

/// SplitMix64: reproducible from the seed.
struct Random {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

struct Options {
    var store = "sqlite"
    var path = "/tmp/inventory-bench"
    var url = ""
    var schema = "inventory_bench"
    var artifacts = 100_000
    var componentsPerArtifact = 100
    var deployments = 50_000
    var seed: UInt64 = 1
    var distinct = 200_000
    var batch = 100
    var queries = 200
    var reuse = false
}

var arguments = Arguments()
var options = Options()
options.store = arguments.option("--store") ?? options.store
options.path = arguments.option("--path") ?? options.path
options.url = arguments.option("--url") ?? options.url
options.schema = arguments.option("--schema") ?? options.schema
options.artifacts = arguments.option("--artifacts").flatMap { Int($0) } ?? options.artifacts
options.componentsPerArtifact = arguments.option("--components-per-artifact").flatMap { Int($0) } ?? options.componentsPerArtifact
options.deployments = arguments.option("--deployments").flatMap { Int($0) } ?? options.deployments
options.seed = arguments.option("--seed").flatMap { UInt64($0) } ?? options.seed
options.distinct = arguments.option("--distinct").flatMap { Int($0) } ?? options.distinct
options.batch = arguments.option("--batch").flatMap { Int($0) } ?? options.batch
options.queries = arguments.option("--queries").flatMap { Int($0) } ?? options.queries
options.reuse = arguments.flag("--reuse")
guard arguments.rest.isEmpty else {
    print("unknown arguments: \(arguments.rest.joined(separator: " ")) (see the header of Benchmarks/Sources/InventoryBench/main.swift)")
    exit(2)
}

/// The synthetic world, a pure function of the options.
struct World: Sendable {
    let options: Options
    /// Every Zipf-drawn component, built once (purl parsing would otherwise dominate generation).
    let ranked: [InventoryComponentRecord]
    let popularComponents: [InventoryComponentRecord]

    init(options: Options) {
        self.options = options
        ranked = (0..<options.distinct).map { rank in
            Self.component(Self.purl(rank: rank), direct: false, licensed: rank % 2 == 0)
        }
        popularComponents = (0..<Self.popular).map { Self.component(Self.popularPurl($0), direct: true, licensed: true) }
    }
    static let popular = 5
    static let popularShare = 0.30
    static let zipfOffset = 100.0
    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    func digest(artifact index: Int) -> Digest { DigestAlgorithm.sha256.hash(Data("artifact-\(options.seed)-\(index)".utf8)) }

    /// Component rank → purl: four versions per package, four ecosystems.
    static func purl(rank: Int) -> String {
        let package = rank / 4, version = rank % 4
        switch package % 4 {
        case 0: return "pkg:npm/pkg-\(package)@1.\(version).0"
        case 1: return "pkg:pypi/pkg-\(package)@1.\(version).0"
        case 2: return "pkg:maven/org.example/pkg-\(package)@1.\(version).0"
        default: return "pkg:golang/example.com/pkg-\(package)@v1.\(version).0"
        }
    }

    static func popularPurl(_ k: Int) -> String { "pkg:npm/popular-\(k)@1.0.0" }
    static func internalPurl(_ artifact: Int) -> String { "pkg:generic/internal-\(artifact)@1.0.0" }

    static func component(_ purl: String, direct: Bool, licensed: Bool) -> InventoryComponentRecord {
        let key = InventoryPackageKey.of(purl: purl)
        let ecosystem = String(key.dropFirst(4).prefix { $0 != "/" })
        let name = String(key.split(separator: "/").last ?? "")
        return InventoryComponentRecord(purl: purl, name: name, version: InventoryPackageKey.version(of: purl),
                                        ecosystem: ecosystem, licenses: licensed ? ["MIT"] : [],
                                        relationship: direct ? .direct : .transitive)
    }

    /// The ranks of an artifact's Zipf-drawn components (deterministic per artifact).
    func components(artifact index: Int) -> [InventoryComponentRecord] {
        var random = Random(options.seed &* 0x1000_0000_01B3 ^ UInt64(index))
        var out: [InventoryComponentRecord] = []
        out.reserveCapacity(options.componentsPerArtifact)
        for k in 0..<Self.popular where random.unit() < Self.popularShare {
            out.append(popularComponents[k])
        }
        out.append(InventoryComponentRecord(purl: Self.internalPurl(index), name: "internal-\(index)", version: "1.0.0",
                                            ecosystem: "generic", relationship: .direct))
        var seen = Set<Int>()
        let n = Double(options.distinct), q = Self.zipfOffset
        while out.count < options.componentsPerArtifact {
            let rank = Int(q * pow((n + q) / q, random.unit()) - q)
            guard rank >= 0, rank < options.distinct, seen.insert(rank).inserted else { continue }
            var component = ranked[rank]
            if out.count < 10 { component.relationship = .direct }
            out.append(component)
        }
        return out
    }

    func batch(_ number: Int) -> InventoryBatch {
        var batch = InventoryBatch()
        let first = number * options.batch
        let last = min(options.artifacts, first + options.batch)
        for index in first..<last {
            let digest = digest(artifact: index)
            let time = Self.start.addingTimeInterval(Double(index))
            let app = index / 10
            batch.artifacts.append(InventoryArtifactRecord(
                digest: digest, name: "app-\(app)", version: "\(index % 10).0.0", purl: "pkg:oci/app-\(app)@\(index % 10).0.0",
                mediaType: "application/vnd.oci.image.manifest.v1+json", time: time))
            batch.sboms.append(InventorySBOMRecord(
                artifact: digest, document: DigestAlgorithm.sha256.hash(Data("sbom-\(options.seed)-\(index)".utf8)),
                format: "cyclonedx", components: components(artifact: index), time: time))
            batch.provenance.append(InventoryProvenanceRecord(
                artifact: digest, source: index % 10 == 9 ? .selfAsserted : .certificate, vouchedBy: "ci@acme.example",
                repository: "github.com/acme/app-\(app)", commit: String(index, radix: 16), ref: "refs/heads/main",
                workflow: ".github/workflows/release.yml",
                builder: index % 50 == 7 ? "https://rogue.example/builder" : "https://github.com/actions/runner",
                trigger: "push", time: time))
            batch.decisions.append(InventoryDecisionRecord(artifact: digest, decision: index % 20 == 3 ? "deny" : "allow",
                                                           policy: "prod", ledgerIndex: UInt64(index), time: time))
        }
        // Deployments: each slot sees five roll-outs; spread over the batches.
        let batches = (options.artifacts + options.batch - 1) / options.batch
        let from = options.deployments * number / batches, to = options.deployments * (number + 1) / batches
        for sighting in from..<to {
            let slot = sighting / 5, rollout = sighting % 5
            var random = Random(options.seed &* 31 ^ UInt64(sighting) &* 0x9E37)
            let choice = random.below(100)
            let artifact = random.below(options.artifacts)
            let digest: Digest? = choice == 0 ? nil
                : choice == 1 ? DigestAlgorithm.sha256.hash(Data("unknown-\(sighting)".utf8)) : self.digest(artifact: artifact)
            batch.deployments.append(InventoryDeploymentRecord(
                environment: ["prod", "staging", "dev", "qa"][slot % 4], cluster: "cluster-\(slot % 20)",
                namespace: "ns-\(slot % 50)", service: "svc-\(slot)",
                reference: digest == nil ? "registry.example/app-\(slot):stable" : nil, digest: digest,
                time: Self.start.addingTimeInterval(Double(options.artifacts + rollout * 86_400 + slot))))
        }
        return batch
    }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.down)))]
}

func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
}

let store: any InventoryStore
switch options.store {
case "sqlite":
    try FileManager.default.createDirectory(atPath: options.path, withIntermediateDirectories: true)
    store = try InventoryStoreSQLite(path: (options.path as NSString).appendingPathComponent(InventoryStoreSQLite.defaultFileName))
case "postgres":
    store = try InventoryStorePostgres(url: options.url, schema: options.schema)
default:
    print("--store is sqlite or postgres")
    exit(2)
}
try await store.prepare()
let world = World(options: options)
let batchCount = (options.artifacts + options.batch - 1) / options.batch

print("InventoryBench: store \(options.store), \(options.artifacts) artifacts × \(options.componentsPerArtifact) components, "
      + "\(options.deployments) deployments, seed \(options.seed), \(options.distinct) Zipf component versions; load \(loadAverage())")

/// CPU time of the whole process (all threads). While `apply` or a query runs nothing else in the
/// process does, so this is its CPU cost, which a busy machine does not inflate the way it does
/// wall time.
func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

if !options.reuse {
    try await store.reset()
    var applyTime = 0.0, applyCPU = 0.0
    var rows = 0
    let wall = ContinuousClock.now
    for number in 0..<batchCount {
        // Generated before, not during, the timed apply: the timings are the store's alone.
        let batch = world.batch(number)
        rows += batch.sboms.reduce(0) { $0 + $1.components.count }
        let cpu = processCPUSeconds()
        let start = ContinuousClock.now
        try await store.apply(batch)
        applyTime += seconds(ContinuousClock.now - start)
        applyCPU += processCPUSeconds() - cpu
        if (number + 1) % max(1, batchCount / 10) == 0 {
            print(String(format: "  %7d artifacts, %10d component rows: %.0f rows/s (apply wall time), %.0f rows/s (apply CPU time)",
                         min(options.artifacts, (number + 1) * options.batch), rows, Double(rows) / applyTime,
                         Double(rows) / applyCPU) + "; load \(loadAverage())")
            fflush(nil)
        }
    }
    let wallTime = seconds(ContinuousClock.now - wall)
    print(String(format: "ingest: %d component rows in %.1f s of apply wall time (%.0f rows/s), %.1f s of apply CPU time (%.0f rows/s); %.1f s with generation",
                 rows, applyTime, Double(rows) / applyTime, applyCPU, Double(rows) / applyCPU, wallTime))
}

if let postgres = store as? InventoryStorePostgres {
    // What autovacuum does by itself after enough changes, done now so the queries are timed
    // with the planner statistics a settled database has.
    let start = ContinuousClock.now
    try await postgres.analyze()
    print(String(format: "ANALYZE: %.1f s", seconds(ContinuousClock.now - start)))
}

let coverage = try await store.coverage()
print("coverage: \(coverage)")

/// One incident query: the artifacts containing the package (at the given versions) and where they run.
func incident(_ purl: String) async throws -> (seconds: Double, search: Double, cpu: Double, artifacts: Int, deployments: Int) {
    let cpu = processCPUSeconds()
    let start = ContinuousClock.now
    let matches = try await store.artifactsContaining(packageKey: InventoryPackageKey.of(purl: purl),
                                                      versions: InventoryPackageKey.version(of: purl).map { [$0] })
    let searched = ContinuousClock.now
    let deployments = try await store.deployments(of: matches.map(\.artifact))
    let elapsed = seconds(ContinuousClock.now - start)
    return (elapsed, seconds(searched - start), processCPUSeconds() - cpu, matches.count, deployments.count)
}

func report(_ name: String, _ purls: [String]) async throws {
    // One untimed pass warms the caches the way a long-running server's are.
    for purl in purls.prefix(5) { _ = try await incident(purl) }
    var times: [Double] = [], searches: [Double] = [], cpus: [Double] = [], artifacts: [Int] = [], deployments: [Int] = []
    for purl in purls {
        let result = try await incident(purl)
        times.append(result.seconds * 1000)
        searches.append(result.search * 1000)
        cpus.append(result.cpu * 1000)
        artifacts.append(result.artifacts)
        deployments.append(result.deployments)
    }
    print(name + String(format: ": %d queries, p50 %.2f ms, p99 %.2f ms, max %.2f ms; artifacts per answer %d–%d (median %d), deployment rows %d–%d",
                 times.count, percentile(times, 0.5), percentile(times, 0.99), times.max() ?? 0,
                 artifacts.min() ?? 0, artifacts.max() ?? 0, Int(percentile(artifacts.map(Double.init), 0.5)),
                 deployments.min() ?? 0, deployments.max() ?? 0)
          + String(format: "; artifactsContaining alone p50 %.2f ms, p99 %.2f ms", percentile(searches, 0.5), percentile(searches, 0.99))
          + String(format: "; process CPU per query p50 %.2f ms, p99 %.2f ms", percentile(cpus, 0.5), percentile(cpus, 0.99))
          + "; load \(loadAverage())")
}

var random = Random(options.seed ^ 0xABCD)
var rare: [String] = []
for i in 0..<options.queries {
    if i % 2 == 0 {
        rare.append(World.internalPurl(random.below(options.artifacts)))
    } else {
        // The Zipf tail: the last 5% of the ranks.
        rare.append(World.purl(rank: options.distinct - 1 - random.below(max(1, options.distinct / 20))))
    }
}
try await report("rare component (half in 1 artifact, half from the Zipf tail)", rare)
try await report("component in 30% of artifacts", (0..<options.queries).map { World.popularPurl($0 % World.popular) })

if let sqlite = store as? InventoryStoreSQLite {
    let before = try sqlite.storageBytes()
    try await sqlite.checkpoint()
    print(String(format: "data size: %.1f MiB (database + WAL; %.1f MiB before the WAL checkpoint)",
                 Double(try sqlite.storageBytes()) / 1_048_576, Double(before) / 1_048_576))
} else if let postgres = store as? InventoryStorePostgres {
    print(String(format: "data size: %.1f MiB (tables, indexes, TOAST of schema ", Double(try await postgres.storageBytes()) / 1_048_576)
          + options.schema + ")")
    await postgres.close()
}
