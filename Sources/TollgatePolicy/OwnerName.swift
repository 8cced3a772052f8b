/// Who can own something, written as CODEOWNERS writes owners
/// (https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners):
/// `@user`, `@org/team`, or an email address. CODEOWNERS lines and the policy's
/// `remediation.defaultOwner` are checked by this one rule.
public enum OwnerName {
    /// Whether `text` is `@user`, `@org/team` or an email address.
    public static func isValid(_ text: String) -> Bool {
        if text.hasPrefix("@") {
            let name = text.dropFirst()
            let parts = name.split(separator: "/", omittingEmptySubsequences: false)
            return (parts.count == 1 || parts.count == 2) && parts.allSatisfy { part in
                !part.isEmpty && part.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
            }
        }
        let at = text.split(separator: "@", omittingEmptySubsequences: false)
        return at.count == 2 && !at[0].isEmpty && at[1].contains(".")
    }
}
