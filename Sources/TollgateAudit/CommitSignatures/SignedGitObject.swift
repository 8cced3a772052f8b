/// A Git commit or annotated tag and its signature, split as Git splits them for `verify-commit` and
/// `verify-tag`, and checked against the signers the caller names: SSH keys (an allowed-signers file,
/// verified here), OpenPGP keys (`OpenPGPKeyring`, verified by GnuPG) and Sigstore identities (`GitsignVerifier`).
///
/// - A commit carries its signature in the `gpgsig` header; the signed payload is the object without that
///   header and its continuation lines (Git's `parse_signed_commit`).
/// - A tag carries it at the end of its message; the payload is everything before the last line that
///   begins a signature (Git's `parse_signed_buffer`).
public struct SignedGitObject: Sendable {
    public enum Kind: String, Sendable, Codable {
        case commit, tag
    }

    /// How a signature was made, for the verdict.
    public enum Method: String, Sendable, Codable {
        case ssh
        case openPGP = "openpgp"
        case gitsign
    }

    public enum Verdict: Sendable, Equatable {
        /// A valid signature by a named signer: its SSH principals, or its OpenPGP fingerprint and user id.
        case verified(method: Method, signers: [String])
        case unsigned
        /// Signed in a way no given signer list covers (OpenPGP without `--openpgp-keys`, SSH without
        /// `--allowed-signers`), or one Tollgate does not verify (gitsign's X.509/CMS): named, not verified.
        case unsupported(kind: String)
        /// A signature that does not verify, or is by a key not among the named signers.
        case invalid(reason: String)
    }

    public let kind: Kind
    public let payload: [UInt8]
    public let signature: String?

    /// The lines that begin a signature, as Git's `get_format_by_sig` knows them.
    static let signatureStarts = ["-----BEGIN PGP SIGNATURE-----", "-----BEGIN PGP MESSAGE-----",
                                  "-----BEGIN SSH SIGNATURE-----", "-----BEGIN SIGNED MESSAGE-----"]

