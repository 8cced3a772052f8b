/// Where `tollgate sign` and `tollgate attest` put what they push (cosign's
/// `--registry-referrers-mode`): cosign's tags, OCI 1.1 referrers, or both.
public enum ReferrersMode: String, Sendable, CaseIterable {
    /// cosign's tag scheme only (`sha256-<hex>.sig` / `.att`), what cosign reads by default.
    case legacy
    /// An OCI 1.1 artifact manifest with a `subject`, listed by the referrers API or, where the
    /// registry has none, in the referrers tag index (`sha256-<hex>`).
    case oci11 = "oci-1-1"
    /// Both.
    case both
}
