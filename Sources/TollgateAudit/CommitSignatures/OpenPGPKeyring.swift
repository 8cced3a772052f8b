import Foundation

/// OpenPGP public keys a policy names (`tollgate audit --openpgp-keys FILE`), and the verification of Git's
/// OpenPGP signatures against them. Tollgate implements no OpenPGP: GnuPG does, as `git verify-commit`
/// runs it, but in a **temporary, isolated GNUPGHOME** that holds only these keys (never the user's keyring,
/// agent or trust database), read through `--status-fd` (GnuPG's DETAILS: `GOODSIG`, `VALIDSIG`, `BADSIG`,
/// `ERRSIG`, `EXPKEYSIG`, `REVKEYSIG`…), not its human messages. `--trust-model always`: a key is trusted
/// because the policy names it, not because of a web of trust.
public struct OpenPGPKeyring: Sendable {
    /// The armored or binary public keys, as read from the file.
    public let keys: [UInt8]
    /// Where the keys came from, for messages.
    public let source: String

    /// Status keywords that make a signature not count, with what they mean.
    static let refusals: [(String, String)] = [
        ("BADSIG", "the OpenPGP signature does not verify"),
        ("EXPSIG", "the OpenPGP signature has expired"),
        ("EXPKEYSIG", "the OpenPGP signature is by an expired key"),
        ("REVKEYSIG", "the OpenPGP signature is by a revoked key"),
        ("NO_PUBKEY", "the OpenPGP signature is by a key not in"),
        ("ERRSIG", "the OpenPGP signature cannot be checked"),
        ("PLAINTEXT", "the OpenPGP signature carries its own signed data (not a detached signature)"),
    ]

    public init(keys: [UInt8], source: String) {
        self.keys = keys
        self.source = source
    }

    /// Checks that the file holds OpenPGP public keys GnuPG imports, and returns their fingerprints
    /// (`audit.invalid-keys` when none), so a bad key file fails the audit before any signature needs it.
    public func fingerprints() throws(AuditError) -> [String] {
        let home = try Home(keys: keys)
        defer { home.remove() }
        return try home.importKeys(source: source)
    }

    /// Verifies a detached signature over `payload`. Throws when GnuPG cannot run, or the key file holds no
    /// key it imports (`audit.invalid-keys`).
    public func verify(signature: [UInt8], over payload: [UInt8]) throws(AuditError) -> SignedGitObject.Verdict {
        guard String(decoding: signature, as: UTF8.self).contains("-----BEGIN PGP SIGNATURE-----") else {
            return .invalid(reason: "not a detached OpenPGP signature")
        }
        let home = try Home(keys: keys)
        defer { home.remove() }
        _ = try home.importKeys(source: source)
        let signatureFile = try home.write(signature, as: "signature.asc")
        let payloadFile = try home.write(payload, as: "payload")
        let result = try ToolRun.run(home.gpg + ["--trust-model", "always", "--verify", signatureFile, payloadFile],
                                     environment: home.environment, limit: 1 << 20)
        let status = Self.status(result.output)
        for (keyword, reason) in Self.refusals {
            guard let line = status.first(where: { $0.first == keyword }) else { continue }
            let key = line.count > 1 ? " \(line[1])" : ""
            return .invalid(reason: keyword == "NO_PUBKEY" ? "\(reason) \(source) (key\(key))" : "\(reason) (key\(key))")
        }
        let good = status.filter { $0.first == "GOODSIG" }
        let valid = status.filter { $0.first == "VALIDSIG" }
        guard result.status == 0, !good.isEmpty, good.count == valid.count else {
            return .invalid(reason: "GnuPG did not report a good signature (exit \(result.status))")
        }
        // VALIDSIG's last field is the primary key's fingerprint; GOODSIG's rest is the user id.
        let signers = zip(valid, good).map { valid, good in
            "\(valid.last ?? "") \(good.dropFirst(2).joined(separator: " "))"
        }
        return .verified(method: .openPGP, signers: signers)
    }

    /// A temporary GNUPGHOME (mode 0700) holding the key file, removed after use.
    private struct Home {
        let url: URL
        let environment: [String: String]
        let gpg: [String]

        init(keys: [UInt8]) throws(AuditError) {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-gnupg-\(UUID().uuidString)")
            // Only these variables: no GPG_AGENT_INFO, no user GNUPGHOME, no locale-translated output.
            environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "GNUPGHOME": url.path,
                           "HOME": url.path, "LC_ALL": "C"]
            gpg = ["gpg", "--batch", "--no-tty", "--no-autostart", "--no-options", "--homedir", url.path, "--status-fd", "1"]
            do {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            } catch {
                throw AuditError(.verifierUnavailable, "a temporary GnuPG home cannot be made: \(error.localizedDescription)")
            }
            _ = try write(keys, as: "keys")
        }

        func write(_ bytes: [UInt8], as name: String) throws(AuditError) -> String {
            let file = url.appendingPathComponent(name)
            do {
                try Data(bytes).write(to: file)
            } catch {
                throw AuditError(.verifierUnavailable, "\(file.path) cannot be written: \(error.localizedDescription)")
            }
            return file.path
        }

        /// Imports the key file; the fingerprints imported.
        func importKeys(source: String) throws(AuditError) -> [String] {
            let imported = try ToolRun.run(gpg + ["--import", url.appendingPathComponent("keys").path], environment: environment, limit: 1 << 20)
            let fingerprints = OpenPGPKeyring.status(imported.output).filter { $0.first == "IMPORT_OK" && $0.count > 2 }.map { $0[2] }
            guard !fingerprints.isEmpty else { throw AuditError(.invalidKeys, "\(source): no OpenPGP public key GnuPG can import") }
            return fingerprints
        }

        func remove() { try? FileManager.default.removeItem(at: url) }
    }

    /// The `[GNUPG:] KEYWORD ARGS…` lines, each split on spaces.
    static func status(_ output: [UInt8]) -> [[String]] {
        String(decoding: output, as: UTF8.self).split(separator: "\n").compactMap { line in
            guard line.hasPrefix("[GNUPG:] ") else { return nil }
            return line.dropFirst("[GNUPG:] ".count).split(separator: " ").map(String.init)
        }
    }
}
