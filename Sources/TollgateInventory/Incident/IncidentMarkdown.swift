import Foundation
import TollgateModel

/// Renders an `IncidentAnswer` as Markdown (`tollgate incident --format markdown`) and as the
/// shorter text report (the default format): the same answer, for a person.
public enum IncidentMarkdown {
    public static func render(_ answer: IncidentAnswer) -> String {
        var out: [String] = []
        out.append("# Incident: \(answer.query.description)")
        out.append("")
        out.append("**\(answer.status.rawValue)**: \(answer.summary)")
        out.append("")
        out.append("> Data: \(answer.completeness.statement)")
        out.append("")

        out.append("## 1. Affected component")
        out.append("")
        out.append(answer.affectedComponent.statement)
        if let advisory = answer.affectedComponent.advisory {
            out.append("")
            out.append("Advisory **\(advisory.id)** (\(advisory.severity))\(advisory.summary.map { ": \(escape($0))" } ?? "")"
                       + (advisory.aliases.isEmpty ? "" : "; aliases \(advisory.aliases.joined(separator: ", "))"))
        }
        if !answer.affectedComponent.packages.isEmpty {
            out += ["", "| package | affected versions | other recorded versions | fixed in |", "|---|---|---|---|"]
            for package in answer.affectedComponent.packages {
                out.append("| `\(package.package)` | \(list(package.affectedVersions)) | \(list(package.otherVersions)) | \(list(package.fixedVersions)) |")
            }
        }
        out.append("")

        out.append("## 2. Artifact search")
        out.append("")
        out.append(answer.artifactSearch.statement)
        if !answer.artifactSearch.artifacts.isEmpty {
            out += ["", "| artifact | digest | why | first seen |", "|---|---|---|---|"]
            for artifact in answer.artifactSearch.artifacts {
                let name = artifact.name ?? artifact.purl ?? "—"
                out.append("| \(escape(name)) | `\(short(artifact.digest))` | \(escape(artifact.reason)) | \(artifact.firstSeen.map(InstantText.format) ?? "—") |")
            }
        }
        out.append("")

        out.append("## 3. Runtime search")
        out.append("")
        out.append(answer.runtimeSearch.statement)
        let deployments = answer.runtimeSearch.deployments + answer.runtimeSearch.unresolved
        if !deployments.isEmpty {
            out += ["", "| environment | cluster | namespace | service | digest | first seen | last seen | running |", "|---|---|---|---|---|---|---|---|"]
            for deployment in deployments {
                out.append("| \(escape(deployment.environment)) | \(escape(deployment.cluster ?? "—")) | \(escape(deployment.namespace ?? "—")) | \(escape(deployment.service ?? "—")) | \(deployment.digest.map { "`\(short($0))`" } ?? "unknown (\(escape(deployment.image ?? "no reference")))") | \(InstantText.format(deployment.firstSeen)) | \(InstantText.format(deployment.lastSeen)) | \(deployment.running ? "yes" : "no") |")
            }
        }
        out.append("")

        out.append("## 4. Provenance check")
        out.append("")
        out.append(answer.provenanceCheck.statement)
        if !answer.provenanceCheck.artifacts.isEmpty {
            out += ["", "| artifact | verdict | builder | workflow | repository | decision | why |", "|---|---|---|---|---|---|---|"]
            for artifact in answer.provenanceCheck.artifacts {
                out.append("| \(escape(artifact.name ?? short(artifact.digest))) | \(artifact.verdict.rawValue) | \(escape(artifact.builder ?? "—")) | \(escape(artifact.workflow ?? "—")) | \(escape(artifact.repository ?? "—")) | \(artifact.decision ?? "none") | \(escape((artifact.reasons + artifact.selfAsserted).joined(separator: "; "))) |")
            }
        }
        if !answer.provenanceCheck.outsidePipeline.isEmpty {
            out += ["", "**Outside the expected pipeline:**", ""]
            for item in answer.provenanceCheck.outsidePipeline {
                out.append("- \(escape(item.slot)) runs `\(short(item.digest))`: \(escape(item.reasons.joined(separator: "; ")))")
            }
        }
        out.append("")

        out.append("## 5. Containment")
        out.append("")
        out.append(answer.containment.statement)
        if !answer.containment.blockDigests.isEmpty {
            out += ["", "Block:", ""]
            for item in answer.containment.blockDigests { out.append("- `\(item.digest)` \(escape(item.name ?? ""))") }
        }
        if !answer.containment.freezeTags.isEmpty {
            out += ["", "Freeze tags:", ""]
            for tag in answer.containment.freezeTags {
                out.append("- `\(tag.repository):\(tag.tag)` → `\(short(tag.current))`\(tag.moved ? " (moved)" : ""): \(escape(tag.reason))")
            }
        }
        if !answer.containment.rotateCredentials.isEmpty {
            out += ["", "Rotate credentials:", ""]
            for credential in answer.containment.rotateCredentials {
                out.append("- \(credential.kind) `\(credential.value)` (\(Counted.noun(credential.artifacts.count, "artifact"))): \(escape(credential.reason))")
            }
        }
        out.append("")

        out.append("## 6. Recovery")
        out.append("")
        out.append(answer.recovery.statement)
        if !answer.recovery.steps.isEmpty {
            out.append("")
            for step in answer.recovery.steps {
                let subject = step.environment.map { "\($0): \(step.targets.joined(separator: ", "))" }
                    ?? "\(step.name ?? "artifact") `\(step.digest.map(short) ?? "")`"
                let after = step.after.isEmpty ? "" : " (after \(step.after.map { "#\($0)" }.joined(separator: ", ")))"
                out.append("\(step.order). **\(step.action.rawValue)** \(escape(subject))\(after): \(escape(step.reason))")
            }
        }
        out.append("")
        return out.joined(separator: "\n")
    }

