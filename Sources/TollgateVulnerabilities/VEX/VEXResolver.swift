import Foundation
import TollgateModel
import TollgateSBOM

/// Decides what a set of VEX statements says about one finding on one component: every statement whose
/// vulnerability and product match is considered, and the latest wins.
///
/// OpenVEX v0.2.0: "VEX is designed to be a sequence of statements, each overriding, but also enriching the
/// previous ones with new information. Each statement has a timestamp associated with it". So a later
/// `affected` overrides an earlier `not_affected`, and a later `fixed` overrides an earlier `affected`.
///
/// - A statement matches a finding when its `vulnerability` or one of its `aliases` is the finding's id or one
///   of the finding's aliases, and one of its products covers the component (see `covers`).
/// - Latest: by `VEXStatement.timestamp`; a statement without one is older than any statement with one.
///   Equal timestamps, and statements without, are ordered by input position: the later input wins (the
///   later `--vex` file, the later statement in a file).
/// - The winner suppresses the finding when `VEXStatement.suppresses` (`fixed`, or `not_affected` with a
///   justification or impact statement); `affected` and `under_investigation` never do.
///
/// Statements are indexed by every name they carry once, when the resolver is built (once per scan), so
/// resolving a finding looks up only the statements about its own ids.
public struct VEXResolver: Sendable {
    /// The statements, in input order.
    public let statements: [VEXStatement]
    /// Vulnerability name or alias → positions in `statements`, ascending.
    private let byName: [String: [Int]]

    public init(_ statements: [VEXStatement]) {
        self.statements = statements
        var byName: [String: [Int]] = [:]
        for (index, statement) in statements.enumerated() {
            byName[statement.vulnerability, default: []].append(index)
            for alias in statement.aliases where alias != statement.vulnerability {
                // An alias listed twice must not index the statement twice.
                if byName[alias]?.last != index { byName[alias, default: []].append(index) }
            }
        }
        self.byName = byName
    }

    public var isEmpty: Bool { statements.isEmpty }

    /// The verdict for the vulnerability known by `names` (a finding's id and aliases) on `component` of
    /// `sbom`, or nil when no statement matches.
    public func verdict(for names: [String], component: SBOMComponent, in sbom: SBOM) -> VEXVerdict? {
        guard !byName.isEmpty else { return nil }
        var candidates: [Int] = []
        for name in names {
            if let positions = byName[name] { candidates.append(contentsOf: positions) }
        }
        guard !candidates.isEmpty else { return nil }
        if names.count > 1 { candidates.sort() }

        let purl = component.purl
        let version = purl?.version ?? component.version
        var winner: Int?
        var matched = 0
        var previous = -1
        for index in candidates where index != previous {
            previous = index
            let statement = statements[index]
            guard statement.products.contains(where: {
                Self.covers($0, purl: purl, version: version, component: component, sbom: sbom)
            }) else { continue }
            matched += 1
            // Candidates come in input order, so a later one wins unless it is strictly older.
            if let current = winner, Self.isOlder(statement.timestamp, than: statements[current].timestamp) { continue }
            winner = index
        }
        guard let winner else { return nil }
        return VEXVerdict(statement: statements[winner], matchedStatements: matched)
    }

    /// A product covers a component when its purl names the same package (type, namespace and name;
    /// qualifiers and subpath are not compared) and, if it gives a version, the same version; or when its
    /// reference is the component's bom-ref, or the SBOM subject's (a product-wide statement covers
    /// everything in the product).
    public static func covers(_ product: VEXProduct, purl: PackageURL?, version: String?, component: SBOMComponent,
                              sbom: SBOM) -> Bool {
        switch product {
        case let .purl(p):
            guard let purl, p.type == purl.type, p.name == purl.name, p.namespace == purl.namespace else { return false }
            guard let required = p.version else { return true }
            return required == version
        case let .reference(ref):
            if ref == component.bomRef { return true }
            if let subject = sbom.subject, subject.bomRef == ref { return true }
            return false
        }
    }

    /// Timestamp order with "no timestamp" before every timestamp.
    static func isOlder(_ a: Date?, than b: Date?) -> Bool {
        switch (a, b) {
        case let (a?, b?): a < b
        case (nil, _?): true
        case (_, nil): false
        }
    }
}
