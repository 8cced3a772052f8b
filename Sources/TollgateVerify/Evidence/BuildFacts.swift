import Foundation
import TollgateModel

/// The build and source facts of the artifact, each with who vouches for it.
///
/// Built by the collector from trusted provenance and the Fulcio certificate that signed it (or a
/// trusted keyless artifact signature). Certificate extensions win over what a statement claims;
/// a disagreement is recorded in `contradictions` and denies.
public struct BuildFacts: Sendable, Hashable {
    public private(set) var builderID: String?
    public private(set) var buildType: String?
    public private(set) var sourceRepository: String?
    public private(set) var sourceRef: String?
    public private(set) var sourceCommit: String?
    public private(set) var workflowPath: String?
    public private(set) var triggerEvent: String?
    public private(set) var runnerEnvironment: String?
    /// Resolved dependencies, from provenance only.
    public private(set) var dependencies: [SLSAResourceDescriptor]?
    /// Who vouches for each fact present.
    public private(set) var origins: [BuildFact: FactOrigin]
    /// Claims that disagree with the certificate: "source repository: statement says X, certificate says Y".
    public private(set) var contradictions: [String]
    /// Where the facts came from (file names), for the evidence list.
    public let source: String

    package init(source: String) {
        self.source = source
        origins = [:]
        contradictions = []
    }

    /// The facts a signed provenance statement claims, vouched for by its signer.
    package mutating func claim(_ facts: ProvenanceFacts, by origin: FactOrigin) {
        set(.builder, facts.builderID, origin)
        set(.buildType, facts.buildType, origin)
        set(.sourceRepository, facts.sourceRepository, origin)
        set(.sourceRef, facts.sourceRef, origin)
        set(.sourceCommit, facts.sourceCommit, origin)
        set(.workflow, facts.workflowPath, origin)
        set(.trigger, facts.triggerEvent, origin)
        set(.runnerEnvironment, facts.runnerEnvironment, origin)
        dependencies = facts.dependencies
        origins[.dependencies] = origin
    }

    /// Overlays what the certificate asserts. A statement claim that disagrees is a contradiction,
    /// and the certificate's value is the one kept.
    package mutating func certify(_ certificate: FulcioCertificateFacts, issuer: String, subject: String) {
        let origin = FactOrigin.certificate(issuer: issuer, subject: subject)
        certifyValue(.sourceRepository, certificate.sourceRepository, origin, caseInsensitive: true)
        certifyValue(.sourceRef, certificate.sourceRepositoryRef, origin)
        certifyValue(.sourceCommit, certificate.sourceRepositoryDigest, origin, caseInsensitive: true)
        certifyValue(.trigger, certificate.buildTrigger, origin)
        certifyValue(.workflow, certificate.workflowPath, origin)
        certifyValue(.runnerEnvironment, certificate.runnerEnvironment, origin)
        // The builder: GitHub-hosted attestations name `https://github.com/actions/runner/<environment>`;
        // reusable-workflow builders (slsa-github-generator) name the workflow that signed (Build Signer URI).
        let runnerPrefix = "https://github.com/actions/runner/"
        if let claimed = builderID, claimed.hasPrefix(runnerPrefix) {
            if let environment = certificate.runnerEnvironment {
                certifyValue(.builder, runnerPrefix + environment, origin)
            }
        } else if let signer = certificate.buildSignerURI {
            if let claimed = builderID, Self.withoutRef(claimed) != Self.withoutRef(signer) {
                contradictions.append("builder: the statement says \(claimed), the certificate's build signer is \(signer)")
            }
            if builderID == nil { set(.builder, signer, origin) } else if contradictions.isEmpty { origins[.builder] = origin }
        } else if builderID == nil, let environment = certificate.runnerEnvironment,
                  certificate.issuer == "https://token.actions.githubusercontent.com" {
            set(.builder, runnerPrefix + environment, origin)
        }
    }

    /// The value of one fact, as text (dependencies are not text).
    public func value(_ fact: BuildFact) -> String? {
        switch fact {
        case .builder: builderID
        case .buildType: buildType
        case .sourceRepository: sourceRepository
        case .sourceRef: sourceRef
        case .sourceCommit: sourceCommit
        case .workflow: workflowPath
        case .trigger: triggerEvent
        case .runnerEnvironment: runnerEnvironment
        case .dependencies: nil
        }
    }

    /// "builder X (certificate of …)": a fact with who vouches for it, for the evidence list.
    public func describe(_ fact: BuildFact, as what: String) -> String {
        let origin = origins[fact].map { " (\($0))" } ?? ""
        return "\(what) \(value(fact) ?? "absent")\(origin)"
    }

    private mutating func set(_ fact: BuildFact, _ value: String?, _ origin: FactOrigin) {
        guard let value, !value.isEmpty else { return }
        write(fact, value)
        origins[fact] = origin
    }

    private mutating func certifyValue(_ fact: BuildFact, _ certified: String?, _ origin: FactOrigin, caseInsensitive: Bool = false) {
        guard let certified, !certified.isEmpty else { return }
        if let claimed = value(fact) {
            let same = caseInsensitive ? claimed.caseInsensitiveCompare(certified) == .orderedSame : claimed == certified
            if !same {
                contradictions.append("\(fact.rawValue): the statement says \(claimed), the certificate says \(certified)")
            }
        }
        set(fact, certified, origin)
    }

    private mutating func write(_ fact: BuildFact, _ value: String) {
        switch fact {
        case .builder: builderID = value
        case .buildType: buildType = value
        case .sourceRepository: sourceRepository = value
        case .sourceRef: sourceRef = value
        case .sourceCommit: sourceCommit = value
        case .workflow: workflowPath = value
        case .trigger: triggerEvent = value
        case .runnerEnvironment: runnerEnvironment = value
        case .dependencies: break
        }
    }

    private static func withoutRef(_ uri: String) -> String {
        guard let at = uri.lastIndex(of: "@") else { return uri }
        return String(uri[..<at])
    }
}
