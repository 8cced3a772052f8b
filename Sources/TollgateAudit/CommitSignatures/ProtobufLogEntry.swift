/// The fields of a protobuf-encoded `dev.sigstore.rekor.v1.TransparencyLogEntry` (sigstore/protobuf-specs,
/// rekor/v1/transparency_log.proto) that gitsign stores in its CMS signature: the protobuf wire format (varints
/// and length-delimited fields; unknown fields skipped), with a length check on every read.
struct ProtobufLogEntry {
    struct InclusionProof {
        var logIndex: Int64 = 0
        var rootHash: [UInt8] = []
        var treeSize: Int64 = 0
        var hashes: [[UInt8]] = []
        var checkpoint = ""
    }

    var logIndex: Int64 = 0
    var logID: [UInt8] = []
    var kind = ""
    var version = ""
    var integratedTime: Int64 = 0
    var signedEntryTimestamp: [UInt8]?
    var inclusionProof: InclusionProof?

    init(_ bytes: [UInt8]) throws(AuditError) {
        for (field, value) in try Self.fields(bytes[...]) {
            switch (field, value) {
            case (1, .varint(let v)): logIndex = Int64(bitPattern: v)
            case (2, .bytes(let b)): logID = Self.bytesField(1, in: try Self.fields(b)) ?? []
            case (3, .bytes(let b)):
                let inner = try Self.fields(b)
                kind = String(decoding: Self.bytesField(1, in: inner) ?? [], as: UTF8.self)
                version = String(decoding: Self.bytesField(2, in: inner) ?? [], as: UTF8.self)
            case (4, .varint(let v)): integratedTime = Int64(bitPattern: v)
            case (5, .bytes(let b)): signedEntryTimestamp = Self.bytesField(1, in: try Self.fields(b))
            case (6, .bytes(let b)):
                var proof = InclusionProof()
                for (inner, innerValue) in try Self.fields(b) {
                    switch (inner, innerValue) {
                    case (1, .varint(let v)): proof.logIndex = Int64(bitPattern: v)
                    case (2, .bytes(let h)): proof.rootHash = Array(h)
                    case (3, .varint(let v)): proof.treeSize = Int64(bitPattern: v)
                    case (4, .bytes(let h)): proof.hashes.append(Array(h))
                    case (5, .bytes(let c)): proof.checkpoint = String(decoding: Self.bytesField(1, in: try Self.fields(c)) ?? [], as: UTF8.self)
                    default: continue
                    }
                }
                inclusionProof = proof
            default: continue
            }
        }
    }

    enum Value {
        case varint(UInt64)
        case bytes(ArraySlice<UInt8>)
    }

    private static func bytesField(_ number: UInt64, in fields: [(UInt64, Value)]) -> [UInt8]? {
        for case (number, .bytes(let bytes)) in fields { return Array(bytes) }
        return nil
    }

    /// The fields of one message, in order.
    static func fields(_ bytes: ArraySlice<UInt8>) throws(AuditError) -> [(UInt64, Value)] {
        var fields: [(UInt64, Value)] = []
        var index = bytes.startIndex
        func varint() throws(AuditError) -> UInt64 {
            var result: UInt64 = 0
            for shift in stride(from: 0, to: 64, by: 7) {
                guard index < bytes.endIndex else { throw AuditError(.unreadable, "gitsign: the Rekor entry is truncated") }
                let byte = bytes[index]
                index += 1
                result |= UInt64(byte & 0x7F) << UInt64(shift)
                if byte < 0x80 { return result }
            }
            throw AuditError(.unreadable, "gitsign: a varint of the Rekor entry is too long")
        }
        while index < bytes.endIndex {
            let key = try varint()
            switch key & 7 {
            case 0: fields.append((key >> 3, .varint(try varint())))
            case 2:
                let length = try varint()
                guard length <= UInt64(bytes.endIndex - index) else { throw AuditError(.unreadable, "gitsign: the Rekor entry is truncated") }
                fields.append((key >> 3, .bytes(bytes[index..<index + Int(length)])))
                index += Int(length)
            default:
                throw AuditError(.unreadable, "gitsign: the Rekor entry has a field of wire type \(key & 7), which TransparencyLogEntry does not use")
            }
        }
        return fields
    }
}
