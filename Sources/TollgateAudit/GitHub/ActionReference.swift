/// A `uses:` value of a step or job: a local path (`./…`), a Docker image (`docker://…`), or
/// `owner/repo[/path]@ref` (https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idstepsuses).
struct ActionReference: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case local
        case docker(image: String)
        case remote(name: String, ref: String?)
    }

    let raw: String
    let kind: Kind

    init(_ raw: String) {
        self.raw = raw
        if raw.hasPrefix("./") || raw.hasPrefix("../") {
            kind = .local
        } else if raw.hasPrefix("docker://") {
            kind = .docker(image: String(raw.dropFirst("docker://".count)))
        } else if let at = raw.lastIndex(of: "@") {
            kind = .remote(name: String(raw[..<at]), ref: String(raw[raw.index(after: at)...]))
        } else {
            kind = .remote(name: raw, ref: nil)
        }
    }

    /// `owner/repo[/path]` lowercased, for matching known actions; nil for local and Docker references.
    var name: String? {
        if case .remote(let name, _) = kind { return name.lowercased() }
        return nil
    }

    /// Whether this is `prefix` itself or a sub-action of it (`github/codeql-action/init` is under `github/codeql-action`).
    func isAction(_ prefix: String) -> Bool {
        guard let name else { return false }
        return name == prefix || name.hasPrefix(prefix + "/")
    }

    /// A full 40-hex-digit commit SHA (or a 64-digit SHA-256 object name): the only immutable Git ref.
    static func isCommitSHA(_ ref: String) -> Bool {
        (ref.count == 40 || ref.count == 64) && ref.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }
}
