/// Reading the `--format json` decision of `tollgate pip install|verify` and `tollgate npm verify`.
enum InstallDecisionJSON {
    /// The finding of `rule` for the first package of the decision.
    static func rule(_ rule: String, in decision: [String: Any]) -> [String: Any]? {
        let packages = decision["packages"] as? [[String: Any]] ?? []
        let rules = (packages.first?["decision"] as? [String: Any])?["rules"] as? [[String: Any]] ?? []
        return rules.first { $0["rule"] as? String == rule }
    }
}
