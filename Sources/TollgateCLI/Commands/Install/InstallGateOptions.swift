import ArgumentParser
import Foundation
import TollgateInstall
import TollgateLedger
import TollgateModel
import TollgatePolicy
import TollgateSigstore
import TollgateStoreSQLite
import TollgateVerify

/// What `tollgate npm` and `tollgate pip` decide with: the policy (its `install` block), the
/// advisory database (`MAL-` records and the vulnerability budget), the Sigstore trusted root
/// attestations are verified against, and whether to record the decision in the ledger.
struct InstallGateOptions: ParsableArguments {
    @Option(help: "Policy file (YAML); its install and components blocks apply (default: the install defaults, docs/install-gates.md).")
    var policy: String?

    @Option(name: .customLong("db"), help: "Advisory database with OSV and MAL- records (default: DATA/advisories.sqlite).")
    var advisoryDatabase: String?

    @Option(name: .customLong("trusted-root"), help: "Sigstore trusted_root.json for attestations (default: the shipped public-good root).")
    var trustedRoot: String?

    @Flag(help: "Append every package's decision to the ledger in --data (tollgate ledger init).")
    var record = false

    @OptionGroup var state: GateStateOptions

    func loadPolicy() throws -> Policy {
        guard let policy else {
            var defaults = Policy(name: "install-defaults", file: "<install defaults>")
            defaults.install = InstallRules()
            return defaults
        }
        return try Policy(yaml: [UInt8](try InputFile.read(policy, limit: PolicyParser.maxBytes)), file: policy)
    }

    /// The advisory store, or nil when there is none (the MAL- check then denies with the reason).
    func openAdvisories() async throws -> AdvisoryStoreSQLite? {
        let path = advisoryDatabase ?? state.data.directory.appendingPathComponent(AdvisoryStoreSQLite.defaultFileName).path
        guard FileManager.default.fileExists(atPath: path) else {
            if advisoryDatabase != nil {
                throw CLIError(.unreadable, "cannot read the advisory database '\(path)': no such file; run 'tollgate db import PATH --db \(path)'")
            }
            return nil
        }
        let store = try AdvisoryStoreSQLite(path: path)
        try await store.prepare()
        return store
    }

    /// `--trusted-root`, else the root `tollgate trust update` keeps in DATA/trust (checked offline
    /// now; an expired one is an error, never a silent fallback), else the shipped public-good root.
    func loadTrustedRoot() async throws -> TrustedRoot {
        if let trustedRoot { return try TrustedRoot(json: [UInt8](try InputFile.read(trustedRoot, limit: 8 << 20))) }
        if let refreshed = try await TrustedRootSource.refreshed(data: state.data.data) { return try TrustedRoot(json: refreshed) }
        return try TrustedRoot.publicGoodProduction()
    }

    /// Appends every package's decision (and the exception events not yet recorded) in one request.
    func recordIfAsked(_ decision: InstallDecision, evidence: [Evidence], policy: Policy, now: Date) async throws -> Int? {
        guard record else { return nil }
        let recorder = try await state.recorder()
        var recorded = try await recorder.store.exceptionEvents()
        var drafts: [LedgerEntryDraft] = []
        var documents: [Digest: Data] = [:]
        for (item, package) in zip(evidence, decision.packages) {
            let entries = try VerificationRecord(evidence: item, decision: package.decision, policy: policy, recorder: recorder, now: now,
                                                 recordedExceptions: recorded)
            recorded.formUnion(entries.exceptionEvents)
            drafts.append(contentsOf: entries.drafts)
            documents.merge(entries.documents) { first, _ in first }
        }
        _ = try await recorder.record(drafts, documents: documents)
        return drafts.count
    }
}
