import Foundation
import TollgateModel
import Yams

/// A YAML node with the file and key path it came from, and typed accessors that report
/// `file:line:column: expected … , found …`. Policies are read through this rather than
/// `Codable` so every error has a position and unknown keys are caught.
struct YAMLValue {
    let node: Node
    let path: String
    let file: String

    var location: SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    private var found: String {
        switch node {
        case .scalar(let scalar):
            if scalar.string.isEmpty || node.null != nil { return "null" }
            return "'\(scalar.string.prefix(60))'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    func fail(_ kind: PolicyError.Kind, _ message: String) -> PolicyError {
        PolicyError(kind, message, at: location)
    }

    func typeError(_ expected: String) -> PolicyError {
        fail(.wrongType, "\(path): expected \(expected), found \(found)")
    }

    /// The mapping's entries; keys outside `allowed` are `policy.unknown-key` errors naming the allowed ones.
    func mapping(allowed: [String]) throws(PolicyError) -> [String: YAMLValue] {
        guard case .mapping(let mapping) = node else { throw typeError("a mapping") }
        var result: [String: YAMLValue] = [:]
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let key) = keyNode else {
                throw YAMLValue(node: keyNode, path: path, file: file).typeError("a string key")
            }
            let name = key.string
            let child = YAMLValue(node: valueNode, path: path.isEmpty ? name : "\(path).\(name)", file: file)
            guard allowed.contains(name) else {
                let keyValue = YAMLValue(node: keyNode, path: child.path, file: file)
                throw keyValue.fail(.unknownKey,
                                    "unknown key '\(name)' in \(path.isEmpty ? "the document" : path); expected one of: \(allowed.joined(separator: ", "))")
            }
            guard result[name] == nil else {
                throw YAMLValue(node: keyNode, path: child.path, file: file).fail(.invalidValue, "duplicate key '\(name)'")
            }
            result[name] = child
        }
        return result
    }

    func string() throws(PolicyError) -> String {
        guard case .scalar(let scalar) = node, node.null == nil || scalar.style != .plain else {
            throw typeError("a string")
        }
        return scalar.string
    }

    func nonEmptyString() throws(PolicyError) -> String {
        let text = try string()
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw typeError("a non-empty string") }
        return text
    }

    func bool() throws(PolicyError) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain, let value = node.bool else {
            throw typeError("true or false")
        }
        return value
    }

    func int(in range: ClosedRange<Int>) throws(PolicyError) -> Int {
        guard case .scalar(let scalar) = node, scalar.style == .plain, let value = Int(scalar.string) else {
            throw typeError("a whole number")
        }
        guard range.contains(value) else {
            throw fail(.invalidValue, "\(path): expected a number from \(range.lowerBound) to \(range.upperBound), found \(value)")
        }
        return value
    }

    func list() throws(PolicyError) -> [YAMLValue] {
        guard case .sequence(let sequence) = node else { throw typeError("a list") }
        return sequence.enumerated().map { YAMLValue(node: $1, path: "\(path)[\($0)]", file: file) }
    }

    func stringList() throws(PolicyError) -> [String] {
        var result: [String] = []
        for item in try list() { result.append(try item.nonEmptyString()) }
        return result
    }

    func oneOf<T: RawRepresentable>(_ type: T.Type) throws(PolicyError) -> T where T.RawValue == String, T: CaseIterable {
        let text = try string()
        guard let value = T(rawValue: text) else {
            throw fail(.invalidValue,
                       "\(path): expected one of \(T.allCases.map(\.rawValue).joined(separator: ", ")), found '\(text)'")
        }
        return value
    }

    /// A rated severity (`none` to `critical`; `unknown` is what a finding without a rating is, not a level to name).
    func ratedSeverity() throws(PolicyError) -> Severity {
        let text = try string()
        guard let value = Severity(rawValue: text), Severity.rated.contains(value) else {
            throw fail(.invalidValue, "\(path): expected one of \(Severity.rated.map(\.rawValue).joined(separator: ", ")), found '\(text)'")
        }
        return value
    }

    /// `2026-12-31` (the end of that UTC day) or an RFC 3339 timestamp.
    func instant(endOfDay: Bool) throws(PolicyError) -> Date {
        let text = try string().trimmingCharacters(in: .whitespaces)
        if let date = YAMLValue.parseInstant(text, endOfDay: endOfDay) { return date }
        throw fail(.invalidValue, "\(path): expected a date YYYY-MM-DD or an RFC 3339 timestamp, found '\(text)'")
    }

    static func parseInstant(_ text: String, endOfDay: Bool) -> Date? {
        let dateOnly = ISO8601DateFormatter()
        dateOnly.formatOptions = [.withFullDate]
        if text.count == 10, let day = dateOnly.date(from: text) {
            return endOfDay ? day.addingTimeInterval(86_400) : day
        }
        let full = ISO8601DateFormatter()
        if let date = full.date(from: text) { return date }
        full.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = full.date(from: text) { return date }
        // YAML writers sometimes use a space instead of 'T'.
        if text.count > 10, text[text.index(text.startIndex, offsetBy: 10)] == " " {
            var replaced = text
            replaced.replaceSubrange(replaced.index(replaced.startIndex, offsetBy: 10)...replaced.index(replaced.startIndex, offsetBy: 10), with: "T")
            return full.date(from: replaced) ?? ISO8601DateFormatter().date(from: replaced)
        }
        return nil
    }
}
