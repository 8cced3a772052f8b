/// A VEX status, in OpenVEX's vocabulary (CycloneDX `analysis.state` values map onto it).
///
/// OpenVEX: https://github.com/openvex/spec/blob/main/OPENVEX-SPEC.md#status-labels;
/// CycloneDX: https://cyclonedx.org/docs/1.6/json/#vulnerabilities_items_analysis_state.
public enum VEXStatus: String, Sendable, Codable, Hashable {
    case notAffected = "not_affected"
    case affected
    case fixed
    case underInvestigation = "under_investigation"

    /// Maps a CycloneDX `analysis.state`.
    init?(cycloneDXState: String) {
        switch cycloneDXState {
        case "not_affected", "false_positive": self = .notAffected
        case "exploitable": self = .affected
        case "resolved", "resolved_with_pedigree": self = .fixed
        case "in_triage": self = .underInvestigation
        default: return nil
        }
    }
}