    /// Splits a commit object (`git cat-file commit SHA`).
    public init(commit object: [UInt8]) {
        let text = String(decoding: object, as: UTF8.self)
        var kept: [Substring] = []
        var signature: [Substring] = []
        var inSignature = false
        var inHeaders = true
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if inHeaders && line.isEmpty { inHeaders = false; inSignature = false; kept.append(line); continue }
            if inHeaders && line.hasPrefix("gpgsig ") {
                inSignature = true
                signature.append(line.dropFirst("gpgsig ".count))
                continue
            }
            if inSignature && line.hasPrefix(" ") {
                signature.append(line.dropFirst())
                continue
            }
            inSignature = false
            kept.append(line)
        }
        kind = .commit
        target = nil
        payload = Array(kept.joined(separator: "\n").utf8)
        self.signature = signature.isEmpty ? nil : signature.joined(separator: "\n")
    }

    /// Splits an annotated tag object (`git cat-file tag NAME`).
    public init(tag object: [UInt8]) {
        kind = .tag
        let header = String(decoding: object.prefix(200), as: UTF8.self).split(separator: "\n").first ?? ""
        target = header.hasPrefix("object ") ? String(header.dropFirst("object ".count)).lowercased() : nil
        var start: Int?
        var offset = 0
        while offset < object.count {
            let end = object[offset...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? object.count
            if Self.signatureStarts.contains(where: { object[offset..<end].starts(with: $0.utf8) }) { start = offset }
            offset = end
        }
        guard let start else {
            payload = object
            signature = nil
            return
        }
        payload = Array(object[..<start])
        signature = String(decoding: object[start...], as: UTF8.self)
    }

    /// For a tag, the object it points at (its `object` header, or the commit of a lightweight tag).
    public let target: String?

    private init(kind: Kind, payload: [UInt8], signature: String?, target: String?) {
        self.kind = kind
        self.payload = payload
        self.signature = signature
        self.target = target
    }

    /// The object Git names `name` in the repository at `directory` (`git cat-file`): a commit, or a tag. A
    /// lightweight tag (a bare ref to a commit) cannot be signed: it reads as an unsigned tag.
    public static func read(_ kind: Kind, _ name: String, in directory: String) throws(AuditError) -> SignedGitObject {
        guard !name.hasPrefix("-"), !name.isEmpty else { throw AuditError(.unreadable, "'\(name)' is not a Git \(kind.rawValue) name") }
        let type = try git(["cat-file", "-t", name], in: directory)
        let found = String(decoding: type.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard type.status == 0 else { throw AuditError(.unreadable, "'\(directory)' has no \(kind.rawValue) '\(name)'") }
        if kind == .tag && found == "commit" {
            return SignedGitObject(kind: .tag, payload: [], signature: nil, target: try resolve(name, in: directory))
        }
        guard found == kind.rawValue else { throw AuditError(.unreadable, "'\(name)' in '\(directory)' is a \(found), not a \(kind.rawValue)") }
        let object = try git(["cat-file", kind.rawValue, name], in: directory)
        guard object.status == 0 else { throw AuditError(.unreadable, "'\(directory)': git cat-file \(kind.rawValue) \(name) failed") }
        return kind == .commit ? SignedGitObject(commit: object.output) : SignedGitObject(tag: object.output)
    }

    /// The full commit id `revision` names in the repository at `directory` (`git rev-parse`).
    public static func resolve(_ revision: String, in directory: String) throws(AuditError) -> String {
        guard !revision.hasPrefix("-"), !revision.isEmpty else { throw AuditError(.unreadable, "'\(revision)' is not a Git revision") }
        let result = try git(["rev-parse", "--verify", "--quiet", "\(revision)^{commit}"], in: directory)
        let text = String(decoding: result.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard result.status == 0, SourceAuditPredicate.isCommit(text) else {
            throw AuditError(.unreadable, "'\(directory)' is not a Git checkout with a commit '\(revision)'")
        }
        return text.lowercased()
    }

    private static func git(_ arguments: [String], in directory: String) throws(AuditError) -> ToolRun.Result {
        try ToolRun.run(["git", "-C", directory] + arguments, environment: nil, limit: 1 << 20)
    }

    /// Verifies the signature with the signers given: SSH signatures against `allowedSigners` (namespace `git`),
    /// OpenPGP ones with `openPGP`, gitsign ones with `gitsign`. Throws only when a check cannot run (GnuPG missing).
    public func verify(allowedSigners: AllowedSigners?, openPGP: OpenPGPKeyring? = nil,
                       gitsign: GitsignVerifier? = nil) async throws(AuditError) -> Verdict {
        guard let signature else { return .unsigned }
        if signature.contains("BEGIN PGP SIGNATURE") || signature.contains("BEGIN PGP MESSAGE") {
            guard let openPGP else { return .unsupported(kind: "OpenPGP") }
            return try openPGP.verify(signature: Array(signature.utf8), over: payload)
        }
        if signature.contains("BEGIN SIGNED MESSAGE") {
            guard let gitsign else { return .unsupported(kind: "X.509 (gitsign or S/MIME)") }
            return await gitsign.verify(signature: signature, over: payload)
        }
        guard let allowedSigners else { return .unsupported(kind: "SSH") }
        guard let ssh = SSHSignature(armored: signature) else { return .invalid(reason: "the SSH signature does not parse") }
        guard let entry = allowedSigners.entry(for: ssh.publicKey, namespace: "git") else {
            return .invalid(reason: "signed by a \(ssh.publicKey.type) key that is not in the allowed signers for namespace git")
        }
        guard ssh.verifies(payload, namespace: "git") else {
            return .invalid(reason: "the SSH signature does not verify over the \(kind.rawValue)")
        }
        return .verified(method: .ssh, signers: entry.principals)
    }

    /// The finding for an object whose signature is not verified by a named signer (nil when it is).
    /// - Parameters:
    ///   - name: the commit id or tag name, for the message.
    ///   - signers: the signer lists the verdict was reached with (file names), where the finding points.
    public static func finding(_ verdict: Verdict, kind: Kind, name: String, signers: [String]) -> AuditFinding? {
        let file = signers.first ?? "(no signers)"
        let fix = "sign release commits and tags with a key listed in \(signers.joined(separator: " or ")) "
            + "(git config gpg.format ssh or openpgp; commit -S, tag -s)"
        let (unsigned, invalid): (AuditRule, AuditRule) = kind == .commit
            ? (.commitUnsigned, .commitSignatureInvalid) : (.tagUnsigned, .tagSignatureInvalid)
        switch verdict {
        case .verified:
            return nil
        case .unsigned:
            return AuditFinding(rule: unsigned, severity: .high, file: file, line: 1, column: 1,
                                message: "\(kind.rawValue) \(name) is not signed", fix: fix)
        case .unsupported(let signature):
            return AuditFinding(rule: unsigned, severity: .medium, file: file, line: 1, column: 1,
                                message: "\(kind.rawValue) \(name) carries a\(signature.first.map { "aeiouAEIOU".contains($0) } == true ? "n" : "") \(signature) signature, which no given signer list verifies",
                                fix: fix)
        case .invalid(let reason):
            return AuditFinding(rule: invalid, severity: .critical, file: file, line: 1, column: 1,
                                message: "\(kind.rawValue) \(name): \(reason)", fix: fix)
        }
    }
}
