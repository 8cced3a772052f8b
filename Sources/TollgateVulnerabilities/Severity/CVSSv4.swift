import Foundation

/// CVSS v4.0 score from a vector string (base metrics, plus threat and environmental when present).
///
/// Spec: https://www.first.org/cvss/v4-0/specification-document §8 (MacroVectors and interpolation):
/// the vector's six equivalence classes (EQ1…EQ6) select a MacroVector whose score comes from
/// `CVSSv4MacroVectorTable`; the score is then lowered by the mean, over the EQs that have a lower
/// MacroVector, of (score difference to that MacroVector) × (the vector's severity distance from the
/// MacroVector's highest vector ÷ the MacroVector's depth), and rounded to one decimal.
public struct CVSSv4: Sendable, Hashable {
    public let vector: String
    public let baseScore: Double
    /// The six EQ levels, e.g. `"000100"`.
    public let macroVector: String

    static let required = ["AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA"]
    static let allowed: [String: Set<String>] = [
        "AV": ["N", "A", "L", "P"], "AC": ["L", "H"], "AT": ["N", "P"], "PR": ["N", "L", "H"], "UI": ["N", "P", "A"],
        "VC": ["H", "L", "N"], "VI": ["H", "L", "N"], "VA": ["H", "L", "N"],
        "SC": ["H", "L", "N"], "SI": ["H", "L", "N"], "SA": ["H", "L", "N"],
    ]

    /// Severity distance levels per metric (in units of 0.1), lower is more severe.
    static let levels: [String: [String: Double]] = [
        "AV": ["N": 0, "A": 1, "L": 2, "P": 3], "PR": ["N": 0, "L": 1, "H": 2], "UI": ["N": 0, "P": 1, "A": 2],
        "AC": ["L": 0, "H": 1], "AT": ["N": 0, "P": 1],
        "VC": ["H": 0, "L": 1, "N": 2], "VI": ["H": 0, "L": 1, "N": 2], "VA": ["H": 0, "L": 1, "N": 2],
        "SC": ["H": 1, "L": 2, "N": 3], "SI": ["S": 0, "H": 1, "L": 2, "N": 3], "SA": ["S": 0, "H": 1, "L": 2, "N": 3],
        "CR": ["H": 0, "M": 1, "L": 2], "IR": ["H": 0, "M": 1, "L": 2], "AR": ["H": 0, "M": 1, "L": 2],
    ]

