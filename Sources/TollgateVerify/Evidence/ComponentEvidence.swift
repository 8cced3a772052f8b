import Foundation
import TollgatePolicy

/// One SBOM component, with its license expression parsed once when the evidence is built.
public struct ComponentEvidence: Sendable, Hashable {
    public var name: String
    public var version: String?
    public var purl: String?
    /// The declared or concluded license expression as written in the SBOM.
    public var license: String?
    /// `license` parsed; `nil` when absent or unparseable (see `licenseProblem`).
    public let licenseExpression: SPDXExpression?
    public let licenseProblem: String?

    public init(name: String, version: String? = nil, purl: String? = nil, license: String? = nil) {
        self.init(name: name, version: version, purl: purl, license: License(license))
    }

    /// With the license already read (`License`), so an SBOM's components that share a license
    /// text share one parse.
    init(name: String, version: String?, purl: String?, license: License) {
        self.name = name
        self.version = version
        self.purl = purl
        self.license = license.text
        licenseExpression = license.expression
        licenseProblem = license.problem
    }

    /// A license text as the rules see it: trimmed, `NOASSERTION`/`NONE`/empty meaning none, and
    /// parsed as an SPDX expression.
    struct License: Sendable {
        let text: String?
        let expression: SPDXExpression?
        let problem: String?

        init(_ raw: String?) {
            let trimmed = raw.map(Self.trimmingSpaces)
            guard let trimmed, !trimmed.isEmpty, trimmed != "NOASSERTION", trimmed != "NONE" else {
                text = nil
                expression = nil
                problem = nil
                return
            }
            text = trimmed
            switch SPDXExpression.parse(trimmed) {
            case .success(let parsed):
                expression = parsed
                problem = nil
            case .failure(let error):
                expression = nil
                problem = error.message
            }
        }

        /// Without leading and trailing whitespace (Foundation's `.whitespaces` set only for text
        /// that is not plain ASCII).
        static func trimmingSpaces(_ text: String) -> String {
            let bytes = text.utf8
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return text.trimmingCharacters(in: .whitespaces) }
            guard let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }),
                  let last = bytes.lastIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
            if first == bytes.startIndex && last == bytes.index(before: bytes.endIndex) { return text }
            return String(text[first...last])
        }
    }

    /// The purl, or `name@version` when there is none.
    public var label: String { purl ?? (version.map { "\(name)@\($0)" } ?? name) }
}
