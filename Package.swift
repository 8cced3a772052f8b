// swift-tools-version:6.1
import PackageDescription

/// Every target: Swift 6 language mode, and in release builds generic types made concrete through
/// metadata accessors instead of by mangled name. A mangled name is resolved at run time, checking
/// the type's requirements (`Set<String>` needs `String: Hashable`) by a scan of all ~15,000 protocol
/// conformance records the first time each one is asked for: 11–25% of a whole one-bundle
/// `verify-bundle` before (perf, docs/benchmarks.md, 2026-12-05, session 12).
let moduleSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"], .when(configuration: .release)),
]

/// Release executables link the Swift runtime and Foundation statically (lld, from the toolchain):
/// binding their symbols at start-up was a third of every short `tollgate` run (docs/benchmarks.md).
/// `--no-export-dynamic` undoes the `-export-dynamic` of the toolchain's static-stdlib-args.lnk: nothing
/// looks our symbols up at run time, and the runtime's start-up `dladdr` scanned all ~57,000 of them
/// (with the dynamic symbol table's page faults, 10% of a whole `verify-bundle`, 2026-12-05).
/// `-z pack-relative-relocs` stores the ~183,000 relative relocations of the Swift metadata as
/// DT_RELR (34 KB instead of 4.1 MB of `.rela.dyn`): ~0.5 ms less start-up a run (glibc 2.36+,
/// which Debian 12 has; an older loader refuses the binary by name: GLIBC_ABI_DT_RELR).
let staticRuntime: [LinkerSetting] = [
    .unsafeFlags(["-static-stdlib", "-use-ld=lld", "-Xlinker", "--no-export-dynamic", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs", "-l_CFXMLInterface", "-lxml2", "-lCoreFoundation", "-l_FoundationICU", "-l_FoundationCShims", "-l_FoundationCollections"], .when(platforms: [.linux], configuration: .release)),
]

let package = Package(
    name: "Tollgate",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tollgate", targets: ["tollgate"]),
        // `tollgate serve` runs this binary, so the `tollgate` CLI does not link the HTTP server.
        .executable(name: "tollgate-server", targets: ["tollgate-server"]),
        .library(name: "TollgateModel", targets: ["TollgateModel"]),
        .library(name: "TollgateTransparency", targets: ["TollgateTransparency"]),
        .library(name: "TollgateSigstore", targets: ["TollgateSigstore"]),
        .library(name: "TollgateLedger", targets: ["TollgateLedger"]),
        .library(name: "TollgateSBOM", targets: ["TollgateSBOM"]),
        .library(name: "TollgateVulnerabilities", targets: ["TollgateVulnerabilities"]),
        .library(name: "TollgatePolicy", targets: ["TollgatePolicy"]),
        .library(name: "TollgateVerify", targets: ["TollgateVerify"]),
        .library(name: "TollgateOCI", targets: ["TollgateOCI"]),
        .library(name: "TollgateOCIHTTP", targets: ["TollgateOCIHTTP"]),
        .library(name: "TollgateRebuild", targets: ["TollgateRebuild"]),
        .library(name: "TollgateCLI", targets: ["TollgateCLI"]),
        .library(name: "TollgateAudit", targets: ["TollgateAudit"]),
        .library(name: "TollgateTUF", targets: ["TollgateTUF"]),
        .library(name: "TollgateServer", targets: ["TollgateServer"]),
        .library(name: "TollgateAdmission", targets: ["TollgateAdmission"]),
        // Builders of checked evidence types, for tests and benchmarks of the rules alone.
        .library(name: "TollgateVerifyTesting", targets: ["TollgateVerifyTesting"]),
        // A test Sigstore instance (Fulcio-like CA, CT log, Rekor-like log) and its trusted root.
        .library(name: "TollgateSigstoreTesting", targets: ["TollgateSigstoreTesting"]),
        .library(name: "TollgateInstall", targets: ["TollgateInstall"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        // Base64 between byte arrays (TollgateModel's Base64Text), without Foundation's Data and String.
        .package(url: "https://github.com/swift-extras/swift-extras-base64.git", from: "1.2.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        // The server only (TollgateServer, tollgate-server): the CLI never links these. No package
        // traits: swift-configuration is not needed and the server formats no URL-encoded forms.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        // The dashboard's server-rendered pages and `/metrics` (TollgateServer only).
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // Specs as value types: digests, keys, signatures, DSSE, in-toto, SLSA, purl, errors.
        .target(
            name: "TollgateModel",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "ExtrasBase64", package: "swift-extras-base64"),
            ],
            swiftSettings: moduleSettings
        ),
        // Storage protocols (no driver imports).
        .target(name: "TollgateStore", dependencies: ["TollgateModel"], swiftSettings: moduleSettings),
        .target(
            name: "TollgateStoreSQLite",
            dependencies: ["TollgateStore", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift")],
            swiftSettings: moduleSettings
        ),
        .target(
            name: "TollgateStorePostgres",
            dependencies: ["TollgateStore", .product(name: "PostgresNIO", package: "postgres-nio"),
                           .product(name: "Logging", package: "swift-log")],
            swiftSettings: moduleSettings
        ),
        // RFC 6962 hashing and proof verification, C2SP signed notes, checkpoints and cosignatures.
        .target(
            name: "TollgateTransparency",
            dependencies: ["TollgateModel", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: moduleSettings
        ),
        .target(
            name: "TollgateSigstore",
            dependencies: [
                "TollgateModel", "TollgateTransparency",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            // The trusted roots are compiled in (TrustedRoot/ShippedTrustedRoots.swift, generated from
            // these JSON files by ShippedTrustedRootTests): no resource bundle to find at start-up.
            exclude: ["Resources"],
            swiftSettings: moduleSettings
        ),
        // The TUF 1.0 client workflow (no network code: fetching and storage are injected).
        .target(
            name: "TollgateTUF",
            dependencies: ["TollgateModel", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: moduleSettings
        ),
        .target(name: "TollgateSBOM", dependencies: ["TollgateModel", .product(name: "Yams", package: "Yams")],
                swiftSettings: moduleSettings),
        .target(
            name: "TollgateVulnerabilities",
            dependencies: ["TollgateModel", "TollgateSBOM", "TollgateStore",
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: moduleSettings
        ),
        .target(
            name: "TollgateLedger",
            dependencies: ["TollgateModel", "TollgateTransparency", "TollgateStore",
                           .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: moduleSettings
        ),
        // The ledger-derived inventory: indexing, recording, incident answers.
        .target(name: "TollgateInventory",
                dependencies: ["TollgateModel", "TollgateStore", "TollgateLedger", "TollgateSBOM", "TollgateVulnerabilities",
                               "TollgatePolicy"],
                swiftSettings: moduleSettings),
        .target(
            name: "TollgatePolicy",
            dependencies: ["TollgateModel", .product(name: "Yams", package: "Yams")],
            swiftSettings: moduleSettings
        ),
        // Source and CI audits: GitHub Actions workflows, GitLab CI, findings with positions (offline).
        .target(
            name: "TollgateAudit",
            dependencies: ["TollgateModel", "TollgatePolicy", "TollgateSBOM", "TollgateSigstore", .product(name: "Yams", package: "Yams"),
                           .product(name: "Crypto", package: "swift-crypto"), .product(name: "SwiftASN1", package: "swift-asn1")],
            swiftSettings: moduleSettings
        ),
        // Container images in OCI registries: references, manifests, cosign evidence, layers (no NIO).
        .target(
            name: "TollgateOCI",
            dependencies: ["TollgateModel", "TollgateSigstore", "TollgateSBOM",
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: moduleSettings
        ),
        // Comparing a release with a rebuild (tar, tar.gz, zip, OCI layouts), rebuild attestations.
        .target(
            name: "TollgateRebuild",
            dependencies: ["TollgateModel", "TollgateOCI", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: moduleSettings
        ),
        // The OCI distribution API over HTTP(S) with AsyncHTTPClient.
        .target(
            name: "TollgateOCIHTTP",
            dependencies: ["TollgateOCI", "TollgateModel",
                           .product(name: "AsyncHTTPClient", package: "async-http-client"),
                           .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOHTTP1", package: "swift-nio")],
            swiftSettings: moduleSettings
        ),
        .target(
            name: "TollgateVerify",
            dependencies: ["TollgateModel", "TollgatePolicy", "TollgateSigstore", "TollgateSBOM", "TollgateOCI",
                           "TollgateVulnerabilities", "TollgateLedger", "TollgateInventory", "TollgateAudit", "TollgateRebuild",
                           .product(name: "X509", package: "swift-certificates"),
                           .product(name: "Yams", package: "Yams")],
            swiftSettings: moduleSettings
        ),
        // Kubernetes admission: AdmissionReview → every image by digest → the gate's cached or inline decision (no NIO).
        .target(
            name: "TollgateAdmission",
            dependencies: ["TollgateModel", "TollgateOCI", "TollgatePolicy", "TollgateVerify", "TollgateInventory", "TollgateStore",
                           .product(name: "Yams", package: "Yams")],
            swiftSettings: moduleSettings
        ),
        // The install boundary: npm and pip packages verified (hashes, registry signatures, PEP 740 and
        // npm provenance, MAL- records, dependency confusion) through the gate before anything installs.
        // No NIO: registries and indexes are reached through an injected fetcher.
        .target(
            name: "TollgateInstall",
            dependencies: ["TollgateModel", "TollgatePolicy", "TollgateVerify", "TollgateSigstore", "TollgateSBOM",
                           "TollgateVulnerabilities", "TollgateStore"],
            swiftSettings: moduleSettings
        ),
        // Builders of checked evidence types for tests and benchmarks (the collector builds the real ones).
        .target(name: "TollgateVerifyTesting", dependencies: ["TollgateVerify", "TollgatePolicy", "TollgateModel"],
                swiftSettings: moduleSettings),
        // A Sigstore deployment in memory for tests and benchmarks: bundles the real verifier accepts.
        .target(name: "TollgateSigstoreTesting",
                dependencies: ["TollgateModel", "TollgateTransparency", "TollgateLedger", "TollgateStore", "TollgateSigstore",
                               .product(name: "Crypto", package: "swift-crypto"),
                               .product(name: "X509", package: "swift-certificates"),
                               .product(name: "SwiftASN1", package: "swift-asn1")],
                swiftSettings: moduleSettings),
        .target(
            name: "TollgateCLI",
            dependencies: [
                "TollgateModel", "TollgateSigstore", "TollgateSBOM", "TollgateVulnerabilities",
                "TollgateTransparency", "TollgateLedger", "TollgateInventory", "TollgatePolicy", "TollgateVerify",
                "TollgateStore", "TollgateStoreSQLite", "TollgateStorePostgres", "TollgateOCI", "TollgateOCIHTTP", "TollgateTUF",
                "TollgateData", "TollgateAdmission", "TollgateAudit", "TollgateInstall", "TollgateRebuild",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: moduleSettings
        ),
        .executableTarget(name: "tollgate", dependencies: ["TollgateCLI"], swiftSettings: moduleSettings,
                          linkerSettings: staticRuntime),
        // The data directory or PostgreSQL database as the CLI and the server both open it: the ledger,
        // the token store and the server's artifact, evidence and policy index; API tokens.
        .target(
            name: "TollgateData",
            dependencies: ["TollgateModel", "TollgateStore", "TollgateStoreSQLite", "TollgateStorePostgres",
                           "TollgateLedger", "TollgateTransparency",
                           .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: moduleSettings
        ),
        // `tollgate serve`: the REST API (Hummingbird 2), its auth (API tokens, CI OIDC identities via
        // jwt-kit), limits and errors, over the same gate, ledger and stores as the CLI.
        .target(
            name: "TollgateServer",
            dependencies: [
                "TollgateModel", "TollgateStore", "TollgateData", "TollgateLedger", "TollgateTransparency",
                "TollgatePolicy", "TollgateVerify", "TollgateSigstore", "TollgateSBOM", "TollgateVulnerabilities",
                "TollgateStoreSQLite", "TollgateInventory", "TollgateAdmission", "TollgateOCI", "TollgateOCIHTTP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: moduleSettings
        ),
        .executableTarget(name: "tollgate-server",
                          dependencies: ["TollgateServer", .product(name: "Logging", package: "swift-log")], swiftSettings: moduleSettings,
                          linkerSettings: staticRuntime),

        .testTarget(name: "TollgateModelTests", dependencies: ["TollgateModel"],
                    resources: [.copy("Fixtures")], swiftSettings: moduleSettings),
        .testTarget(name: "TollgateTransparencyTests",
                    dependencies: ["TollgateTransparency", "TollgateModel", .product(name: "Crypto", package: "swift-crypto")],
                    resources: [.copy("Fixtures")], swiftSettings: moduleSettings),
        .testTarget(name: "TollgateSigstoreTests", dependencies: ["TollgateSigstore", "TollgateModel", "TollgateTransparency", "TollgateSigstoreTesting",
                                                              .product(name: "X509", package: "swift-certificates"),
                                                              .product(name: "SwiftASN1", package: "swift-asn1"),
                                                              .product(name: "Crypto", package: "swift-crypto")],
                    resources: [.copy("Fixtures")], swiftSettings: moduleSettings),
        .testTarget(name: "TollgateLedgerTests",
                    dependencies: ["TollgateLedger", "TollgateTransparency", "TollgateStoreSQLite", "TollgateStorePostgres",
                                   .product(name: "NIOCore", package: "swift-nio"),
                                   .product(name: "NIOPosix", package: "swift-nio"),
                                   .product(name: "NIOHTTP1", package: "swift-nio")],
                    swiftSettings: moduleSettings),
        .testTarget(name: "TollgateTUFTests", dependencies: ["TollgateTUF", "TollgateModel"],
                    resources: [.copy("Fixtures")], swiftSettings: moduleSettings),
        .testTarget(name: "TollgateSBOMTests", dependencies: ["TollgateSBOM"],
                    resources: [.copy("Fixtures")], swiftSettings: moduleSettings),
        .testTarget(name: "TollgateVulnerabilitiesTests",
                    dependencies: ["TollgateVulnerabilities", "TollgateStoreSQLite", "TollgateStore",
                                   .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                                   .product(name: "GRDB", package: "GRDB.swift")],
                    resources: [.copy("Fixtures")], swiftSettings: moduleSettings),
        .testTarget(name: "TollgatePolicyTests",
                    dependencies: ["TollgatePolicy", "TollgateVerify", "TollgateVerifyTesting", "TollgateStoreSQLite", "TollgateSBOM",
                                   "TollgateTransparency", "TollgateInventory", "TollgateStore", "TollgateLedger",
                                   .product(name: "Crypto", package: "swift-crypto")],
                    resources: [.copy("Fixtures")], swiftSettings: moduleSettings),
        .testTarget(name: "TollgateInventoryTests",
                    dependencies: ["TollgateInventory", "TollgateLedger", "TollgateStoreSQLite", "TollgateStorePostgres",
                                   "TollgateVulnerabilities", "TollgateSBOM", "TollgatePolicy", "TollgateTransparency",
                                   .product(name: "Crypto", package: "swift-crypto")],
                    resources: [.copy("Fixtures")], swiftSettings: moduleSettings),
        .testTarget(name: "TollgateOCITests",
                    dependencies: ["TollgateOCI", "TollgateSBOM", "TollgateSigstore", "TollgateModel", "TollgateVerify", "TollgatePolicy"],
                    resources: [.copy("Fixtures")], swiftSettings: moduleSettings),
        .testTarget(name: "TollgateRebuildTests", dependencies: ["TollgateRebuild", "TollgateOCI", "TollgateModel"],
                    swiftSettings: moduleSettings),
        .testTarget(name: "TollgateOCIHTTPTests",
                    dependencies: ["TollgateOCIHTTP", "TollgateOCI", "TollgateModel",
                                   .product(name: "NIOCore", package: "swift-nio"),
                                   .product(name: "NIOPosix", package: "swift-nio"),
                                   .product(name: "NIOHTTP1", package: "swift-nio"),
                                   .product(name: "NIOConcurrencyHelpers", package: "swift-nio")],
                    swiftSettings: moduleSettings),
        .testTarget(name: "TollgateAuditTests", dependencies: ["TollgateAudit", "TollgateModel", "TollgatePolicy", "TollgateVerify", "TollgateStore", "TollgateSigstore"],
                    resources: [.copy("Fixtures")], swiftSettings: moduleSettings),
        .testTarget(name: "TollgateCLITests", dependencies: ["TollgateCLI", "TollgateOCI", "TollgateOCIHTTP", "TollgateSigstoreTesting", "TollgateModel", "TollgateAudit",
                                                          .product(name: "Crypto", package: "swift-crypto"),
                                                          .product(name: "Hummingbird", package: "hummingbird")],
                    resources: [.copy("Fixtures")], swiftSettings: moduleSettings),
        .testTarget(name: "TollgateInstallTests", dependencies: ["TollgateInstall", "TollgateVerify", "TollgatePolicy", "TollgateSigstore", "TollgateModel"],
                    resources: [.copy("Fixtures")], swiftSettings: moduleSettings),
        .testTarget(name: "TollgateAdmissionTests",
                    dependencies: ["TollgateAdmission", "TollgateVerify", "TollgateVerifyTesting", "TollgatePolicy", "TollgateInventory",
                                   "TollgateStore", "TollgateModel"],
                    resources: [.copy("Fixtures")], swiftSettings: moduleSettings),
        .testTarget(name: "TollgateServerTests",
                    dependencies: ["TollgateServer", "TollgateAdmission", "TollgateOCI", "TollgateOCIHTTP", "TollgateData", "TollgateStore", "TollgateStoreSQLite", "TollgateStorePostgres", "TollgateSigstoreTesting",
                                   "TollgateLedger", "TollgateTransparency", "TollgateModel", "TollgateInventory", "TollgateVerify",
                                   .product(name: "AsyncHTTPClient", package: "async-http-client"),
                                   .product(name: "JWTKit", package: "jwt-kit"),
                                   .product(name: "X509", package: "swift-certificates"),
                                   .product(name: "HummingbirdTLS", package: "hummingbird"),
                                   .product(name: "SwiftASN1", package: "swift-asn1"),
                                   .product(name: "Crypto", package: "swift-crypto"),
                                   .product(name: "_CryptoExtras", package: "swift-crypto")],
                    swiftSettings: moduleSettings),
    ]
)
