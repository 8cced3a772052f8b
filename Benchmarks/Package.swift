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
                .product(name: "TollgateModel", package: "main"),
                .product(name: "TollgateSigstore", package: "main"),
                .product(name: "TollgateLedger", package: "main"),
                .product(name: "TollgateSBOM", package: "main"),
                .product(name: "TollgateVulnerabilities", package: "main"),
                .product(name: "TollgatePolicy", package: "main"),
                .product(name: "TollgateVerify", package: "main"),
                .product(name: "TollgateCLI", package: "main"),
            ],
            path: "Sources/\(name)",
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    }
)
