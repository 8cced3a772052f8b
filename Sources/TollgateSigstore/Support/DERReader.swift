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

    /// One DER element found by ``elements(_:_:)``: its identifier octet, the whole TLV and its
    /// contents, as slices of the input (nothing is copied or decoded).
    struct Element {
        let tag: UInt8
        let encoded: ArraySlice<UInt8>
        let content: ArraySlice<UInt8>

        var isConstructed: Bool { tag & 0x20 != 0 }
    }

    /// The consecutive DER elements that make up `bytes`, without descending into them: a
    /// shallow walk for code that needs only the top of a structure and its exact bytes (a
    /// full `DER.parse` builds a node for every nested value). One-octet identifiers and
    /// definite lengths of at most four octets only; anything else, or an element running past
    /// the end, is a ``DERFormatError`` naming `what`.
    static func elements(_ bytes: ArraySlice<UInt8>, _ what: String) throws(DERFormatError) -> [Element] {
        var result: [Element] = []
        try forEachElement(bytes, what) { (element) throws(DERFormatError) in result.append(element) }
        return result
    }

    /// ``elements(_:_:)`` without the array: `body` sees each element in order, and the same
    /// malformed input throws the same error (every element is still read to the end).
    static func forEachElement(_ bytes: ArraySlice<UInt8>, _ what: String,
                               _ body: (Element) throws(DERFormatError) -> Void) throws(DERFormatError) {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let start = index
            let tag = bytes[index]
            guard tag & 0x1F != 0x1F else { throw DERFormatError("\(what) has a multi-octet identifier") }
            index += 1
            guard index < bytes.endIndex else { throw DERFormatError("\(what) is truncated") }
            let first = bytes[index]
            index += 1
            var length = Int(first)
            if first >= 0x80 {
                let count = Int(first & 0x7F)
                guard (1...4).contains(count), bytes.endIndex - index >= count else {
                    throw DERFormatError("\(what) has an unsupported length")
                }
                length = 0
                for _ in 0..<count {
                    length = length << 8 | Int(bytes[index])
                    index += 1
                }
            }
            guard bytes.endIndex - index >= length else { throw DERFormatError("\(what) is truncated") }
            try body(Element(tag: tag, encoded: bytes[start..<index + length], content: bytes[index..<index + length]))
            index += length
        }
    }

    /// Appends a TLV header (one-byte identifier, definite length) for `length` content bytes.
    static func appendHeader(_ tag: UInt8, length: Int, to out: inout [UInt8]) {
        out.append(tag)
        out.append(contentsOf: lengthOctets(length))
    }

    /// The size of a TLV with a one-byte identifier and `length` content bytes.
    static func encodedSize(length: Int) -> Int {
        1 + lengthOctets(length).count + length
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
