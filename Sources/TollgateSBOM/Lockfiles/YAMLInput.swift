import Foundation
import TollgateModel
import Yams

/// Decodes untrusted YAML into Foundation values with a size limit, a node budget (so aliases
/// cannot expand into a "billion laughs") and a depth limit.
enum YAMLInput {
    static let maximumNodes = 2_000_000
    static let maximumDepth = 128

    static func mapping(_ text: String, what: String) throws(SBOMError) -> [String: Any] {
        guard text.utf8.count <= LockfileLimits.maximumBytes else {
            throw SBOMError(.tooLarge, "\(what) must be at most \(LockfileLimits.maximumBytes) bytes; found \(text.utf8.count).")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw SBOMError(.invalidYAML, "\(what) is not valid YAML (\(ErrorText.describe(error))).")
        }
        guard let node else { return [:] }
        var budget = maximumNodes
        let value = try convert(node, depth: 0, budget: &budget, what: what)
        if value is NSNull { return [:] }
        guard let mapping = value as? [String: Any] else {
            throw SBOMError(.invalidYAML, "\(what) must be a YAML mapping at the top level.")
        }
        return mapping
    }

    private static func convert(_ node: Node, depth: Int, budget: inout Int, what: String) throws(SBOMError) -> Any {
        budget -= 1
        guard budget > 0, depth < maximumDepth else {
            throw SBOMError(.tooLarge, "\(what) has too many YAML nodes or nests too deeply.")
        }
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, scalar.string == "~" || scalar.string == "null" || scalar.string.isEmpty { return NSNull() }
            return scalar.string
        case .sequence(let sequence):
            var out: [Any] = []
            for child in sequence { out.append(try convert(child, depth: depth + 1, budget: &budget, what: what)) }
            return out
        case .mapping(let mapping):
            var out: [String: Any] = [:]
            for (key, value) in mapping {
                guard let keyString = key.scalar?.string else { continue }
                out[keyString] = try convert(value, depth: depth + 1, budget: &budget, what: what)
            }
            return out
        case .alias:
            throw SBOMError(.invalidYAML, "\(what) uses YAML aliases, which lockfiles never need.")
        }
    }
}
