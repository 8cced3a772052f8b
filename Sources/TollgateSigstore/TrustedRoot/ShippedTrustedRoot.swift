/// A trusted root compiled into Tollgate: the fields of a shipped `trusted_root.json`
/// (`Sources/TollgateSigstore/Resources/`), already decoded and validated, so loading one costs
/// base64 and DER decoding only — no resource-bundle lookup, file read, JSON decoding, RFC 3339
/// parsing or CA-chain signature checks at start-up (docs/benchmarks.md, 2026-12-05).
///
/// The values live in `ShippedTrustedRoots.swift`, which is generated from the JSON files by
/// `ShippedTrustedRootTests`; regenerate after changing a JSON file and review the diff:
///
///     swift build --build-tests && TOLLGATE_UPDATE_SNAPSHOTS=1 swift test --skip-build --filter ShippedTrustedRootTests
///
/// The same test checks, on every run, that each compiled-in root equals what
/// ``TrustedRoot/init(json:)`` (which also checks the CA chains) makes of its JSON file.
struct ShippedTrustedRoot: Sendable {
    /// A transparency or CT log: `logId.keyId` and `publicKey.rawBytes` as base64 (DER SPKI).
    struct Log: Sendable {
        let baseURL: String
        let logID: String
        let keyDetails: String
        let key: String
        /// `validFor`, in seconds since the reference date (exactly as parsed from RFC 3339).
        let start: Double
        let end: Double?
    }

    /// A Fulcio CA or timestamp authority: its chain as base64 DER, issuing certificate first.
    struct Authority: Sendable {
        let uri: String
        let chain: [String]
        let start: Double
        let end: Double?
    }

    /// The JSON file this was generated from, and its SHA-256 (hex): a changed file with a
    /// stale generated form fails the test.
    let file: String
    let sha256: String
    let mediaType: String
    let tlogs: [Log]
    let certificateAuthorities: [Authority]
    let ctlogs: [Log]
    let timestampAuthorities: [Authority]
}
