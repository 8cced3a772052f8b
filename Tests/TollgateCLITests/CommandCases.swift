import Foundation
import TollgateModel

/// Every command with the runs that give each of its exit statuses, in the world `CommandWorld` makes
/// (the commands run in its directory, with `TOLLGATE_DATA=data`).
enum CommandCases {
    static let identity = ["--certificate-identity", CommandWorld.identity, "--certificate-oidc-issuer", CommandWorld.issuer]
    static let examples = TollgateProcess.root.appendingPathComponent("examples").path
    static let provenance = ["a.txt", "--provenance", "a.prov.json", "--key", "k.pub", "--source-uri", "github.com/acme/app",
                             "--source-tag", "v1.0.0"]
    static let bundle = ["--bundle", "happy-path-v0.3.sigstore.json", "--trusted-root", "trusted_root.production.json"]
    /// A TUF repository python-tuf generated (expires 2100), whose targets are Sigstore's trusted root and npm's keys.
    static let tufRepository = TollgateProcess.root.appendingPathComponent("Tests/TollgateTUFTests/Fixtures/generated-repository").path
    static let installFixtures = TollgateProcess.root.appendingPathComponent("Tests/TollgateCLITests/Fixtures/install").path
    static let sigstoreRootV1 = TollgateProcess.root
        .appendingPathComponent("Tests/TollgateTUFTests/Fixtures/sigstore-root-signing/metadata/root_history/1.root.json").path
    /// The shared AdmissionReview samples.
    static let admission = TollgateProcess.root.appendingPathComponent("Tests/TollgateAdmissionTests/Fixtures").path
    /// Real workflows with known problems (Tests/TollgateAuditTests/Fixtures/SOURCES.md).
    static let auditFixtures = TollgateProcess.root.appendingPathComponent("Tests/TollgateAuditTests/Fixtures/workflows").path
    /// The digest of the world's a.txt ("release artifact\n").
    static let artifactA = DigestAlgorithm.sha256.hash(Data("release artifact\n".utf8)).description