    public init(vector: String) throws(VulnerabilityError) {
        self.vector = vector
        let parts = vector.split(separator: "/").map(String.init)
        guard parts.first == "CVSS:4.0" else {
            throw VulnerabilityError(.invalidCVSS, "expected a vector starting 'CVSS:4.0/', found '\(vector.prefix(40))'")
        }
        var metrics: [String: String] = [:]
        for part in parts.dropFirst() {
            let kv = part.split(separator: ":", maxSplits: 1).map(String.init)
            guard kv.count == 2, metrics[kv[0]] == nil else {
                throw VulnerabilityError(.invalidCVSS, "malformed or repeated metric '\(part)' in '\(vector)'")
            }
            metrics[kv[0]] = kv[1]
        }
        for name in Self.required {
            guard let value = metrics[name], Self.allowed[name]?.contains(value) == true else {
                throw VulnerabilityError(.invalidCVSS, "base metric '\(name)' is missing or invalid in '\(vector)'")
            }
        }
        // Effective values: an environmental M* metric overrides its base metric; E, CR, IR, AR default to
        // their worst case (§8.1 "Not Defined (X)").
        func m(_ name: String) -> String {
            switch name {
            case "E": return (metrics["E"].flatMap { $0 == "X" ? nil : $0 }) ?? "A"
            case "CR", "IR", "AR": return (metrics[name].flatMap { $0 == "X" ? nil : $0 }) ?? "H"
            default:
                if let modified = metrics["M" + name], modified != "X" { return modified }
                return metrics[name] ?? "X"
            }
        }

        let eq1: Int = if m("AV") == "N" && m("PR") == "N" && m("UI") == "N" { 0 }
            else if (m("AV") == "N" || m("PR") == "N" || m("UI") == "N") && m("AV") != "P" { 1 }
            else { 2 }
        let eq2 = m("AC") == "L" && m("AT") == "N" ? 0 : 1
        let eq3: Int = if m("VC") == "H" && m("VI") == "H" { 0 }
            else if m("VC") == "H" || m("VI") == "H" || m("VA") == "H" { 1 }
            else { 2 }
        let eq4: Int = if m("MSI") == "S" || m("MSA") == "S" { 0 }
            else if m("SC") == "H" || m("SI") == "H" || m("SA") == "H" { 1 }
            else { 2 }
        let eq5: Int = switch m("E") { case "P": 1; case "U": 2; default: 0 }
        let eq6 = (m("CR") == "H" && m("VC") == "H") || (m("IR") == "H" && m("VI") == "H") || (m("AR") == "H" && m("VA") == "H") ? 0 : 1
        let macro = [eq1, eq2, eq3, eq4, eq5, eq6]
        macroVector = macro.map(String.init).joined()

        if ["VC", "VI", "VA", "SC", "SI", "SA"].allSatisfy({ m($0) == "N" }) {
            baseScore = 0
            return
        }
        let table = CVSSv4MacroVectorTable.self
        func score(_ levels: [Int]) -> Double? { table.scores[levels.map(String.init).joined()] }
        guard let value = score(macro) else {
            throw VulnerabilityError(.invalidCVSS, "no MacroVector \(macroVector) for '\(vector)'")
        }
        func lower(_ index: Int) -> Double? {
            var next = macro
            next[index] += 1
            return score(next)
        }
        let lowerEQ3EQ6: Double?
        switch (eq3, eq6) {
        case (0, 0):
            // Two paths down (00 → 01 and 00 → 10): the higher score is the next lower MacroVector.
            let left = lower(5)
            let right = lower(2)
            lowerEQ3EQ6 = [left, right].compactMap { $0 }.max()
        case (1, 0): lowerEQ3EQ6 = lower(5)
        case (0, 1), (1, 1): lowerEQ3EQ6 = lower(2)
        default:
            var next = macro
            next[2] += 1
            next[5] += 1
            lowerEQ3EQ6 = score(next)
        }

        // The first highest-severity vector of this MacroVector that the vector does not exceed.
        var candidates: [[String: String]] = []
        let eq36 = table.eq3eq6Maxes[eq3]?[eq6] ?? []
        for a in table.eq1Maxes[eq1] ?? [] {
            for b in table.eq2Maxes[eq2] ?? [] {
                for c in eq36 {
                    for d in table.eq4Maxes[eq4] ?? [] {
                        for e in table.eq5Maxes[eq5] ?? [] {
                            var parsed: [String: String] = [:]
                            for pair in [a, b, c, d, e].joined(separator: "/").split(separator: "/") {
                                let kv = pair.split(separator: ":").map(String.init)
                                parsed[kv[0]] = kv[1]
                            }
                            candidates.append(parsed)
                        }
                    }
                }
            }
        }
        let names = ["AV", "PR", "UI", "AC", "AT", "VC", "VI", "VA", "SC", "SI", "SA", "CR", "IR", "AR"]
        var distance: [String: Double] = [:]
        for candidate in candidates {
            var d: [String: Double] = [:]
            for name in names {
                let mine = Self.levels[name]?[m(name)] ?? 0
                let theirs = Self.levels[name]?[candidate[name] ?? ""] ?? 0
                d[name] = mine - theirs
            }
            distance = d
            if d.values.allSatisfy({ $0 >= 0 }) { break }
        }
        func sum(_ keys: [String]) -> Double { keys.reduce(0) { $0 + (distance[$1] ?? 0) } }
        let step = 0.1
        let current: [(Double, Double?, Double)] = [
            (sum(["AV", "PR", "UI"]) * step, lower(0), (table.eq1Depth[eq1] ?? 1) * step),
            (sum(["AC", "AT"]) * step, lower(1), (table.eq2Depth[eq2] ?? 1) * step),
            (sum(["VC", "VI", "VA", "CR", "IR", "AR"]) * step, lowerEQ3EQ6, (table.eq3eq6Depth[eq3]?[eq6] ?? 1) * step),
            (sum(["SC", "SI", "SA"]) * step, lower(3), (table.eq4Depth[eq4] ?? 1) * step),
            (0, lower(4), 1),  // EQ5's proportion is always 0
        ]
        var total = 0.0
        var existing = 0
        for (severityDistance, lowerScore, depth) in current {
            guard let lowerScore else { continue }
            existing += 1
            total += (value - lowerScore) * (severityDistance / depth)
        }
        var result = value - (existing == 0 ? 0 : total / Double(existing))
        result = min(10, max(0, result))
        baseScore = (result * 10).rounded(.toNearestOrAwayFromZero) / 10
    }
}
