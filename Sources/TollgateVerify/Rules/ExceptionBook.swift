import Foundation
import TollgatePolicy

/// The policy's exceptions that concern this artifact, split at `now` into active and expired.
///
/// "An expired exception has no effect, and the decision names it": lookups return the active
/// exception that covers an item, plus every expired one that would have covered it. Match
/// keys are normalised once here, so per-item lookups (thousands per decision) do no setup.
struct ExceptionBook: Sendable {
    private struct Entry: Sendable {
        let exception: PolicyException
        let active: Bool
        /// Rules covered when `match.rules` is empty (by scope).
        let coversVulnerabilities: Bool
        let coversLicenses: Bool
        /// `match.component` without qualifiers, lowercased, and whether it names a version.
        let component: String?
        let componentHasVersion: Bool
    }

    private let entries: [Entry]
    let now: Date

    /// `verifiedNames` are the names the artifact is known by from verified evidence: the subject
    /// names of its trusted provenance. An artifact-scoped exception matches the artifact's digest
    /// or one of those names (or, for a purl, the same package); never a file name or a `--purl` flag.
    init(exceptions: [PolicyException], artifact: ArtifactSubject, verifiedNames: [String], now: Date) {
        let digest = artifact.digest.description
        self.now = now
        entries = exceptions.compactMap { exception in
            if let wanted = exception.match.artifact {
                let byName = verifiedNames.contains { name in
                    name == wanted || (name.hasPrefix("pkg:") && ExceptionMatch(component: wanted).matches(component: name))
                }
                guard wanted.caseInsensitiveCompare(digest) == .orderedSame || byName else { return nil }
            }
            let component = exception.match.component.map(ExceptionBook.normalise)
            return Entry(exception: exception, active: exception.isActive(at: now),
                         coversVulnerabilities: exception.scope != .artifact,
                         coversLicenses: exception.scope == .component,
                         component: component, componentHasVersion: component?.contains("@") ?? false)
        }
    }

    var isEmpty: Bool { entries.isEmpty }

    struct Lookup {
        var active: PolicyException?
        var expired: [PolicyException] = []
    }

    /// Exceptions for a whole-artifact rule: artifact-scoped exceptions that list the rule.
    func forArtifact(rule: RuleID) -> Lookup {
        var lookup = Lookup()
        for entry in entries where entry.exception.match.advisory == nil && entry.exception.match.component == nil
            && entry.exception.match.rules.contains(rule) {
            record(entry, into: &lookup)
        }
        return lookup
    }

    /// Exceptions for one failing item of a per-item rule (a vulnerability or a component's license).
    func forItem(rule: RuleID, vulnerability: VulnerabilityEvidence?, purl: String?) -> Lookup {
        var lookup = Lookup()
        var normalisedPurl: String?
        for entry in entries {
            let match = entry.exception.match
            if match.rules.isEmpty {
                switch rule {
                case .vulnerabilitiesMaxSeverity, .vulnerabilitiesRemediation, .installVulnerabilities: guard entry.coversVulnerabilities else { continue }
                case .artifactLicenses: guard entry.coversLicenses else { continue }
                default: continue
                }
            } else if !match.rules.contains(rule) {
                continue
            }
            if let advisory = match.advisory {
                guard let vulnerability, vulnerability.isKnown(as: advisory) else { continue }
            }
            if let wanted = entry.component {
                guard let purl else { continue }
                if normalisedPurl == nil { normalisedPurl = Self.normalise(purl) }
                let candidate = normalisedPurl ?? ""
                let matches = candidate == wanted
                    || (!entry.componentHasVersion && candidate.hasPrefix(wanted) && candidate.utf8.count > wanted.utf8.count
                        && candidate.utf8[candidate.utf8.index(candidate.utf8.startIndex, offsetBy: wanted.utf8.count)] == UInt8(ascii: "@"))
                guard matches else { continue }
            }
            record(entry, into: &lookup)
        }
        return lookup
    }

    private func record(_ entry: Entry, into lookup: inout Lookup) {
        if entry.active {
            if lookup.active == nil { lookup.active = entry.exception }
        } else {
            lookup.expired.append(entry.exception)
        }
    }

    /// A purl without qualifiers or subpath, lowercased.
    static func normalise(_ purl: String) -> String {
        let bytes = purl.utf8
        let end = bytes.firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.endIndex
        let head = bytes[..<end]
        // ASCII (every purl in canonical form) byte by byte; anything else through String's lowercasing.
        guard head.allSatisfy({ $0 < 0x80 }) else { return String(purl[..<end]).lowercased() }
        return String(decoding: head.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
