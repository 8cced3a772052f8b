import Crypto
import Foundation
import SwiftASN1
import X509

/// An RFC 6962 §3.2 SignedCertificateTimestamp embedded in a Fulcio leaf (extension
/// 1.3.6.1.4.1.11129.2.4.2), and its verification over the precertificate entry (§3.2:
/// issuer key hash plus the TBSCertificate without the SCT list extension).
struct SignedCertificateTimestamp {
    let logID: [UInt8]
    /// Milliseconds since the epoch.
    let timestamp: UInt64
    let extensions: [UInt8]
    let hashAlgorithm: UInt8
    let signatureAlgorithm: UInt8
    let signature: [UInt8]

    static let listOID: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 11129, 2, 4, 2]
    static let maxSCTs = 16

    /// Parses the TLS-encoded `SignedCertificateTimestampList` inside the extension's OCTET STRING.
    static func list(in certificate: Certificate) throws(DERFormatError) -> [SignedCertificateTimestamp] {
        guard let ext = certificate.extensions[oid: listOID] else { return [] }
        let tls: [UInt8]
        do { tls = Array(try ASN1OctetString(derEncoded: ext.value).bytes) } catch {
            throw DERFormatError("the SCT list extension is not an OCTET STRING")
        }
        var reader = TLSReader(tls)
        let total = try reader.uint(2)
        guard total == UInt64(tls.count - 2) else { throw DERFormatError("the SCT list length is wrong") }
        var result: [SignedCertificateTimestamp] = []
        while !reader.isAtEnd {
            let length = Int(try reader.uint(2))
            var item = TLSReader(try reader.bytes(length))
            guard try item.uint(1) == 0 else { throw DERFormatError("an SCT has an unknown version") }
            let logID = try item.bytes(32)
            let timestamp = try item.uint(8)
            let extensions = try item.bytes(Int(try item.uint(2)))
            let hash = UInt8(try item.uint(1))
            let algorithm = UInt8(try item.uint(1))
            let signature = try item.bytes(Int(try item.uint(2)))
            guard item.isAtEnd else { throw DERFormatError("an SCT has trailing bytes") }
            result.append(SignedCertificateTimestamp(logID: logID, timestamp: timestamp, extensions: extensions,
                                                     hashAlgorithm: hash, signatureAlgorithm: algorithm, signature: signature))
            guard result.count <= maxSCTs else { throw DERFormatError("the certificate has too many SCTs") }
        }
        return result
    }

    /// The DER of ``listOID`` (the identifier octets included), to find its extension by bytes.
    static let listOIDDER: [UInt8] = {
        var serializer = DER.Serializer()
        try? serializer.serialize(listOID)
        return serializer.serializedBytes
    }()

    /// The TBSCertificate of `leafDER` re-encoded without the SCT list extension (RFC 6962
    /// §3.2: "the TBSCertificate ... with the embedded SCT list extension removed").
    ///
    /// A shallow walk (``DERReader/elements(_:_:)``) over the certificate, its TBSCertificate and
    /// the extensions: every other field and extension is copied byte for byte. The leaf was
    /// already parsed whole by swift-certificates; a full `DER.parse` here again was ~2% of a
    /// `verify-bundle --batch` bundle (docs/benchmarks.md, issue #13).
    static func precertificateTBS(leafDER: [UInt8]) throws(DERFormatError) -> [UInt8] {
        let top = try DERReader.elements(leafDER[...], "the leaf")
        guard top.count == 1, top[0].isConstructed else { throw DERFormatError("the leaf is not DER") }
        let parts = try DERReader.elements(top[0].content, "Certificate")
        guard let tbs = parts.first else { throw DERFormatError("the leaf has no TBSCertificate") }
        guard tbs.isConstructed else { throw DERFormatError("TBSCertificate is not a constructed DER value") }
        // The TBSCertificate's fields, with the extensions' kept elements as slices of the leaf:
        // the output is written once, into one buffer of its final size (each extension was an
        // array of its elements and every TLV three arrays: ~0.5% of a `verify-bundle --batch`).
        enum Field {
            case copied(ArraySlice<UInt8>)
            /// An extensions [3] field: the extensions kept, and their total length.
            case extensions([ArraySlice<UInt8>], Int)
        }
        var fields: [Field] = []
        try DERReader.forEachElement(tbs.content, "TBSCertificate") { (field) throws(DERFormatError) in
            // extensions [3] EXPLICIT (context-specific class, tag number 3).
            guard field.tag & 0xDF == 0x83 else {
                fields.append(.copied(field.encoded))
                return
            }
            guard field.isConstructed else { throw DERFormatError("extensions [3] is not a constructed DER value") }
            let wrapper = try DERReader.elements(field.content, "extensions [3]")
            guard wrapper.count == 1 else { throw DERFormatError("the extensions field is malformed") }
            guard wrapper[0].isConstructed else { throw DERFormatError("Extensions is not a constructed DER value") }
            var kept: [ArraySlice<UInt8>] = []
            var keptLength = 0
            try DERReader.forEachElement(wrapper[0].content, "Extensions") { (ext) throws(DERFormatError) in
                guard ext.isConstructed else { throw DERFormatError("Extension is not a constructed DER value") }
                var first: DERReader.Element?
                try DERReader.forEachElement(ext.content, "Extension") { (element) throws(DERFormatError) in
                    if first == nil { first = element }
                }
                guard let first else { throw DERFormatError("an extension is empty") }
                guard first.tag == 0x06 else { throw DERFormatError("extnID is not an OID") }
                if first.encoded.elementsEqual(listOIDDER) { return }
                kept.append(ext.encoded)
                keptLength += ext.encoded.count
            }
            fields.append(.extensions(kept, keptLength))
        }
        func size(_ field: Field) -> Int {
            switch field {
            case .copied(let bytes): bytes.count
            case .extensions(_, let length): DERReader.encodedSize(length: DERReader.encodedSize(length: length))
            }
        }
        let contentLength = fields.reduce(0) { $0 + size($1) }
        var out: [UInt8] = []
        out.reserveCapacity(DERReader.encodedSize(length: contentLength))
        DERReader.appendHeader(0x30, length: contentLength, to: &out)
        for field in fields {
            switch field {
            case .copied(let bytes):
                out.append(contentsOf: bytes)
            case .extensions(let kept, let length):
                DERReader.appendHeader(0xA3, length: DERReader.encodedSize(length: length), to: &out)
                DERReader.appendHeader(0x30, length: length, to: &out)
                for ext in kept { out.append(contentsOf: ext) }
            }
        }
        return out
    }

    /// The RFC 6962 §3.2 `digitally-signed` input for a precert entry.
    func signedData(issuerKeyHash: [UInt8], tbs: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0, 0] // sct_version v1, signature_type certificate_timestamp
        for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: timestamp >> UInt64(shift))) }
        out += [0, 1] // entry_type precert_entry
        out += issuerKeyHash
        out += [UInt8(truncatingIfNeeded: tbs.count >> 16), UInt8(truncatingIfNeeded: tbs.count >> 8), UInt8(truncatingIfNeeded: tbs.count)]
        out += tbs
        out += [UInt8(truncatingIfNeeded: extensions.count >> 8), UInt8(truncatingIfNeeded: extensions.count)]
        out += extensions
        return out
    }

    /// The X.509 algorithm for the TLS `SignatureAndHashAlgorithm` (RFC 5246 §7.4.1.4.1).
    var algorithm: Certificate.SignatureAlgorithm? {
        switch (hashAlgorithm, signatureAlgorithm) {
        case (4, 3): .ecdsaWithSHA256
        case (5, 3): .ecdsaWithSHA384
        case (6, 3): .ecdsaWithSHA512
        case (4, 1): .sha256WithRSAEncryption
        default: nil
        }
    }

    var date: Date { Date(timeIntervalSince1970: Double(timestamp) / 1000) }
}

/// A bounds-checked reader for TLS presentation-language structures.
struct TLSReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func uint(_ width: Int) throws(DERFormatError) -> UInt64 {
        guard bytes.count - offset >= width else { throw DERFormatError("a TLS structure is truncated") }
        var value: UInt64 = 0
        for index in offset..<offset + width { value = value << 8 | UInt64(bytes[index]) }
        offset += width
        return value
    }

    mutating func bytes(_ count: Int) throws(DERFormatError) -> [UInt8] {
        guard count >= 0, bytes.count - offset >= count else { throw DERFormatError("a TLS structure is truncated") }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }
}