    static let all: [CommandCase] = [
        .ok("", ["--version"], json: nil),
        .usage("", ["frobnicate"]),

        .ok("digest", ["digest", "a.txt"]),
        .usage("digest", ["digest", "a.txt", "--algorithm", "md5"]),
        .unreadable("digest", ["digest", "missing.txt"]),

        .ok("key generate", ["key", "generate", "--output-prefix", "{new}/k", "--unsafe-unencrypted"]),
        .usage("key generate", ["key", "generate", "--unsafe-unencrypted"]),
        .usage("key generate", ["key", "generate", "--output-prefix", "k", "--unsafe-unencrypted"]),
        .ok("key register", ["key", "register", "--key", "k.pub", "--owner", "alice@acme.example", "--purpose", "artifact-signing",
                             "--reason", "release key"]),
        .usage("key register", ["key", "register", "--key", "k.pub", "--owner", "alice@acme.example", "--purpose", "artifact-signing"]),
        .unreadable("key register", ["key", "register", "--key", "missing.pub", "--owner", "a", "--purpose", "sbom-signing", "--reason", "r"]),
        .failure("key register", ["key", "register", "--key", "rot1.pub", "--owner", "mallory", "--purpose", "artifact-signing", "--reason", "r"]),
        .environment("key register", ["key", "register", "--data", "{new}/none", "--key", "k.pub", "--owner", "a", "--purpose", "sbom-signing",
                                      "--reason", "r"]),
        .ok("key rotate", ["key", "rotate", "rot1.pub", "--new-key", "rot2.pub", "--reason", "yearly rotation"]),
        .usage("key rotate", ["key", "rotate", "rot1.pub", "--new-key", "rot2.pub"]),
        .failure("key rotate", ["key", "rotate", "00", "--new-key", "other.pub", "--reason", "no such key"]),
        .ok("key revoke", ["key", "revoke", "rev.pub", "--reason", "compromised"]),
        .usage("key revoke", ["key", "revoke", "rev.pub"]),
        .failure("key revoke", ["key", "revoke", "00", "--reason", "no such key"]),
        .ok("key list", ["key", "list"]),
        .usage("key list", ["key", "list", "--bogus"]),
        .environment("key list", ["key", "list", "--data", "{new}/none"]),
        .ok("key review", ["key", "review", "--max-age", "365d"]),
        .usage("key review", ["key", "review", "--max-age", "soon"]),
        .environment("key review", ["key", "review", "--data", "{new}/none"]),

        .ok("sign", ["sign", "a.txt", "--key", "k.key"]),
        .usage("sign", ["sign", "a.txt"]),
        .unreadable("sign", ["sign", "a.txt", "--key", "missing.key"]),
        // An image reference that does not parse is a usage error (oci.invalid-reference); a registry
        // that cannot be reached is the environment (oci.registry: nothing listens on port 9).
        .usage("sign", ["sign", "docker://Not A Reference", "--key", "k.key"]),
        .environment("sign", ["sign", "127.0.0.1:9/team/app:v1", "--key", "k.key", "--allow-http-registry"]),

        .ok("verify-signature", ["verify-signature", "a.txt", "--key", "k.pub", "--signature", "a.sig"]),
        .usage("verify-signature", ["verify-signature", "a.txt", "--key", "k.pub"]),
        .unreadable("verify-signature", ["verify-signature", "a.txt", "--key", "k.pub", "--signature", "missing.sig"]),
        .failure("verify-signature", ["verify-signature", "b.txt", "--key", "k.pub", "--signature", "a.sig"]),

        .ok("attest", ["attest", "a.txt", "--predicate-type", "https://example.com/p", "--predicate", "pred.json", "--key", "k.key"]),
        .usage("attest", ["attest", "a.txt", "--predicate", "pred.json", "--key", "k.key"]),
        .unreadable("attest", ["attest", "a.txt", "--predicate-type", "https://example.com/p", "--predicate", "bad.json", "--key", "k.key"]),
        .environment("attest", ["attest", "127.0.0.1:9/team/app:v1", "--predicate-type", "https://example.com/p", "--predicate", "pred.json",
                                "--key", "k.key", "--allow-http-registry"]),

        .ok("verify-attestation", ["verify-attestation", "a.txt", "--envelope", "a.intoto.json", "--key", "k.pub"]),
        .usage("verify-attestation", ["verify-attestation", "a.txt", "--key", "k.pub"]),
        .unreadable("verify-attestation", ["verify-attestation", "a.txt", "--envelope", "bad.json", "--key", "k.pub"]),
        .failure("verify-attestation", ["verify-attestation", "b.txt", "--envelope", "a.intoto.json", "--key", "k.pub"]),

        .ok("db import", ["db", "import", examples + "/osv", "--db", "{new}/advisories.sqlite"]),
        .usage("db import", ["db", "import"]),
        .unreadable("db import", ["db", "import", "missing-dir", "--db", "{new}/advisories.sqlite"]),

        .ok("db stats", ["db", "stats"]),
        .usage("db stats", ["db", "stats", "--bogus"]),
        .environment("db stats", ["db", "stats", "--db", "{new}"]),

        .ok("scan", ["scan", "sbom.cdx.json"]),
        .usage("scan", ["scan", "sbom.cdx.json", "--fail-on", "dreadful"]),
        .unreadable("scan", ["scan", "bad.json"]),
        .failure("scan", ["scan", "sbom.cdx.json", "--fail-on", "low"]),
        .environment("scan", ["scan", "sbom.cdx.json", "--db", "{new}/empty.sqlite"]),

        .ok("audit", ["audit", auditFixtures + "/dangerous-bare.yml"]),
        .usage("audit", ["audit", auditFixtures, "--fail-on", "dreadful"]),
        .unreadable("audit", ["audit", "bad.json"]),
        .failure("audit", ["audit", auditFixtures + "/workflow-write-all.yml"]),
        .ok("audit", ["audit", auditFixtures + "/dangerous-bare.yml", "--attest", "--key", "k.key", "--commit", CommandWorld.commit,
                      "--attest-output", "{new}/source-audit.json"]),
        .usage("audit", ["audit", auditFixtures + "/dangerous-bare.yml", "--attest"]),
        .usage("audit", ["audit", auditFixtures + "/dangerous-bare.yml", "--attest", "--keyless", "--key", "k.key", "--commit", CommandWorld.commit]),
        .usage("audit", ["audit", auditFixtures + "/dangerous-bare.yml", "--keyless-trusted-root", "trusted_root.json"]),
        .ok("init", ["init", "gitlab", "--directory", "{new}"]),
        .usage("init", ["init", "jenkins"]),
        .usage("audit", ["audit", auditFixtures + "/dangerous-bare.yml", "--attest", "--key", "k.key", "--commit", "main"]),

        .ok("sbom generate", ["sbom", "generate", examples + "/project"], json: .always),
        .usage("sbom generate", ["sbom", "generate", examples + "/project", "--format", "xml"]),
        .unreadable("sbom generate", ["sbom", "generate", "missing-dir"]),
        .usage("sbom generate", ["sbom", "generate", "docker://app", "--platform", "linux"]),
        .environment("sbom generate", ["sbom", "generate", "127.0.0.1:9/team/app:v1", "--allow-http-registry"]),

        .ok("sbom inspect", ["sbom", "inspect", "sbom.cdx.json"]),
        .usage("sbom inspect", ["sbom", "inspect"]),
        .unreadable("sbom inspect", ["sbom", "inspect", "bad.json"]),

        .ok("ledger init", ["ledger", "init", "--data", "{new}/data"]),
        .usage("ledger init", ["ledger", "init", "--bogus"]),
        .environment("ledger init", ["ledger", "init"]),

        .ok("ledger append", ["ledger", "append", "--kind", "note", "--payload", #"{"m":3}"#]),
        .usage("ledger append", ["ledger", "append", "--kind", "no-such-kind", "--payload", "{}"]),
        .unreadable("ledger append", ["ledger", "append", "missing.jsonl"]),
        .environment("ledger append", ["ledger", "append", "--kind", "note", "--payload", "{}", "--data", "{new}"]),

        .ok("ledger get", ["ledger", "get", "0"]),
        .usage("ledger get", ["ledger", "get", "first"]),
        .usage("ledger get", ["ledger", "get", "1000000"]),
        .environment("ledger get", ["ledger", "get", "0", "--data", "{new}"]),

        .ok("ledger checkpoint", ["ledger", "checkpoint"]),
        .usage("ledger checkpoint", ["ledger", "checkpoint", "extra"]),
        .environment("ledger checkpoint", ["ledger", "checkpoint", "--data", "{new}"]),

        .ok("ledger prove-inclusion", ["ledger", "prove-inclusion", "0", "--size", "2"]),
        .usage("ledger prove-inclusion", ["ledger", "prove-inclusion"]),
        .environment("ledger prove-inclusion", ["ledger", "prove-inclusion", "0", "--data", "{new}"]),

        .ok("ledger prove-consistency", ["ledger", "prove-consistency", "1", "2"]),
        .usage("ledger prove-consistency", ["ledger", "prove-consistency", "1"]),
        .environment("ledger prove-consistency", ["ledger", "prove-consistency", "1", "2", "--data", "{new}"]),

        .ok("ledger receipt", ["ledger", "receipt", "0"], json: .always),
        .usage("ledger receipt", ["ledger", "receipt"]),
        .environment("ledger receipt", ["ledger", "receipt", "0", "--data", "{new}"]),

        .ok("ledger verify", ["ledger", "verify"]),
        .usage("ledger verify", ["ledger", "verify", "--log", "http://"]),
        .environment("ledger verify", ["ledger", "verify", "--data", "{new}"]),

        .ok("ledger export-tiles", ["ledger", "export-tiles", "{new}/tiles"]),
        .usage("ledger export-tiles", ["ledger", "export-tiles"]),
        .environment("ledger export-tiles", ["ledger", "export-tiles", "{new}/tiles", "--data", "{new}/none"]),

        .ok("token create", ["token", "create", "--role", "reader", "--name", "{new}", "--expires", "1d"]),
        .usage("token create", ["token", "create", "--role", "root", "--name", "x"]),
        .usage("token create", ["token", "create", "--role", "reader", "--name", "x", "--expires", "soon"]),
        .environment("token create", ["token", "create", "--role", "reader", "--name", "x", "--data", "{new}"]),
        .ok("token list", ["token", "list"]),
        .usage("token list", ["token", "list", "--bogus"]),
        .ok("token revoke", ["token", "revoke", "{token-id}"]),
        .usage("token revoke", ["token", "revoke"]),
        .unreadable("token revoke", ["token", "revoke", "ffffffffffffffff"]),

        .ok("serve", ["serve", "--help"], json: nil),
        .usage("serve", ["serve", "--bogus"]),
        .environment("serve", ["serve", "--data", "{new}", "--listen", "127.0.0.1:0"]),

        .ok("ledger fsck", ["ledger", "fsck"]),
        .usage("ledger fsck", ["ledger", "fsck", "--bogus"]),
        .environment("ledger fsck", ["ledger", "fsck", "--data", "{new}"]),

        .ok("ledger check-proof", ["ledger", "check-proof", "proof.json"]),
        .usage("ledger check-proof", ["ledger", "check-proof"]),
        .unreadable("ledger check-proof", ["ledger", "check-proof", "bad.json"]),
        .failure("ledger check-proof", ["ledger", "check-proof", "proof-bad.json"]),

        .ok("ledger check-note", ["ledger", "check-note", "checkpoint.txt", "--key", "@data/ledger.vkey"]),
        .usage("ledger check-note", ["ledger", "check-note", "checkpoint.txt"]),
        .unreadable("ledger check-note", ["ledger", "check-note", "missing.txt", "--key", "@data/ledger.vkey"]),
        .failure("ledger check-note", ["ledger", "check-note", "checkpoint.txt", "--key", "@data2/ledger.vkey"]),

        .ok("ledger check-receipt", ["ledger", "check-receipt", "receipt.json", "--log-key", "data/ledger.vkey"]),
        .usage("ledger check-receipt", ["ledger", "check-receipt", "receipt.json"]),
        .unreadable("ledger check-receipt", ["ledger", "check-receipt", "bad.json", "--log-key", "data/ledger.vkey"]),
        .failure("ledger check-receipt", ["ledger", "check-receipt", "receipt.json", "--log-key", "data2/ledger.vkey"]),

        .ok("verify", ["verify", "a.txt", "--policy", "allow.yaml", "--signature", "a.sig", "--key", "k.pub", "--no-sidecar"]),
        .usage("verify", ["verify", "a.txt", "--signature", "a.sig"]),
        .unreadable("verify", ["verify", "a.txt", "--policy", "missing.yaml", "--signature", "a.sig", "--key", "k.pub"]),
        .failure("verify", ["verify", "a.txt", "--policy", "deny.yaml", "--signature", "a.sig", "--key", "k.pub", "--no-sidecar"]),
        .usage("verify", ["verify", "docker://team//app", "--policy", "allow.yaml"]),
        .environment("verify", ["verify", "127.0.0.1:9/team/app@sha256:\(String(repeating: "0", count: 64))", "--policy", "allow.yaml",
                                "--allow-http-registry"]),

        .ok("review", ["review", "a.txt", "--policy", "allow.yaml", "--signature", "a.sig", "--key", "k.pub", "--no-sidecar"]),
        .usage("review", ["review"]),
        .unreadable("review", ["review", "missing.txt"]),

        .ok("inventory import-sbom", ["inventory", "import-sbom", "sbom.cdx.json", "--artifact", artifactA, "--data", "data3"]),
        .usage("inventory import-sbom", ["inventory", "import-sbom"]),
        .usage("inventory import-sbom", ["inventory", "import-sbom", "sbom.cdx.json", "--artifact", "sha256:12"]),
        .unreadable("inventory import-sbom", ["inventory", "import-sbom", "bad.json", "--artifact", artifactA, "--data", "data3"]),
        .unreadable("inventory import-sbom", ["inventory", "import-sbom", "sbom.cdx.json", "--data", "data3"]),
        .unreadable("inventory import-sbom", ["inventory", "import-sbom", "missing.json", "--data", "data3"]),
        .environment("inventory import-sbom", ["inventory", "import-sbom", "sbom.cdx.json", "--artifact", artifactA, "--data", "{new}"]),

        .ok("inventory rebuild", ["inventory", "rebuild", "--data", "data3"]),
        .usage("inventory rebuild", ["inventory", "rebuild", "extra"]),
        .environment("inventory rebuild", ["inventory", "rebuild", "--data", "{new}"]),

        .ok("inventory migrate", ["inventory", "migrate", "--data", "data3"]),
        .usage("inventory migrate", ["inventory", "migrate", "--bogus"]),
        .environment("inventory migrate", ["inventory", "migrate", "--data", "{new}"]),

        .ok("inventory stats", ["inventory", "stats", "--data", "data3"]),
        .usage("inventory stats", ["inventory", "stats", "--bogus"]),
        .environment("inventory stats", ["inventory", "stats", "--data", "{new}/missing"]),

        .ok("deploy record", ["deploy", "record", "--environment", "production", "--cluster", "eu-1", "--service", "a",
                              "--image", "registry.example/a@\(artifactA)", "--data", "data3"]),
        .usage("deploy record", ["deploy", "record", "--image", "registry.example/a:1"]),
        .usage("deploy record", ["deploy", "record", "--environment", "production", "--image", "registry.example/a@sha256:zz"]),
        .environment("deploy record", ["deploy", "record", "--environment", "production", "--image", "a:1", "--data", "{new}"]),

        .ok("deploy import", ["deploy", "import", "deploys.jsonl", "--data", "data3"]),
        .usage("deploy import", ["deploy", "import"]),
        .unreadable("deploy import", ["deploy", "import", "bad-deploys.jsonl", "--data", "data3"]),
        .unreadable("deploy import", ["deploy", "import", "missing.jsonl", "--data", "data3"]),

        .ok("incident", ["incident", "--component", "pkg:npm/left-pad", "--data", "data3"]),
        .usage("incident", ["incident"]),
        .usage("incident", ["incident", "--component", "pkg:npm/left-pad", "--advisory", "GHSA-xxxx"]),
        .usage("incident", ["incident", "--advisory", "GHSA-xxxx", "--versions", "vers:npm/1.0.0"]),
        .usage("incident", ["incident", "--component", "not-a-purl", "--data", "data3"]),
        .usage("incident", ["incident", "--component", "pkg:npm/left-pad", "--versions", "vers:npm/>=1|>=2", "--data", "data3"]),
        .unreadable("incident", ["incident", "--component", "pkg:npm/left-pad", "--policy", "missing.yaml", "--data", "data3"]),
        .unreadable("incident", ["incident", "--advisory", "GHSA-0000-0000-0000", "--db", "data/advisories.sqlite", "--data", "data3"]),
        .failure("incident", ["incident", "--component", "pkg:pypi/urllib3", "--data", "data3"]),
        .failure("incident", ["incident", "--component", "pkg:npm/left-pad", "--data", "data5"], status: 5),
        .environment("incident", ["incident", "--advisory", "PYSEC-2021-108", "--db", "{new}/none.sqlite", "--data", "data3"]),
        .environment("incident", ["incident", "--component", "pkg:npm/left-pad", "--data", "{new}/missing"]),

        .ok("drill", ["drill", "--component", "pkg:pypi/urllib3", "--versions", "vers:pypi/<1.26.5", "--data", "data3"]),
        .usage("drill", ["drill"]),
        .environment("drill", ["drill", "--component", "pkg:npm/left-pad", "--data", "{new}"]),

        .ok("policy lint", ["policy", "lint", "allow.yaml"]),
        .usage("policy lint", ["policy", "lint", "allow.yaml", "--strict"]),
        .unreadable("policy lint", ["policy", "lint", "missing.yaml"]),
        // An invalid policy is the lint's finding: reported (on standard output) with exit 3.
        .failure("policy lint", ["policy", "lint", "invalid.yaml"], status: 3),

        .ok("policy test", ["policy", "test", examples + "/policy"]),
        .usage("policy test", ["policy", "test"]),
        .unreadable("policy test", ["policy", "test", "missing-dir"]),
        .failure("policy test", ["policy", "test", "policy-fail"]),

        .ok("admission test", ["admission", "test", admission + "/connaisseur/11_role.json", "--policy", "allow.yaml"]),
        .failure("admission test", ["admission", "test", admission + "/connaisseur/17_deny_me_pod.json", "--policy", "allow.yaml"]),
        .usage("admission test", ["admission", "test", admission + "/connaisseur/11_role.json"]),
        .unreadable("admission test", ["admission", "test", admission + "/connaisseur/25_null_request.json", "--policy", "allow.yaml"]),
        .ok("admission certs", ["admission", "certs", "--out", "{new}/tls"]),
        .usage("admission certs", ["admission", "certs", "--out", "{new}/tls", "--days", "0"]),
        .ok("exceptions list", ["exceptions", "list", "--policy", examples + "/policy/policy.yaml"]),
        .usage("exceptions list", ["exceptions", "list", "--policy", examples + "/policy/policy.yaml", "--expiring", "soon"]),
        .unreadable("exceptions list", ["exceptions", "list", "--policy", "missing.yaml"]),

        .ok("provenance generate", ["provenance", "generate", "--subject", "a.txt", "--key", "k.key", "--repository", "https://github.com/acme/app",
                                    "--commit", CommandWorld.commit, "--ref", "refs/tags/v1.0.0",
                                    "--builder-id", "https://github.com/actions/runner/github-hosted"], json: .always),
        .usage("provenance generate", ["provenance", "generate", "--subject", "a.txt"]),
        .usage("provenance generate", ["provenance", "generate", "--subject", "a.txt", "--key", "k.key", "--keyless"]),
        .usage("provenance generate", ["provenance", "generate", "--subject", "a.txt", "--key", "k.key", "--fulcio-url", "https://fulcio.example"]),
        .unreadable("provenance generate", ["provenance", "generate", "--subject", "missing.txt", "--key", "k.key"]),

        .ok("provenance verify", ["provenance", "verify"] + provenance),
        .usage("provenance verify", ["provenance", "verify", "a.txt", "--provenance", "a.prov.json", "--key", "k.pub"]),
        .unreadable("provenance verify", ["provenance", "verify", "a.txt", "--provenance", "missing.json", "--key", "k.pub", "--source-uri", "github.com/acme/app"]),
        // A provenance document that does not parse is a failed check, not an error.
        .failure("provenance verify", ["provenance", "verify", "a.txt", "--provenance", "bad.json", "--key", "k.pub", "--source-uri", "github.com/acme/app"]),
        .failure("provenance verify", ["provenance", "verify", "a.txt", "--provenance", "a.prov.json", "--key", "k.pub", "--source-uri", "github.com/evil/app"]),

        .ok("integrity check", ["integrity", "check"]),
        .usage("integrity check", ["integrity", "check", "extra"]),
        .environment("integrity check", ["integrity", "check", "--data", "{new}/none"]),
        .ok("rebuild compare", ["rebuild", "compare", "a.txt", "a.txt"]),
        .usage("rebuild compare", ["rebuild", "compare", "a.txt"]),
        .unreadable("rebuild compare", ["rebuild", "compare", "a.txt", "missing.txt"]),
        .failure("rebuild compare", ["rebuild", "compare", "a.txt", "b.txt"]),
        .ok("rebuild attest", ["rebuild", "attest", "a.txt", "--rebuilt", "a.txt", "--provenance", "a.prov.json", "--key", "k.key"]),
        .usage("rebuild attest", ["rebuild", "attest", "a.txt", "--provenance", "a.prov.json", "--key", "k.key"]),
        .unreadable("rebuild attest", ["rebuild", "attest", "a.txt", "--rebuilt", "a.txt", "--provenance", "missing.json", "--key", "k.key"]),
        .unreadable("rebuild attest", ["rebuild", "attest", "a.txt", "--rebuilt", "a.txt", "--provenance", "a.txt", "--key", "k.key"]),

        .ok("verify-provenance", ["verify-provenance"] + provenance),
        .usage("verify-provenance", ["verify-provenance", "a.txt"]),
        .unreadable("verify-provenance", ["verify-provenance", "a.txt", "--provenance", "missing.json", "--key", "k.pub", "--source-uri", "github.com/acme/app"]),
        .failure("verify-provenance", ["verify-provenance", "a.txt", "--provenance", "a.prov.json", "--key", "k.pub", "--source-uri", "github.com/evil/app"]),

        .ok("verify-bundle", ["verify-bundle"] + bundle + identity + ["bundle-a.txt"]),
        .usage("verify-bundle", ["verify-bundle"] + identity + ["bundle-a.txt"]),
        .unreadable("verify-bundle", ["verify-bundle", "--bundle", "bad.json", "--trusted-root", "trusted_root.production.json"] + identity + ["bundle-a.txt"]),
        .failure("verify-bundle", ["verify-bundle"] + bundle + ["--certificate-identity", "https://github.com/evil/x", "--certificate-oidc-issuer", CommandWorld.issuer, "bundle-a.txt"]),

        .ok("trust init", ["trust", "init", "--data", "{new}/data", "--repository", tufRepository, "--root", tufRepository + "/initial_root.json"]),
        .usage("trust init", ["trust", "init", "--bogus"]),
        .unreadable("trust init", ["trust", "init", "--data", "{new}/data", "--repository", tufRepository, "--root", "missing.json"]),
        // Sigstore's root v1 does not sign the generated repository's root v2.
        .failure("trust init", ["trust", "init", "--data", "{new}/data", "--repository", tufRepository, "--root", sigstoreRootV1]),
        .ok("trust update", ["trust", "update", "--data", "trust-data"]),
        .usage("trust update", ["trust", "update", "--bogus"]),
        .environment("trust update", ["trust", "update", "--data", "{new}/none"]),
        .ok("trust status", ["trust", "status", "--data", "trust-data"]),
        .usage("trust status", ["trust", "status", "--bogus"]),
        .environment("trust status", ["trust", "status", "--data", "{new}/none"]),
        // tuf-client follows the tuf-conformance protocol: no JSON, and every failure (usage too) exits 1.
        .ok("npm verify", ["npm", "verify", installFixtures + "/npm-lock.json", "--registry-dir", installFixtures + "/mirror"]),
        .usage("npm verify", ["npm", "verify", "--registry", "https://registry.npmjs.org", "--registry-dir", installFixtures + "/mirror"]),
        .unreadable("npm verify", ["npm", "verify", "bad.json", "--registry-dir", installFixtures + "/mirror"]),
        .failure("npm verify", ["npm", "verify", installFixtures + "/npm-lock-unsigned.json", "--registry-dir", installFixtures + "/mirror"]),

        .ok("npm ci", ["npm", "ci", "--project", "npm-empty", "--registry-dir", installFixtures + "/mirror"]),
        .usage("npm ci", ["npm", "ci", "--bogus"]),
        .unreadable("npm ci", ["npm", "ci", "--project", "missing-project", "--registry-dir", installFixtures + "/mirror"]),
        .failure("npm ci", ["npm", "ci", "--project", "npm-denied", "--registry-dir", installFixtures + "/mirror"]),

        .ok("pip verify", ["pip", "verify", "empty-requirements.txt"]),
        .usage("pip verify", ["pip", "verify"]),
        .unreadable("pip verify", ["pip", "verify", "missing-requirements.txt"]),
        .failure("pip verify", ["pip", "verify", "unpinned-requirements.txt"]),

        .ok("pip install", ["pip", "install", "--python", "python3", "-r", "empty-requirements.txt"]),
        .usage("pip install", ["pip", "install"]),
        .environment("pip install", ["pip", "install", "--python", "python3", "--", "--no-index", "tollgate-no-such-package"]),

        .ok("tuf-client", ["tuf-client", "--metadata-dir", "{new}/md", "init", tufRepository + "/initial_root.json"], json: nil),
        .failure("tuf-client", ["tuf-client", "--bogus"]),
        .failure("tuf-client", ["tuf-client", "--metadata-dir", "{new}/md", "refresh"]),
    ]
}
