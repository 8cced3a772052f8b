/// What a namespace does with an image the policy denies.
public enum NamespaceMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// The request is denied (the default for every namespace).
    case enforce
    /// The request is admitted with a warning the client shows (`kubectl` prints it).
    case warn
    /// The request is admitted silently; the API server's audit log gets the verdict
    /// (`auditAnnotations`), and Tollgate's ledger the would-be denial.
    case audit
}
