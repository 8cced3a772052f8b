/// A Git commit object and its signature (the `gpgsig` header), checked against an allowed-signers file.
/// The signed payload is the object without the `gpgsig` header and its continuation lines (Git's
/// `parse_signed_commit`). SSH signatures are verified here; OpenPGP and X.509 (gitsign) signatures are
/// reported as such, not verified.
public struct SignedCommit: Sendable {
    public enum Verdict: Sendable, Equatable {
        /// A valid SSH signature by an allowed signer (its principals).
        case verified(principals: [String])
        case unsigned
        /// Signed, but not with an SSH signature Tollgate verifies (OpenPGP, gitsign's X.509/CMS).
        case unsupported(kind: String)
        /// An SSH signature that does not verify, or whose key is not an allowed signer.
        case invalid(reason: String)
    }

    public let payload: [UInt8]
    public let signature: String?

    /// Splits a commit object (`git cat-file commit SHA`).
    public init(object: [UInt8]) {
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
        payload = Array(kept.joined(separator: "\n").utf8)
        self.signature = signature.isEmpty ? nil : signature.joined(separator: "\n")
    }

    /// The finding for a commit whose signature is not verified by an allowed signer (nil when it is).
    public static func finding(_ verdict: Verdict, commit: String, allowedSigners file: String) -> AuditFinding? {
        let fix = "sign release commits and tags with an SSH key listed in \(file) (git config gpg.format ssh; commit -S / tag -s)"
        switch verdict {
        case .verified:
            return nil
        case .unsigned:
            return AuditFinding(rule: .commitUnsigned, severity: .high, file: file, line: 1, column: 1,
                                message: "commit \(commit) is not signed", fix: fix)
        case .unsupported(let kind):
            return AuditFinding(rule: .commitUnsigned, severity: .medium, file: file, line: 1, column: 1,
                                message: "commit \(commit) carries a \(kind) signature, which Tollgate does not verify against \(file)", fix: fix)
        case .invalid(let reason):
            return AuditFinding(rule: .commitSignatureInvalid, severity: .critical, file: file, line: 1, column: 1,
                                message: "commit \(commit): \(reason)", fix: fix)
        }
    }

    public func verify(allowedSigners: AllowedSigners) -> Verdict {
        guard let signature else { return .unsigned }
        if signature.contains("BEGIN PGP SIGNATURE") { return .unsupported(kind: "OpenPGP") }
        if signature.contains("BEGIN SIGNED MESSAGE") { return .unsupported(kind: "X.509 (gitsign or S/MIME)") }
        guard let ssh = SSHSignature(armored: signature) else { return .invalid(reason: "the SSH signature does not parse") }
        guard let entry = allowedSigners.entry(for: ssh.publicKey, namespace: "git") else {
            return .invalid(reason: "signed by a \(ssh.publicKey.type) key that is not in the allowed signers for namespace git")
        }
        guard ssh.verifies(payload, namespace: "git") else { return .invalid(reason: "the SSH signature does not verify over the commit") }
        return .verified(principals: entry.principals)
    }
}
