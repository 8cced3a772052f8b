import Foundation
import TollgateModel
import TollgateSBOM
import Yams

/// One YAML file being audited: its display path, its text (to place findings inside block scalars)
/// and its composed node tree, checked against size, depth and node limits before any rule reads it.
struct AuditSource {
    /// The largest file audited: workflows are small; a 1 MiB one is hostile or generated.
    static let maxBytes = 1 << 20
    /// How deeply a document may nest.
    static let maxDepth = 64
    /// How many nodes a document may hold once aliases are counted where they are used: a
    /// "billion laughs" document is refused instead of walked.
    static let maxNodes = 200_000

    let file: String
    let root: Node
    private let lines: [[Unicode.Scalar]]

    init(file: String, bytes: [UInt8]) throws(AuditError) {
        guard bytes.count <= Self.maxBytes else {
            throw AuditError(.tooLarge, "\(file): \(bytes.count) bytes, over the \(Self.maxBytes)-byte limit for a CI file")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw AuditError(.invalidYAML, "\(file): not UTF-8 text")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            // YamlError says itself in one line with libyaml's position (TollgateSBOM's ErrorTextConvertible).
            throw AuditError(.invalidYAML, "\(file): invalid YAML: \(ErrorText.describe(error))")
        }
        guard let node else { throw AuditError(.invalidWorkflow, "\(file): the document is empty") }
        var budget = Self.maxNodes
        try Self.check(node, depth: 0, budget: &budget, file: file)
        self.file = file
        self.root = node
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
    }

    private static func check(_ node: Node, depth: Int, budget: inout Int, file: String) throws(AuditError) {
        budget -= 1
        guard budget > 0 else {
            throw AuditError(.tooLarge, "\(file): more than \(maxNodes) YAML nodes (counting aliases where they are used)")
        }
        guard depth < maxDepth else { throw AuditError(.tooLarge, "\(file): nests deeper than \(maxDepth) levels") }
        switch node {
        case .scalar, .alias: return
        case .sequence(let sequence):
            for child in sequence { try check(child, depth: depth + 1, budget: &budget, file: file) }
        case .mapping(let mapping):
            for (key, value) in mapping {
                try check(key, depth: depth + 1, budget: &budget, file: file)
                try check(value, depth: depth + 1, budget: &budget, file: file)
            }
        }
    }

    /// The position of a node (line 1, column 1 when libyaml gave none).
    func position(of node: Node) -> AuditPosition {
        AuditPosition(line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    /// Where `needle` first appears in the file at or after `start` (skipping `skip` earlier
    /// occurrences): block scalars (`run: |`) lose their source positions in the node tree, so a
    /// finding about a line inside a script is placed by finding that line's text again.
    func locate(_ needle: String, from start: AuditPosition, skip: Int = 0) -> AuditPosition? {
        let target = Array(needle.unicodeScalars)
        guard !target.isEmpty else { return nil }
        var remaining = skip
        var lineIndex = max(0, start.line - 1)
        var fromColumn = start.column - 1
        while lineIndex < lines.count {
            let line = lines[lineIndex]
            var column = max(0, fromColumn)
            while column + target.count <= line.count {
                if line[column] == target[0], Array(line[column..<column + target.count]) == target {
                    if remaining == 0 { return AuditPosition(line: lineIndex + 1, column: column + 1) }
                    remaining -= 1
                }
                column += 1
            }
            lineIndex += 1
            fromColumn = 0
        }
        return nil
    }

    /// A finding at `position`.
    func finding(_ rule: AuditRule, _ severity: Severity, at position: AuditPosition, job: String? = nil,
                 _ message: String, fix: String) -> AuditFinding {
        AuditFinding(rule: rule, severity: severity, file: file, line: position.line, column: position.column,
                     message: message, fix: fix, job: job)
    }
}

/// A 1-based line and column in an audited file.
struct AuditPosition: Sendable, Hashable {
    let line: Int
    let column: Int
}
