import ArgumentParser
import Foundation
import TollgateAudit
import TollgateModel
import TollgateSigstore

/// `tollgate audit [PATH…] [--fail-on SEVERITY] [--min-severity SEVERITY] [--format text|json|sarif] [--output FILE]`
///
/// Audits CI configuration offline: GitHub Actions workflows and composite actions, and GitLab CI. See
/// docs/audit.md for every rule, its severity and its zizmor equivalent.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit CI workflows (GitHub Actions, GitLab CI) for supply-chain weaknesses, offline.",
        discussion: """
            PATH is a checkout (its .github/workflows, .github/actions, action.yml and .gitlab-ci.yml), a folder \
            of workflow files, or single files; the default is the current directory. Exit status: 0 when no \
            finding is at or above --fail-on (default medium: low findings are pedantic and never fail the run); \
            1 when one is; 3 when a file cannot be read or is not valid YAML, a workflow or a GitLab CI file.
            """
    )

    enum Format: String, ReportFormat {
        case text, json, sarif

        static var defaultFormat: Format { .text }
    }

    @Argument(help: "Checkouts, folders of workflows, or workflow files (default: .).")
    var paths: [String] = []

    @Option(name: .long, help: "Exit 1 if a finding is at or above this severity: low, medium, high or critical.")
    var failOn: Severity = .medium

    @Option(name: .long, help: "Leave findings below this severity out of the report: low, medium, high or critical.")
    var minSeverity: Severity = .low

    @Option(name: .long, help: ArgumentHelp("Repository or organization settings exported with 'gh api' (JSON), or a directory of them; also read from .tollgate/settings/ in a checkout.", valueName: "file"))
    var settings: [String] = []

    @Option(name: .long, help: ArgumentHelp("ssh-keygen allowed-signers file: the audited commit (and --tag) must carry an SSH signature by one of them (namespace git).", valueName: "file"))
    var allowedSigners: String?

    @Option(name: .long, help: ArgumentHelp("OpenPGP public keys (armored or binary): the audited commit (and --tag) may carry an OpenPGP signature by one of them, checked by gpg in an isolated home holding only these keys.", valueName: "file"))
    var openpgpKeys: [String] = []

    @Option(name: .long, help: ArgumentHelp("gitsign (Sigstore) signatures: the certificate identity the audited commit (and --tag) may be signed by (exact, e.g. an email or workflow URI); with --gitsign-issuer.", valueName: "identity"))
    var gitsignIdentity: String?

    @Option(name: .long, help: ArgumentHelp("gitsign (Sigstore) signatures: the OIDC issuer of --gitsign-identity (exact).", valueName: "url"))
    var gitsignIssuer: String?

    @Option(name: .long, help: ArgumentHelp("Sigstore trusted_root.json for --gitsign-identity (default: the shipped public-good root).", valueName: "file"))
    var trustedRoot: String?

    @Option(name: .long, help: ArgumentHelp("A release tag whose signature is checked too (with --allowed-signers or --openpgp-keys); it must point at the audited commit.", valueName: "name"))
    var tag: [String] = []

    @Option(name: .long, help: "Approving reviews the default branch must require.")
    var minReviews: Int = 1

    @OptionGroup var output: ReportOptions<Format>

    @Flag(name: .long, help: "Sign the audit as an in-toto statement (predicate type tollgate.dev source-audit v1) about the audited commit, with --key or --keyless.")
    var attest = false

    @Option(name: .long, help: "Private key for --attest (PEM; TOLLGATE_PASSWORD for encrypted keys).")
    var key: String?

    /// `--attest --keyless`: a Sigstore DSSE bundle (v0.3) instead of a key-signed envelope.
    @OptionGroup var keyless: KeylessOptions<AuditKeylessNames>

    @Option(name: .long, help: "With --attest, --allowed-signers or --openpgp-keys: the audited commit (full hex id); default: git rev-parse HEAD in the first PATH.")
    var commit: String?

    @Option(name: .long, help: "With --attest: the repository as provenance names it (e.g. git+https://github.com/acme/app).")
    var repository: String?

    @Option(name: .long, help: ArgumentHelp("With --attest: write the attestation (a DSSE envelope; with --keyless a Sigstore bundle) to this file instead of standard output.", valueName: "file"))
    var attestOutput: String?

    func validate() throws {
        for (flag, value) in [("--fail-on", failOn), ("--min-severity", minSeverity)] where value == .unknown || value == .none {
            throw ValidationError("\(flag) takes low, medium, high or critical")
        }
        guard (0...10).contains(minReviews) else { throw ValidationError("--min-reviews takes 0 to 10") }
        if keyless.keyless && key != nil { throw ValidationError("give --key or --keyless, not both") }
        if attest && key == nil && !keyless.keyless { throw ValidationError("--attest needs --key or --keyless") }
        if !attest && (key != nil || keyless.keyless || repository != nil || attestOutput != nil) {
            throw ValidationError("--key, --keyless, --repository and --attest-output need --attest")
        }
        if commit != nil && !attest && !checksSignatures {
            throw ValidationError("--commit needs --attest, --allowed-signers, --openpgp-keys or --gitsign-identity")
        }
        if !tag.isEmpty && !checksSignatures {
            throw ValidationError("--tag needs --allowed-signers, --openpgp-keys or --gitsign-identity: the signers its signature is checked against")
        }
        if (gitsignIdentity == nil) != (gitsignIssuer == nil) {
            throw ValidationError("--gitsign-identity and --gitsign-issuer go together: an identity is only as good as the issuer that vouches for it")
        }
        if trustedRoot != nil && gitsignIdentity == nil { throw ValidationError("--trusted-root needs --gitsign-identity") }
        if let commit, !SourceAuditPredicate.isCommit(commit) {
            throw ValidationError("--commit takes a full commit id (40 or 64 hex digits), not '\(commit)'")
        }
        if attest && minSeverity != .low {
            throw ValidationError("--attest records every finding: --min-severity cannot be used with it")
        }
    }

    func run() async throws {
        var full = try SourceAuditor().audit(paths: paths.isEmpty ? ["."] : paths, settings: settings, minimumApprovals: minReviews)
        if checksSignatures {
            let signatureFindings = try await signatureFindings()
            full = AuditReport(files: full.files, findings: full.findings + signatureFindings, workflowOwners: full.workflowOwners,
                               settings: full.settings)
        }
        let report = AuditReport(files: full.files, findings: full.findings.filter { $0.severity >= minSeverity },
                                 workflowOwners: full.workflowOwners, settings: full.settings)
        let failing = full.hasFinding(atOrAbove: failOn)
        if attest {
            try await writeAttestation(full)
            // With --attest and no --attest-output the envelope is what goes to standard output.
            guard attestOutput != nil || output.file != nil else {
                if failing { throw ExitCode(1) }
                return
            }
        }
        try await output.emit { out in
            switch output.format {
            case .json: try out.json(report)
            case .sarif: try out.json(AuditSARIFLog(report: report, toolVersion: TollgateVersion.current))
            case .text: printText(report, to: out)
            }
            if failing {
                if output.format == .text { Console.err("failing: a finding is at or above '\(failOn.rawValue)'") }
                throw ExitCode(1)
            }
        }
    }

    /// The source-audit attestation: subject the audited commit, predicate the settings, findings and facts,
    /// signed with the same DSSE signing as every other Tollgate attestation: a DSSE envelope with `--key`,
    /// or with `--keyless` a Sigstore v0.3 DSSE bundle (Fulcio certificate for the caller's OIDC identity,
    /// Rekor entry), verified against the commit before it is written.
    private func writeAttestation(_ report: AuditReport) async throws {
        let audited = try auditedCommit()
        let predicate = SourceAuditPredicate(report: report, commit: audited.lowercased(), repository: repository,
                                             auditedAt: ISO8601DateFormatter().string(from: Date()),
                                             toolVersion: TollgateVersion.current, codeOwners: try CodeOwnership.read(checkout: checkout))
        let payload = try predicate.statement().jsonBytes()
        let bytes: Data
        if let key {
            let envelope = try DSSE.sign(payload: payload, payloadType: DSSE.inTotoPayloadType, keys: [try PassphraseReader().privateKey(at: key)])
            bytes = Data(envelope.jsonBytes(pretty: true) + [0x0A])
        } else {
            let commit = try Artifact(gitCommit: audited)
            let bundle = try await keyless.withSigner { signer, token in
                try await signer.signDSSE(payload, artifact: commit, token: token)
            }
            bytes = Data(bundle + [0x0A])
        }
        if let attestOutput {
            try AtomicFile.write(bytes, to: attestOutput)
        } else {
            Console.write(bytes)
        }
    }

    private var checksSignatures: Bool { allowedSigners != nil || !openpgpKeys.isEmpty || gitsignIdentity != nil }

    /// The directory of the checkout the first PATH is in (the directory of a file given as PATH).
    private var checkout: String {
        let path = paths.first ?? "."
        var isDirectory: ObjCBool = false
        let directory = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            ? path : (path as NSString).deletingLastPathComponent
        return directory.isEmpty ? "." : directory
    }

    /// The audited commit: `--commit`, or HEAD of the checkout.
    private func auditedCommit() throws -> String {
        if let commit { return commit.lowercased() }
        do {
            return try SignedGitObject.resolve("HEAD", in: checkout)
        } catch {
            throw ValidationError("--commit is needed: \(error.reason)")
        }
    }

    /// The signature findings for the audited commit and each `--tag`: SSH signatures against
    /// `--allowed-signers`, OpenPGP ones against `--openpgp-keys` (docs/audit.md#signed-commits-and-tags).
    private func signatureFindings() async throws -> [AuditFinding] {
        let signers = try allowedSigners.map { AllowedSigners(text: String(decoding: try InputFile.read($0, limit: 1 << 20), as: UTF8.self)) }
        var keyring: OpenPGPKeyring?
        if !openpgpKeys.isEmpty {
            var keys: [UInt8] = []
            for file in openpgpKeys { keys += try InputFile.read(file, limit: 1 << 20) + [0x0A] }
            keyring = OpenPGPKeyring(keys: keys, source: openpgpKeys.joined(separator: ", "))
            // A key file GnuPG cannot import fails the audit even when no signature needs it yet.
            _ = try keyring?.fingerprints()
        }
        var gitsign: GitsignVerifier?
        if let gitsignIdentity, let gitsignIssuer {
            let root = try trustedRoot.map { try TrustedRoot(json: Array(InputFile.read($0, limit: 1 << 22))) } ?? TrustedRoot.publicGoodProduction()
            gitsign = GitsignVerifier(trustedRoot: root, identity: try IdentityPolicy.certificate(subject: gitsignIdentity, issuer: gitsignIssuer))
        }
        let lists = (allowedSigners.map { [$0] } ?? []) + openpgpKeys + (gitsignIdentity.map { ["gitsign identity \($0)"] } ?? [])
        let audited = try auditedCommit()
        let commitObject = try SignedGitObject.read(.commit, audited, in: checkout)
        var findings = [SignedGitObject.finding(try await commitObject.verify(allowedSigners: signers, openPGP: keyring, gitsign: gitsign), kind: .commit,
                                                name: audited, signers: lists)]
        for name in tag {
            let object = try SignedGitObject.read(.tag, name, in: checkout)
            guard object.target == audited else {
                throw ValidationError("tag '\(name)' points at \(object.target ?? "no commit"), not the audited commit \(audited) (pass --commit)")
            }
            findings.append(SignedGitObject.finding(try await object.verify(allowedSigners: signers, openPGP: keyring, gitsign: gitsign), kind: .tag, name: name,
                                                    signers: lists))
        }
        return findings.compactMap { $0 }
    }

    private func printText(_ report: AuditReport, to out: ReportOutput) {
        for finding in report.findings {
            out.line("\(finding.location): \(finding.severity.rawValue) [\(finding.rule.rawValue)] \(finding.message)")
            out.line("  fix: \(finding.fix)")
        }
        if let owned = report.workflowOwners {
            out.line("code owners: \(owned ? "every workflow, deployment and policy file has one" : "some workflow, deployment or policy files have none")")
        }
        if let settings = report.settings {
            func say(_ value: Bool?) -> String { value.map { $0 ? "yes" : "no" } ?? "unknown" }
            out.line("default branch \(settings.defaultBranch ?? "?"): protected \(say(settings.branchProtected)), approvals \(settings.requiredApprovals.map(String.init) ?? "unknown"), "
                     + "code owner review \(say(settings.codeOwnerReview)), stale approvals dismissed \(say(settings.dismissStaleApprovals)), "
                     + "force push blocked \(say(settings.forcePushBlocked)), deletion blocked \(say(settings.deletionBlocked)); release tags protected \(say(settings.releaseTagsProtected))")
        }
        let s = report.summary
        out.line("\(s.findings) finding\(s.findings == 1 ? "" : "s") in \(s.files) file\(s.files == 1 ? "" : "s"): "
                 + "\(s.critical) critical, \(s.high) high, \(s.medium) medium, \(s.low) low")
    }
}
