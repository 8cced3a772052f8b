import Foundation

/// CVSS v3.0 / v3.1 base score from a vector string.
///
/// Formulas and constants: https://www.first.org/cvss/v3.1/specification-document#7-1-Base-Metrics-Equations
/// (v3.0 differs only in `Roundup`, https://www.first.org/cvss/v3.0/specification-document#8-1-Base).
public struct CVSSv3: Sendable, Hashable {
    public let vector: String
    public let baseScore: Double

    /// Parses `CVSS:3.x/AV:_/AC:_/PR:_/UI:_/S:_/C:_/I:_/A:_` (temporal and environmental metrics are
    /// accepted and ignored for the base score).
    public init(vector: String) throws(VulnerabilityError) {
        self.vector = vector
        let parts = vector.split(separator: "/").map(String.init)
        guard let head = parts.first, head == "CVSS:3.0" || head == "CVSS:3.1" else {
            throw VulnerabilityError(.invalidCVSS, "expected a vector starting 'CVSS:3.0/' or 'CVSS:3.1/', found '\(vector.prefix(40))'")
        }
        var metrics: [String: String] = [:]
        for part in parts.dropFirst() {
            let kv = part.split(separator: ":", maxSplits: 1).map(String.init)
            guard kv.count == 2, metrics[kv[0]] == nil else {
                throw VulnerabilityError(.invalidCVSS, "malformed or repeated metric '\(part)' in '\(vector)'")
            }
            metrics[kv[0]] = kv[1]
        }
        func weight(_ key: String, _ table: [String: Double]) throws(VulnerabilityError) -> Double {
            guard let value = metrics[key], let w = table[value] else {
                throw VulnerabilityError(.invalidCVSS, "base metric '\(key)' is missing or invalid in '\(vector)'")
            }
            return w
        }
        let changed: Bool
        switch metrics["S"] {
        case "U": changed = false
        case "C": changed = true
        default: throw VulnerabilityError(.invalidCVSS, "base metric 'S' is missing or invalid in '\(vector)'")
        }
        let avTable: [String: Double] = ["N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2]
        let acTable: [String: Double] = ["L": 0.77, "H": 0.44]
        let uiTable: [String: Double] = ["N": 0.85, "R": 0.62]
        let av = try weight("AV", avTable)
        let ac = try weight("AC", acTable)
        let prChanged: [String: Double] = ["N": 0.85, "L": 0.68, "H": 0.5]
        let prUnchanged: [String: Double] = ["N": 0.85, "L": 0.62, "H": 0.27]
        let pr = try weight("PR", changed ? prChanged : prUnchanged)
        let ui = try weight("UI", uiTable)
        let cia: [String: Double] = ["H": 0.56, "L": 0.22, "N": 0]
        let c = try weight("C", cia)
        let i = try weight("I", cia)
        let a = try weight("A", cia)
        let iss: Double = 1 - (1 - c) * (1 - i) * (1 - a)
        let impact: Double = changed ? 7.52 * (iss - 0.029) - 3.25 * pow(iss - 0.02, 15.0) : 6.42 * iss
        let exploitability: Double = 8.22 * av * ac * pr * ui
        let isV31 = head == "CVSS:3.1"
        func roundUp(_ x: Double) -> Double { isV31 ? Self.roundUp31(x) : (x * 10).rounded(.up) / 10 }
        if impact <= 0 {
            baseScore = 0
        } else if changed {
            baseScore = roundUp(min(1.08 * (impact + exploitability), 10))
        } else {
            baseScore = roundUp(min(impact + exploitability, 10))
        }
    }

    /// CVSS v3.1 Appendix A `Roundup`, which avoids floating-point artefacts.
    static func roundUp31(_ value: Double) -> Double {
        let intInput = Int((value * 100_000).rounded())
        if intInput % 10_000 == 0 { return Double(intInput) / 100_000 }
        return Double(intInput / 10_000 + 1) / 10
    }
}
