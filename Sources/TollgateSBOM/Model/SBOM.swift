import Foundation
import TollgateModel

/// A software bill of materials, independent of its serialisation (CycloneDX or SPDX).
///
/// Readers fill it from CycloneDX 1.4–1.6 (https://cyclonedx.org/docs/1.6/json/) and SPDX 2.3
/// (https://spdx.github.io/spdx-spec/v2.3/) documents; the generator fills it from lockfiles;
/// writers serialise it back. Components are identified inside the SBOM by `bomRef`.
public struct SBOM: Sendable, Hashable, Codable {
    /// The format the document was read from, or will be written as.
    public var format: SBOMFormat?
    /// The format's spec version ("1.6", "SPDX-2.3"), when read from a document.
    public var specVersion: String?
    /// CycloneDX `serialNumber` or SPDX `documentNamespace`.
    public var serialNumber: String?
    /// The subject: CycloneDX `metadata.component` or SPDX document name.
    public var subject: SBOMComponent?
    /// Creation time (CycloneDX `metadata.timestamp`, SPDX `creationInfo.created`).
    public var created: Date?
    /// Tools that produced it ("name version").
    public var tools: [String]
    /// Every component except the subject.
    public var components: [SBOMComponent]
    /// Dependency edges by `bomRef`.
    public var dependencies: [SBOMDependency]

    public init(
        format: SBOMFormat? = nil,
        specVersion: String? = nil,
        serialNumber: String? = nil,
        subject: SBOMComponent? = nil,
        created: Date? = nil,
        tools: [String] = [],
        components: [SBOMComponent] = [],
        dependencies: [SBOMDependency] = []
    ) {
        self.format = format
        self.specVersion = specVersion
        self.serialNumber = serialNumber
        self.subject = subject
        self.created = created
        self.tools = tools
        self.components = components
        self.dependencies = dependencies
    }

    /// The component with a given `bomRef`, if any.
    public func component(bomRef: String) -> SBOMComponent? {
        components.first { $0.bomRef == bomRef } ?? (subject?.bomRef == bomRef ? subject : nil)
    }

    /// The direct dependencies of a component, by `bomRef`.
    public func dependsOn(_ bomRef: String) -> [String] {
        dependencies.first { $0.ref == bomRef }?.dependsOn ?? []
    }
}
