import SwiftASN1

/// Small helpers for walking DER with SwiftASN1 without recursion on input-controlled depth.
enum DERReader {
    static let sequence = ASN1Identifier.sequence
    static let set = ASN1Identifier.set

    /// The children of a constructed node, or an error naming what was expected.
    static func children(_ node: ASN1Node, _ what: String) throws(DERFormatError) -> [ASN1Node] {
        guard case .constructed(let collection) = node.content else {
            throw DERFormatError("\(what) is not a constructed DER value")
        }
        return Array(collection)
    }

    static func primitive(_ node: ASN1Node, _ what: String) throws(DERFormatError) -> ArraySlice<UInt8> {
        guard case .primitive(let bytes) = node.content else {
            throw DERFormatError("\(what) is not a primitive DER value")
        }
        return bytes
    }

    static func isContext(_ node: ASN1Node, _ number: UInt) -> Bool {
        node.identifier.tagClass == .contextSpecific && node.identifier.tagNumber == number
    }

    static func oid(_ node: ASN1Node, _ what: String) throws(DERFormatError) -> ASN1ObjectIdentifier {
        do { return try ASN1ObjectIdentifier(derEncoded: node) } catch { throw DERFormatError("\(what) is not an OID") }
    }

    /// DER length octets (X.690 §8.1.3) for a definite length.
    static func lengthOctets(_ length: Int) -> [UInt8] {
        if length < 0x80 { return [UInt8(length)] }
        var bytes: [UInt8] = []
        var value = length
        while value > 0 {
            bytes.insert(UInt8(value & 0xFF), at: 0)
            value >>= 8
        }
        return [0x80 | UInt8(bytes.count)] + bytes
    }

    /// Wraps `content` in a TLV with a one-byte identifier.
    static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        [tag] + lengthOctets(content.count) + content
    }
}

/// A DER structure did not have the expected shape.
struct DERFormatError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
