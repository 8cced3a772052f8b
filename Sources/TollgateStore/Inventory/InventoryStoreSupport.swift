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

    // MARK: Digest sets

    /// A set of digests that answers "is this stored digest one of them" without allocating:
    /// an open-addressing table of the digests' first eight bytes, checked in full on a hit.
    public struct DigestSet: Sendable {
        private var digests: [Digest] = []
        /// Index + 1 into `digests`, 0 for an empty slot.
        private var slots: [Int32]
        private var prefixes: [UInt64]
        private let mask: Int

        public init(_ input: some Collection<Digest>) {
            var capacity = 16
            while capacity < input.count * 2 { capacity <<= 1 }
            mask = capacity - 1
            slots = Array(repeating: 0, count: capacity)
            prefixes = Array(repeating: 0, count: capacity)
            digests.reserveCapacity(input.count)
            for digest in input {
                let prefix = digest.bytes.withUnsafeBytes { Self.prefix($0) }
                var slot = Self.hash(prefix) & mask
                var duplicate = false
                while slots[slot] != 0 {
                    if prefixes[slot] == prefix && digests[Int(slots[slot]) - 1] == digest {
                        duplicate = true
                        break
                    }
                    slot = (slot + 1) & mask
                }
                if duplicate { continue }
                digests.append(digest)
                slots[slot] = Int32(digests.count)
                prefixes[slot] = prefix
            }
        }

        public var count: Int { digests.count }

        @inline(__always) static func prefix(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
            guard bytes.count >= 8 else {
                var value: UInt64 = 0
                for byte in bytes { value = value << 8 | UInt64(byte) }
                return value
            }
            return bytes.loadUnaligned(as: UInt64.self)
        }

        @inline(__always) static func hash(_ prefix: UInt64) -> Int {
            Int(truncatingIfNeeded: (prefix &* 0x9E37_79B9_7F4A_7C15) >> 17)
        }

        public func contains(_ digest: Digest) -> Bool {
            let prefix = digest.bytes.withUnsafeBytes { Self.prefix($0) }
            var slot = Self.hash(prefix) & mask
            while slots[slot] != 0 {
                if prefixes[slot] == prefix && digests[Int(slots[slot]) - 1] == digest { return true }
                slot = (slot + 1) & mask
            }
            return false
        }

        /// Whether the stored form (`InventoryStoreSupport.key`) of a digest is in the set.
        public func contains(stored: UnsafeRawBufferPointer) -> Bool {
            guard stored.count > 1, let code = stored.first else { return false }
            let rest = UnsafeRawBufferPointer(rebasing: stored[1...])
            let prefix = Self.prefix(rest)
            var slot = Self.hash(prefix) & mask
            while slots[slot] != 0 {
                if prefixes[slot] == prefix {
                    let digest = digests[Int(slots[slot]) - 1]
                    let equal = algorithmCode(digest.algorithm) == code && digest.bytes.count == rest.count
                        && digest.bytes.withUnsafeBytes { bytes in
                            guard let p = bytes.baseAddress, let q = rest.baseAddress else { return rest.isEmpty }
                            return memcmp(p, q, rest.count) == 0
                        }
                    if equal { return true }
                }
                slot = (slot + 1) & mask
            }
            return false
        }
    }

    // MARK: Canonical result orders

    /// A digest's first 15 bytes and algorithm as two integers, in digest order.
    @inline(__always) public static func sortKey(_ digest: Digest) -> (hi: UInt64, lo: UInt64) {
        digest.bytes.withUnsafeBytes { bytes -> (UInt64, UInt64) in
            var hi = UInt64(algorithmCode(digest.algorithm)) << 56, lo: UInt64 = 0
            for i in 0..<min(7, bytes.count) { hi |= UInt64(bytes[i]) << (8 * (6 - i)) }
            if bytes.count > 7 { for i in 7..<min(15, bytes.count) { lo |= UInt64(bytes[i]) << (8 * (14 - i)) } }
            return (hi, lo)
        }
    }

    /// The permutation that puts `digests` in digest order, sorting 16-byte prefixes (the full
    /// digests only break ties), so thousands of digests sort without touching their arrays.
    public static func digestOrder(_ digests: [Digest]) -> [Int] {
        digestOrder(digests, keys: digests.map(sortKey))
    }

    /// `digestOrder` with the keys already computed (`sortKey` of each digest).
    public static func digestOrder(_ digests: [Digest], keys: [(hi: UInt64, lo: UInt64)]) -> [Int] {
        var order: [(hi: UInt64, lo: UInt64, index: Int)] = []
        order.reserveCapacity(keys.count)
        for (index, key) in keys.enumerated() { order.append((key.hi, key.lo, index)) }
        order.sort { a, b in
            if a.hi != b.hi { return a.hi < b.hi }
            if a.lo != b.lo { return a.lo < b.lo }
            if less(digests[a.index], digests[b.index]) { return true }
            if less(digests[b.index], digests[a.index]) { return false }
            return a.index < b.index
        }
        return order.map(\.index)
    }

    /// Sorts by moving indices, not the values: result rows hold several references each, and
    /// moving them through a sort of thousands of rows was most of a popular component's query.
    public static func sorted<T>(_ values: [T], by less: (T, T) -> Bool) -> [T] {
        guard values.count > 1 else { return values }
        return values.withUnsafeBufferPointer { buffer in
            var order = Array(0..<buffer.count)
            order.sort { less(buffer[$0], buffer[$1]) }
            return order.map { buffer[$0] }
        }
    }

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
        guard matches.count > 1 else { return }
        let sorted = matches.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }
            for index in 1..<buffer.count {
                let a = base + index - 1, b = base + index
                if a.pointee.component.purl != b.pointee.component.purl {
                    if b.pointee.component.purl < a.pointee.component.purl { return false }
                } else if !less(a.pointee.artifact, b.pointee.artifact) {
                    if a.pointee.artifact != b.pointee.artifact { return false }
                }
            }
            return true
        }
        if sorted { return }
        // By purl (a few distinct), then by digest through `digestOrder` within each purl.
        var byPurl: [String: [Int]] = [:]
        for (index, match) in matches.enumerated() { byPurl[match.component.purl, default: []].append(index) }
        var out: [InventoryComponentMatch] = []
        out.reserveCapacity(matches.count)
        for purl in byPurl.keys.sorted() {
            guard let indices = byPurl[purl] else { continue }
            let group = indices.map { matches[$0] }
            for position in digestOrder(group.map(\.artifact)) { out.append(group[position]) }
        }
        matches = out
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
        guard rows.count > 1 else { return }
        // The stores read many rows in this order already (an index, ORDER BY): check first.
        let sorted = rows.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }
            for index in 1..<buffer.count where deploymentLess(base + index, base + index - 1) { return false }
            return true
        }
        if sorted { return }
        // Compared through pointers into the array: copying rows (five strings each) in the
        // comparator was most of the sort.
        rows = rows.withUnsafeBufferPointer { buffer -> [InventoryDeploymentRow] in
            guard let base = buffer.baseAddress else { return Array(buffer) }
            var order = Array(0..<buffer.count)
            order.sort { deploymentLess(base + $0, base + $1) }
            return order.map { buffer[$0] }
        }
    }

    @inline(__always)
    static func deploymentLess(_ x: UnsafePointer<InventoryDeploymentRow>, _ y: UnsafePointer<InventoryDeploymentRow>) -> Bool {
        if x.pointee.environment != y.pointee.environment { return x.pointee.environment < y.pointee.environment }
        if x.pointee.cluster != y.pointee.cluster { return less(x.pointee.cluster, y.pointee.cluster) }
        if x.pointee.namespace != y.pointee.namespace { return less(x.pointee.namespace, y.pointee.namespace) }
        if x.pointee.service != y.pointee.service { return less(x.pointee.service, y.pointee.service) }
        if x.pointee.digest != y.pointee.digest { return less(x.pointee.digest, y.pointee.digest) }
        if x.pointee.reference != y.pointee.reference { return less(x.pointee.reference, y.pointee.reference) }
        return x.pointee.firstSeen < y.pointee.firstSeen
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