    /// The text report: the summary and one line per part, then the items that need action.
    public static func text(_ answer: IncidentAnswer) -> [String] {
        var lines = ["incident \(answer.query.description): \(answer.status.rawValue)", answer.summary, ""]
        lines.append("affected component: \(answer.affectedComponent.statement)")
        lines.append("artifact search:    \(answer.artifactSearch.statement)")
        for artifact in answer.artifactSearch.artifacts {
            lines.append("  \(artifact.digest) \(artifact.name ?? artifact.purl ?? ""): \(artifact.reason)")
        }
        lines.append("runtime search:     \(answer.runtimeSearch.statement)")
        for deployment in answer.runtimeSearch.deployments + answer.runtimeSearch.unresolved {
            lines.append("  \(deployment.slot) \(deployment.digest?.description ?? "digest unknown (\(deployment.image ?? "no reference"))") \(deployment.running ? "running" : "stopped") (\(InstantText.format(deployment.firstSeen)) … \(InstantText.format(deployment.lastSeen)))")
        }
        lines.append("provenance check:   \(answer.provenanceCheck.statement)")
        for item in answer.provenanceCheck.outsidePipeline {
            lines.append("  outside the pipeline: \(item.slot) \(item.digest): \(item.reasons.joined(separator: "; "))")
        }
        lines.append("containment:        \(answer.containment.statement)")
        for tag in answer.containment.freezeTags { lines.append("  freeze \(tag.repository):\(tag.tag)\(tag.moved ? " (moved)" : "")") }
        for credential in answer.containment.rotateCredentials { lines.append("  rotate \(credential.kind) \(credential.value)") }
        lines.append("recovery:           \(answer.recovery.statement)")
        for step in answer.recovery.steps {
            let subject = step.environment.map { "\($0): \(step.targets.joined(separator: ", "))" } ?? (step.digest?.description ?? "")
            lines.append("  \(step.order). \(step.action.rawValue) \(subject)")
        }
        lines.append("completeness:       \(answer.completeness.statement)")
        return lines
    }

    private static func list(_ values: [String]) -> String {
        values.isEmpty ? "—" : values.map { "`\($0)`" }.joined(separator: ", ")
    }

    private static func short(_ digest: Digest) -> String {
        "\(digest.algorithm.rawValue):\(digest.hex.prefix(12))"
    }

    /// Keeps table cells one cell: pipes and newlines escaped.
    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
