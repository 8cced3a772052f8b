// swift-tools-version:6.1
// Release-mode benchmark executables. Run them as docs/benchmarks.md says, e.g.
//   swift run -c release --package-path Benchmarks DigestBench FILE
import PackageDescription

let benches = ["DigestBench", "CryptoBench", "SigstoreBench", "LedgerBench", "ScanBench", "GateBench"]

let package = Package(
    name: "TollgateBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: "..")],
    targets: benches.map { name in
        .executableTarget(
            name: name,
            dependencies: [
                .product(name: "TollgateModel", package: "Tollgate"),
                .product(name: "TollgateSigstore", package: "Tollgate"),
                .product(name: "TollgateLedger", package: "Tollgate"),
                .product(name: "TollgateSBOM", package: "Tollgate"),
                .product(name: "TollgateVulnerabilities", package: "Tollgate"),
                .product(name: "TollgatePolicy", package: "Tollgate"),
                .product(name: "TollgateVerify", package: "Tollgate"),
                .product(name: "TollgateCLI", package: "Tollgate"),
            ],
            path: "Sources/\(name)",
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    }
)
