import TollgateModel

/// A `${{ … }}` expression inside a script, and the contexts it reads
/// (https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/accessing-contextual-information-about-workflow-runs).
/// GitHub substitutes the value into the script text before the shell runs, so a value an outsider
/// chooses (a PR title, a branch name) becomes shell code: GitHub's own hardening guide
/// (https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections).
struct TemplateExpression: Sendable, Equatable {
    /// The whole `${{ … }}` text as written.
    let text: String
    /// The context references inside it (`github.event.issue.title`, `inputs.name`, …).
    let references: [String]

    /// Every expression in `script`, in order.
    static func all(in script: String) -> [TemplateExpression] {
        var found: [TemplateExpression] = []
        var rest = script[...]
        while let open = rest.range(of: "${{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            let text = String(rest[open.lowerBound..<close.upperBound])
            let body = String(rest[open.upperBound..<close.lowerBound])
            found.append(TemplateExpression(text: text, references: references(in: body)))
            rest = rest[close.upperBound...]
        }
        return found
    }

    /// Dotted context paths in an expression body, with `[...]` indexes folded to `*`, outside string literals.
    static func references(in body: String) -> [String] {
        var result: [String] = []
        var current = ""
        var inString = false
        var bracketDepth = 0
        func flush() {
            if current.contains("."), let first = current.first, first.isLetter { result.append(current) }
            current = ""
        }
        for c in body {
            if inString {
                if c == "'" { inString = false }
                continue
            }
            if bracketDepth > 0 {
                if c == "]" { bracketDepth -= 1; if bracketDepth == 0 { current += ".*" } }
                continue
            }
            switch c {
            case "'": flush(); inString = true
            case "[": bracketDepth = 1
            case _ where c.isLetter || c.isNumber || c == "_" || c == "-" || c == "." || c == "*": current.append(c)
            default: flush()
            }
        }
        flush()
        return result
    }

    /// How much an outsider controls a context reference, as a finding severity; nil when it is safe
    /// (numbers, SHAs, ids, and contexts the repository itself sets).
    static func risk(of reference: String) -> Severity? {
        let parts = reference.split(separator: ".").map(String.init)
        guard let root = parts.first else { return nil }
        switch root {
        case "github":
            if reference == "github.head_ref" { return .high }
            guard parts.count > 2, parts[1] == "event" else { return nil }
            let last = parts.last ?? ""
            if safeFields.contains(last) || parts.contains("base") || parts[2] == "repository" { return nil }
            if attackerFields.contains(last) || parts.contains("head_commit") || parts.contains("commits") { return .high }
            return .medium
        case "secrets":
            // Not an outsider's value, but written into the script text: the script file on the runner and the
            // command line of what it runs (process listings) hold it, and its shell metacharacters become code.
            return .low
        case "inputs", "steps", "needs", "env", "matrix", "vars":
            // Values a maintainer sets, or that earlier steps computed from who knows what: worth a look, not a gate.
            return root == "vars" ? nil : .low
        default:
            return nil
        }
    }

    /// Event fields whose values are numbers, hashes, ids, timestamps or booleans.
    static let safeFields: Set<String> = [
        "number", "id", "node_id", "sha", "head_sha", "before", "after", "created_at", "updated_at", "closed_at",
        "merged_at", "draft", "merged", "fork", "private", "size", "run_id", "run_number", "run_attempt", "workflow_id",
        "check_suite_id", "action", "forced", "deleted", "created", "state", "additions", "deletions", "changed_files",
        "commits_count", "conclusion", "status", "event", "author_association", "locked", "comments",
    ]

    /// Event fields an outsider writes: titles, bodies, branch names, labels, commit messages and authors.
    static let attackerFields: Set<String> = [
        "title", "body", "head_ref", "ref", "label", "message", "name", "email", "head_branch", "page_name",
        "default_branch", "description", "login", "text",
    ]
}
