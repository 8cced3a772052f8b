import Foundation
import TollgateModel

/// Reads a shell script for the ways CI jobs run code nobody pinned or verified: a remote script piped
/// into a shell, a tool downloaded and run without a checksum, and packages installed at whatever
/// version the registry serves that day. Used for GitHub `run:` steps and GitLab `script:` lines.
enum ShellScriptAudit {
    static let pipeToShell = ShellPattern(#"\b(curl|wget|iwr|irm|invoke-webrequest|invoke-restmethod)\b[^|;&]*\|\s*(sudo\s+(-\S+\s+)*)?(env\s+(\S+=\S+\s+)*)?((ba|z|da|k|fi)?sh|python[0-9.]*|perl|ruby|node|pwsh|powershell|iex)\b"#)
    static let shellOfDownload = ShellPattern(#"\b((ba|z|da)?sh|source|eval)\s+(-\w+\s+)*["']?(\$\(|<\(|`)\s*(curl|wget)\b"#)
    static let executesDownload = ShellPattern(#"chmod\s+(\S+\s+)*(\+?[ugoa]*\+?x|[0-7]{3,4})\b|\btar\s+(-?[a-z]*x|--extract)|\bunzip\b|\bdpkg\s+-i\b|\brpm\s+-[iu]|\binstall\s+(-\S+\s+)*-m|\bapt(-get)?\s+install\s+(-\S+\s+)*\./|\bsudo\s+mv\b.*\bbin\b"#)
    static let verification = ShellPattern(#"sha(1|224|256|384|512)sum|shasum|b2sum|\bgpgv?\b.*--verify|\bgpgv\b|cosign\s+verify|slsa-verifier|minisign|gh\s+attestation\s+verify|openssl\s+dgst|--checksum|sigstore\s+verify|get-filehash"#)

    static let pipeFix = "download the script to a file, check its SHA-256 against a pinned value (sha256sum -c), then run it; better, install a pinned release through a package manager"
    static let downloadFix = "check the download against a pinned SHA-256 (echo \"SHA256  FILE\" | sha256sum -c -) or a signature before extracting or running it"

    /// The problems in `script`.
    static func audit(_ script: String) -> [ShellIssue] {
        let physical = script.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // A download is "run" when anything in the script extracts or runs a file, the line after it included.
        let unverifiedRuns = !verification.matches(script) && executesDownload.matches(script)
        var issues: [ShellIssue] = []
        var index = 0
        while index < physical.count {
            let first = physical[index].drop { $0 == " " || $0 == "\t" }
            var logical = String(first)
            while logical.hasSuffix("\\"), index + 1 < physical.count {
                logical.removeLast()
                index += 1
                logical += " " + physical[index].trimmingCharacters(in: .whitespaces)
            }
            index += 1
            guard !logical.hasPrefix("#"), !logical.isEmpty else { continue }
            issues += check(logical: logical, firstLine: String(first), unverifiedRuns: unverifiedRuns)
        }
        return issues
    }

    private static func check(logical: String, firstLine: String, unverifiedRuns: Bool) -> [ShellIssue] {
        var issues: [ShellIssue] = []
        let firstLength = firstLine.unicodeScalars.count
        func issue(_ rule: AuditRule, _ severity: Severity, at offset: Int, _ message: String, fix: String) -> ShellIssue {
            ShellIssue(rule: rule, severity: severity, lineText: firstLine, offset: offset < firstLength ? offset : 0,
                       message: message, fix: fix)
        }
        if let offset = pipeToShell.firstOffset(in: logical) ?? shellOfDownload.firstOffset(in: logical) {
            issues.append(issue(.curlPipeShell, .high, at: offset,
                                "a script fetched over the network is run by a shell as it arrives: whoever controls that URL (or its CDN, or a DNS answer) runs code in this job",
                                fix: pipeFix))
        } else if unverifiedRuns, let offset = downloadToFileOffset(logical) {
            issues.append(issue(.unverifiedDownload, .medium, at: offset,
                                "a file is downloaded and then extracted or run with no checksum or signature check in the script",
                                fix: downloadFix))
        }
        for segment in commandSegments(logical) {
            if let problem = PackageInstallCheck.unpinned(in: segment.tokens) {
                issues.append(issue(.unpinnedPackageInstall, .medium, at: segment.offset, problem.message, fix: problem.fix))
            }
        }
        return issues
    }

    /// The offset of a `curl`/`wget` that writes to a file (not to a pipe), if the line has one.
    static func downloadToFileOffset(_ logical: String) -> Int? {
        for segment in commandSegments(logical) {
            guard let tool = segment.tokens.first(where: { $0 == "curl" || $0 == "wget" }) else { continue }
            let args = segment.tokens.drop { $0 != tool }.dropFirst()
            if tool == "curl" {
                let writesFile = args.contains { arg in
                    arg == "--output" || arg == "--remote-name" || arg == "--remote-name-all"
                        || (arg.hasPrefix("-") && !arg.hasPrefix("--") && (arg.contains("o") || arg.contains("O")))
                }
                if writesFile && !segment.pipedOut { return segment.offset }
            } else {
                let toStdout = zip(args, args.dropFirst().map(Optional.some) + [nil]).contains { arg, next in
                    arg == "-O-" || arg == "-qO-" || arg.hasSuffix("O-") || ((arg == "-O" || arg == "-qO") && next == "-")
                }
                if !toStdout && !segment.pipedOut { return segment.offset }
            }
        }
        return nil
    }

    /// One simple command of a line: its words (quotes removed) and where it starts.
    struct Segment {
        let tokens: [String]
        let offset: Int
        /// Its output goes into a pipe.
        let pipedOut: Bool
    }

    /// Splits a line at `&&`, `||`, `;` and `|` into simple commands, and each into words.
    static func commandSegments(_ line: String) -> [Segment] {
        var segments: [Segment] = []
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        var quote: Unicode.Scalar?
        var segmentStart: Int?
        let scalars = Array(line.unicodeScalars)
        func endToken() {
            if !current.isEmpty { tokens.append(String(current)) }
            current = String.UnicodeScalarView()
        }
        func endSegment(piped: Bool) {
            endToken()
            if !tokens.isEmpty { segments.append(Segment(tokens: tokens, offset: segmentStart ?? 0, pipedOut: piped)) }
            tokens = []
            segmentStart = nil
        }
        var i = 0
        scan: while i < scalars.count {
            let c = scalars[i]
            if let open = quote {
                if c == open { quote = nil } else { current.append(c) }
            } else {
                switch c {
                case "\"", "'":
                    quote = c
                    if segmentStart == nil { segmentStart = i }
                case "#" where current.isEmpty:
                    break scan
                case ";":
                    endSegment(piped: false)
                case "&", "|":
                    let doubled = i + 1 < scalars.count && scalars[i + 1] == c
                    endSegment(piped: c == "|" && !doubled)
                    if doubled { i += 1 }
                case " ", "\t":
                    endToken()
                default:
                    if segmentStart == nil { segmentStart = i }
                    current.append(c)
                }
            }
            i += 1
        }
        endSegment(piped: false)
        return segments
    }
}
