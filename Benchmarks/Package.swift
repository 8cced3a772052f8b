// swift-tools-version:6.1
// Release-mode benchmark executables. Run them as docs/benchmarks.md says, e.g.
//   swift run -c release --package-path Benchmarks DigestBench FILE
import Foundation
import PackageDescription

// A path dependency is named by its folder, so the root package's identity is the checkout's folder name.
let root = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent.lowercased()

let benches = ["DigestBench", "CryptoBench", "SigstoreBench", "LedgerBench", "ScanBench", "GateBench", "InventoryBench"]

let package = Package(
    name: "TollgateBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: "..")],
    targets: [
        // Code two benchmarks share (the synthetic SBOM's components).
        .target(name: "BenchSupport",
                dependencies: [.product(name: "TollgateModel", package: root),
                               .product(name: "TollgateVulnerabilities", package: root)],
                path: "Sources/BenchSupport", swiftSettings: [.swiftLanguageMode(.v6)]),
    ] + benches.map { name in
        .executableTarget(
            name: name,
            dependencies: [
                .product(name: "TollgateModel", package: root),
                .product(name: "TollgateSigstore", package: root),
                .product(name: "TollgateTransparency", package: root),
                .product(name: "TollgateLedger", package: root),
                .product(name: "TollgateSBOM", package: root),
                .product(name: "TollgateVulnerabilities", package: root),
                .product(name: "TollgatePolicy", package: root),
                .product(name: "TollgateVerify", package: root),
                .product(name: "TollgateCLI", package: root),
            ] + (name == "GateBench" ? [.product(name: "TollgateVerifyTesting", package: root), "BenchSupport"] : [])
              + (name == "ScanBench" ? ["BenchSupport"] : []),
            path: "Sources/\(name)",
            swiftSettings: [.swiftLanguageMode(.v6)],
            // As the root package's `tollgate`: the Swift runtime and Foundation linked statically.
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-use-ld=lld", "-Xlinker", "--no-export-dynamic", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs", "-l_CFXMLInterface", "-lxml2", "-lCoreFoundation", "-l_FoundationICU", "-l_FoundationCShims", "-l_FoundationCollections"], .when(platforms: [.linux], configuration: .release))]
        )
    }
)
