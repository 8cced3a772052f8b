import Foundation
import TollgateModel

/// What the `InventoryStore` implementations share, so SQLite and PostgreSQL give the same answers:
/// how digests and times are stored, how sightings merge (order-independently), fact keys, and the
/// canonical order of every query's result. Not for callers of the store.
public enum InventoryStoreSupport {
    // MARK: Stored encodings

    /// A digest as stored: one algorithm byte (1 sha256, 2 sha384, 3 sha512) and the raw bytes.
    /// Byte order equals the order of `Digest.description`.
    public static func key(_ digest: Digest) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(digest.bytes.count + 1)
        out.append(algorithmCode(digest.algorithm))
        out.append(contentsOf: digest.bytes)
        return out
    }

    static func algorithmCode(_ algorithm: DigestAlgorithm) -> UInt8 {
        switch algorithm {
        case .sha256: 1
        case .sha384: 2
        case .sha512: 3
        }
    }

    /// Reads a stored digest; malformed bytes are `store.corrupt`.
    public static func digest(_ bytes: UnsafeRawBufferPointer, table: String) throws(StoreError) -> Digest {
        guard let code = bytes.first else { throw StoreError(.corrupt, "an empty digest is stored in \(table)") }
        return try digest(code: code, bytes: Array(bytes[1...]), table: table)
    }

    public static func digest(_ bytes: [UInt8], table: String) throws(StoreError) -> Digest {
        guard let code = bytes.first else { throw StoreError(.corrupt, "an empty digest is stored in \(table)") }
        return try digest(code: code, bytes: Array(bytes[1...]), table: table)
    }

    private static func digest(code: UInt8, bytes: [UInt8], table: String) throws(StoreError) -> Digest {
        let algorithm: DigestAlgorithm
        switch code {
        case 1: algorithm = .sha256
        case 2: algorithm = .sha384
        case 3: algorithm = .sha512
        default: throw StoreError(.corrupt, "a digest with unknown algorithm code \(code) is stored in \(table)")
        }
        do {
            return try Digest(algorithm: algorithm, bytes: bytes)
        } catch {
            throw StoreError(.corrupt, "a malformed digest is stored in \(table): \(error.reason)")
        }
    }

    /// A time as stored: seconds since 2001-01-01 UTC as a double, which round-trips a `Date` exactly.
    @inline(__always) public static func time(_ date: Date) -> Double { date.timeIntervalSinceReferenceDate }
    @inline(__always) public static func date(_ time: Double) -> Date { Date(timeIntervalSinceReferenceDate: time) }

    // MARK: Relationship

    /// Stored relationship codes; several SBOMs of one artifact keep the highest (direct over
    /// transitive over unknown).
    public static func code(_ relationship: InventoryRelationship) -> Int {
        switch relationship {
        case .unknown: 0
        case .transitive: 1
        case .direct: 2
        }
    }

    public static func relationship(_ code: Int) throws(StoreError) -> InventoryRelationship {
        switch code {
        case 0: .unknown
        case 1: .transitive
        case 2: .direct
        default: throw StoreError(.corrupt, "an unknown component relationship code \(code) is stored")
        }
    }

    public static func trustSource(_ text: String) throws(StoreError) -> InventoryTrustSource {
        guard let source = InventoryTrustSource(rawValue: text) else {
            throw StoreError(.corrupt, "an unknown provenance trust source '\(text.prefix(40))' is stored")
        }
        return source
    }

    // MARK: Merging sightings (order-independent)

    /// A field value with the time of the sighting it came from. Two known values keep the earlier
    /// sighting's (equal times: the smaller value), so the result does not depend on apply order.
    public struct Sighted: Sendable, Hashable {
        public var value: String?
        public var time: Double

        public init(value: String?, time: Double) {
            self.value = value
            self.time = time
        }

        /// Whether `other` should replace `self`.
        public func isReplaced(by other: Sighted) -> Bool {
            guard let new = other.value else { return false }
            guard let old = value else { return true }
            return other.time < time || (other.time == time && new < old)
        }

        public mutating func merge(_ other: Sighted) {
            if isReplaced(by: other) { self = other }
        }
    }

    /// An artifact's identity and seen window, as merged from its sightings.
    public struct ArtifactState: Sendable, Hashable {
        public var name: Sighted
        public var version: Sighted
        public var purl: Sighted
        public var mediaType: Sighted
        public var firstSeen: Double
        public var lastSeen: Double

        public init(name: Sighted, version: Sighted, purl: Sighted, mediaType: Sighted, firstSeen: Double, lastSeen: Double) {
            self.name = name
            self.version = version
            self.purl = purl
            self.mediaType = mediaType
            self.firstSeen = firstSeen
            self.lastSeen = lastSeen
        }

        /// A sighting with no identity (an SBOM, provenance, signature or decision about the artifact).
        public init(sightingAt time: Double) {
            self.init(name: Sighted(value: nil, time: time), version: Sighted(value: nil, time: time),
                      purl: Sighted(value: nil, time: time), mediaType: Sighted(value: nil, time: time),
                      firstSeen: time, lastSeen: time)
        }

        public init(_ record: InventoryArtifactRecord) {
            let time = InventoryStoreSupport.time(record.time)
            self.init(name: Sighted(value: record.name, time: time), version: Sighted(value: record.version, time: time),
                      purl: Sighted(value: record.purl, time: time), mediaType: Sighted(value: record.mediaType, time: time),
                      firstSeen: time, lastSeen: time)
        }

        public mutating func merge(_ other: ArtifactState) {
            name.merge(other.name)
            version.merge(other.version)
            purl.merge(other.purl)
            mediaType.merge(other.mediaType)
            firstSeen = min(firstSeen, other.firstSeen)
            lastSeen = max(lastSeen, other.lastSeen)
        }

        /// The purl's package key (`InventoryPackageKey`), stored to find other versions.
        public var purlKey: String? { purl.value.map(InventoryPackageKey.of(purl:)) }
    }

    /// A component's attributes as merged over every SBOM naming its purl: the smallest name and
    /// ecosystem, a known version over none (two known: the smaller), the union of licenses.
    public struct ComponentAttributes: Sendable, Hashable {
        public var name: String
        public var version: String?
        public var ecosystem: String
        /// Sorted, without duplicates.
        public var licenses: [String]

        public init(name: String, version: String?, ecosystem: String, licenses: [String]) {
            self.name = name
            self.version = version
            self.ecosystem = ecosystem
            self.licenses = licenses
        }

        public init(_ record: InventoryComponentRecord) {
            self.init(name: record.name, version: record.version, ecosystem: record.ecosystem,
                      licenses: Self.normalized(record.licenses))
        }

        public static func normalized(_ licenses: [String]) -> [String] {
            if licenses.count <= 1 { return licenses }
            return Array(Set(licenses)).sorted()
        }

        /// Whether merging `other` would change nothing (the common case: the same component again).
        public func absorbs(_ other: ComponentAttributes) -> Bool {
            if name == other.name, version == other.version, ecosystem == other.ecosystem, licenses == other.licenses {
                return true
            }
            var copy = self
            copy.merge(other)
            return copy == self
        }

        public mutating func merge(_ other: ComponentAttributes) {
            if other.name < name { name = other.name }
            if let new = other.version, version.map({ new < $0 }) ?? true { version = new }
            if other.ecosystem < ecosystem { ecosystem = other.ecosystem }
            if licenses != other.licenses, !other.licenses.isEmpty {
                licenses = Array(Set(licenses).union(other.licenses)).sorted()
            }
        }

        /// Licenses as stored: one per line.
        public var storedLicenses: String { licenses.joined(separator: "\n") }

        public static func licenses(stored: String) -> [String] {
            stored.isEmpty ? [] : stored.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        }

        public func record(purl: String, relationship: InventoryRelationship) -> InventoryComponentRecord {
            InventoryComponentRecord(purl: purl, name: name, version: version, ecosystem: ecosystem, licenses: licenses,
                                     relationship: relationship)
        }
    }

    // MARK: Deployments

    /// A slot (environment, cluster, namespace, service) as one unambiguous text key.
    public static func slotKey(_ record: InventoryDeploymentRecord) -> String {
        var out = ""
        for part in [record.environment, record.cluster, record.namespace, record.service] as [String?] {
            if let part { out += "\(part.utf8.count):\(part)" } else { out += "-" }
            out += "|"
        }
        return out
    }

    /// The deployment row a sighting belongs to within its slot: the digest, else the reference,
    /// else nil (a sighting with neither only moves the slot's latest state; when running it is kept
    /// as a row with no reference, `n:`).
    public static func deploymentKey(_ record: InventoryDeploymentRecord) -> String {
        if let digest = record.digest { return "d:" + digest.description }
        if let reference = record.reference { return "r:" + reference }
        return "n:"
    }

    /// Whether a sighting with neither digest nor reference that says `running: false` creates no row.
    public static func createsRow(_ record: InventoryDeploymentRecord) -> Bool {
        record.digest != nil || record.reference != nil || record.running
    }

    /// A slot's latest sighting. The later time wins; equal times: the larger key, then running over
    /// not running (an incident answer would rather over-report), so the result is order-independent.
    public struct SlotLatest: Sendable, Hashable {
        public var time: Double
        public var key: String
        public var running: Bool

        public init(time: Double, key: String, running: Bool) {
            self.time = time
            self.key = key
            self.running = running
        }

        public func isReplaced(by other: SlotLatest) -> Bool {
            if other.time != time { return other.time > time }
            if other.key != key { return other.key > key }
            return other.running && !running
        }
    }

    // MARK: Fact keys

    /// A fixed-length key over a record's identifying fields (nil and "" differ), to store each fact once.
    public static func factKey(_ fields: [String?]) -> [UInt8] {
        var text = ""
        for field in fields {
            if let field { text += "\(field.utf8.count):\(field)" } else { text += "-" }
        }
        return Array(DigestAlgorithm.sha256.hash(Data(text.utf8)).bytes.prefix(16))
    }

    public static func provenanceKey(_ record: InventoryProvenanceRecord) -> [UInt8] {
        factKey([record.source.rawValue, record.vouchedBy, record.repository, record.commit, record.ref, record.workflow,
                 record.builder, record.trigger, record.document?.description])
    }

    public static func signatureKey(_ record: InventorySignatureRecord) -> [UInt8] {
        factKey([record.evidence, record.signer, record.issuer, record.trusted ? "1" : "0"])
    }

    public static func decisionKey(_ record: InventoryDecisionRecord) -> [UInt8] {
        factKey([record.decision, record.policy, record.ledgerIndex.map(String.init), String(time(record.time).bitPattern)])
    }

    // MARK: Canonical result orders

    /// Digest order: by algorithm name, then bytes (the order of `Digest.description`).
    @inline(__always) public static func less(_ a: Digest, _ b: Digest) -> Bool {
        if a.algorithm != b.algorithm { return algorithmCode(a.algorithm) < algorithmCode(b.algorithm) }
        return a.bytes.withUnsafeBytes { x in
            b.bytes.withUnsafeBytes { y in
                let count = min(x.count, y.count)
                if count > 0, let p = x.baseAddress, let q = y.baseAddress {
                    let order = memcmp(p, q, count)
                    if order != 0 { return order < 0 }
                }
                return x.count < y.count
            }
        }
    }

    @inline(__always) static func less(_ a: Digest?, _ b: Digest?) -> Bool {
        switch (a, b) {
        case (nil, nil): false
        case (nil, _): true
        case (_, nil): false
        case let (a?, b?): less(a, b)
        }
    }

    @inline(__always) static func less(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case (nil, nil): false
        case (nil, _): true
        case (_, nil): false
        case let (a?, b?): a < b
        }
    }

    /// Compares field by field: the first pair that differs decides.
    struct Order {
        var result: Bool?
        mutating func then<T: Equatable>(_ a: T, _ b: T, _ less: (T, T) -> Bool) {
            if result == nil, a != b { result = less(a, b) }
        }
        var value: Bool { result ?? false }
    }

    public static func sortArtifactsByDigest(_ rows: inout [InventoryArtifactRow]) {
        rows.sort { less($0.digest, $1.digest) }
    }

    public static func sortArtifactsByAge(_ rows: inout [InventoryArtifactRow]) {
        rows.sort { $0.firstSeen != $1.firstSeen ? $0.firstSeen < $1.firstSeen : less($0.digest, $1.digest) }
    }

    public static func sortMatches(_ matches: inout [InventoryComponentMatch]) {
        matches.sort { a, b in
            a.component.purl != b.component.purl ? a.component.purl < b.component.purl : less(a.artifact, b.artifact)
        }
    }

    public static func sortProvenance(_ records: inout [InventoryProvenanceRecord]) {
        records.sort { a, b in
            var o = Order()
            o.then(a.artifact, b.artifact, less)
            o.then(a.source.rawValue, b.source.rawValue, <)
            o.then(a.vouchedBy, b.vouchedBy, <)
            o.then(a.repository, b.repository, less)
            o.then(a.commit, b.commit, less)
            o.then(a.ref, b.ref, less)
            o.then(a.workflow, b.workflow, less)
            o.then(a.builder, b.builder, less)
            o.then(a.trigger, b.trigger, less)
            o.then(a.document, b.document, less)
            o.then(a.time, b.time, <)
            return o.value
        }
    }

    public static func sortSignatures(_ records: inout [InventorySignatureRecord]) {
        records.sort { a, b in
            var o = Order()
            o.then(a.artifact, b.artifact, less)
            o.then(a.evidence, b.evidence, <)
            o.then(a.signer, b.signer, <)
            o.then(a.issuer, b.issuer, less)
            o.then(a.trusted ? 1 : 0, b.trusted ? 1 : 0, <)
            o.then(a.time, b.time, <)
            return o.value
        }
    }

    public static func sortDecisions(_ records: inout [InventoryDecisionRecord]) {
        records.sort { a, b in
            var o = Order()
            o.then(a.artifact, b.artifact, less)
            o.then(a.time, b.time, <)
            o.then(a.policy, b.policy, <)
            o.then(a.decision, b.decision, <)
            o.then(a.ledgerIndex.map { Int64(clamping: $0) } ?? -1, b.ledgerIndex.map { Int64(clamping: $0) } ?? -1, <)
            return o.value
        }
    }

    public static func sortDeployments(_ rows: inout [InventoryDeploymentRow]) {
        rows.sort { a, b in
            var o = Order()
            o.then(a.environment, b.environment, <)
            o.then(a.cluster, b.cluster, less)
            o.then(a.namespace, b.namespace, less)
            o.then(a.service, b.service, less)
            o.then(a.digest, b.digest, less)
            o.then(a.reference, b.reference, less)
            o.then(a.firstSeen, b.firstSeen, <)
            return o.value
        }
    }

    /// Oldest first.
    public static func sortTags(_ records: inout [TagObservationRecord]) {
        records.sort { a, b in
            var o = Order()
            o.then(a.time, b.time, <)
            o.then(a.repository, b.repository, <)
            o.then(a.tag, b.tag, <)
            o.then(a.digest, b.digest, less)
            return o.value
        }
    }

    public static func sortComponents(_ records: inout [InventoryComponentRecord]) {
        records.sort { $0.purl < $1.purl }
    }

    /// Versions in plain string order (the caller applies `vers:` semantics).
    public static func sortVersions(_ versions: inout [String]) {
        versions.sort()
    }
}
