import Foundation

/// One PEM block (RFC 7468): a label such as `PUBLIC KEY` and the DER bytes it carries.
///
/// The parser is strict and bounded: it takes at most `maxBytes` of text, requires matching
/// `-----BEGIN L-----` / `-----END L-----` lines and standard base64 in between (RFC 7468 §3,
/// whitespace between lines allowed). Headers (RFC 1421 `Proc-Type:`) are rejected.
public struct PEMBlock: Sendable, Hashable {
    /// The text between `BEGIN ` and the closing dashes, e.g. `PUBLIC KEY`.
    public let label: String
    /// The decoded body.
    public let der: [UInt8]

    /// Largest PEM text accepted: 1 MiB is far above any key or certificate.
    public static let maxBytes = 1 << 20

    public init(label: String, der: [UInt8]) {
        self.label = label
        self.der = der
    }

    /// Parses the first PEM block in `text`.
    public init(parsing text: String) throws(ModelError) {
        let blocks = try Self.parseAll(text, limit: 1)
        guard let first = blocks.first else {
            throw ModelError(.invalidPEM, "no '-----BEGIN ...-----' line found; expected a PEM block")
        }
        self = first
    }

    /// Parses every PEM block in `text` (text outside blocks is ignored, as RFC 7468 §2 allows).
    public static func parseAll(_ text: String, limit: Int = 64) throws(ModelError) -> [PEMBlock] {
        guard text.utf8.count <= maxBytes else {
            throw ModelError(.tooLarge, "PEM text is \(text.utf8.count) bytes, over the \(maxBytes)-byte limit")
        }
        // Over the contiguous UTF-8 when there is one: the generic view's iteration was most of the
        // cost of reading a certificate out of a Rekor entry body (docs/benchmarks.md, issue #13).
        let isASCII = text.utf8.withContiguousStorageIfAvailable { bytes in bytes.allSatisfy { $0 < 0x80 } }
            ?? text.utf8.allSatisfy { $0 < 0x80 }
        if isASCII {
            return try parseAllASCII(Array(text.utf8), limit: limit)
        }
        var blocks: [PEMBlock] = []
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })[...]
        while let line = lines.popFirst() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("-----BEGIN ") else { continue }
            guard trimmed.hasSuffix("-----"), trimmed.count > 16 else {
                throw ModelError(.invalidPEM, "malformed PEM begin line '\(trimmed.prefix(64))'")
            }
            let label = String(trimmed.dropFirst(11).dropLast(5))
            var body = ""
            var closed = false
            while let inner = lines.popFirst() {
                let content = inner.trimmingCharacters(in: .whitespaces)
                if content.hasPrefix("-----END ") {
                    guard content == "-----END \(label)-----" else {
                        throw ModelError(.invalidPEM,
                                         "PEM block '\(label.prefix(40))' ends with '\(content.prefix(64))'; expected '-----END \(label.prefix(40))-----'")
                    }
                    closed = true
                    break
                }
                if content.contains(":") {
                    throw ModelError(.invalidPEM, "PEM headers (such as '\(content.prefix(40))') are not supported")
                }
                body += content
            }
            guard closed else {
                throw ModelError(.invalidPEM, "PEM block '\(label.prefix(40))' is truncated: no END line")
            }
            guard !body.isEmpty, let der = Data(base64Encoded: body) else {
                throw ModelError(.invalidPEM, "the body of PEM block '\(label.prefix(40))' is not valid base64")
            }
            blocks.append(PEMBlock(label: label, der: Array(der)))
            if blocks.count >= limit { break }
        }
        return blocks
    }

    /// ``parseAll(_:limit:)`` for ASCII text, byte by byte and with the same results and errors:
    /// lines end at LF or CR LF (one `Character` each), space and tab are the only ASCII `.whitespaces`. The `Character`
    /// and Foundation string calls of the general path were 13% of a `verify-bundle --batch` run
    /// (each Rekor entry body carries the signing certificate as PEM).
    private static func parseAllASCII(_ text: [UInt8], limit: Int) throws(ModelError) -> [PEMBlock] {
        // A CR is part of the line break only when an LF follows it (the last line has none).
        func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
            var line = line
            if line.endIndex < text.endIndex, line.last == 0x0D { line = line.dropLast() }
            while let first = line.first, first == 0x20 || first == 0x09 { line = line.dropFirst() }
            while let last = line.last, last == 0x20 || last == 0x09 { line = line.dropLast() }
            return line
        }
        func string(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
        let begin = Array("-----BEGIN ".utf8)
        let end = Array("-----END ".utf8)
        let dashes = Array("-----".utf8)
        var lines = text.split(separator: 0x0A, omittingEmptySubsequences: false)[...]
        var blocks: [PEMBlock] = []
        while let line = lines.popFirst() {
            let first = trimmed(line)
            guard first.starts(with: begin) else { continue }
            guard first.count > 16, first.suffix(5).elementsEqual(dashes) else {
                throw ModelError(.invalidPEM, "malformed PEM begin line '\(string(first).prefix(64))'")
            }
            let labelBytes = first.dropFirst(11).dropLast(5)
            let label = string(labelBytes)
            let expectedEnd = end + labelBytes + dashes
            var body: [UInt8] = []
            var closed = false
            while let inner = lines.popFirst() {
                let content = trimmed(inner)
                if content.starts(with: end) {
                    guard content.elementsEqual(expectedEnd) else {
                        throw ModelError(.invalidPEM,
                                         "PEM block '\(label.prefix(40))' ends with '\(string(content).prefix(64))'; expected '-----END \(label.prefix(40))-----'")
                    }
                    closed = true
                    break
                }
                if content.contains(UInt8(ascii: ":")) {
                    throw ModelError(.invalidPEM, "PEM headers (such as '\(string(content).prefix(40))') are not supported")
                }
                body.append(contentsOf: content)
            }
            guard closed else {
                throw ModelError(.invalidPEM, "PEM block '\(label.prefix(40))' is truncated: no END line")
            }
            guard !body.isEmpty, let der = Data(base64Encoded: Data(body)) else {
                throw ModelError(.invalidPEM, "the body of PEM block '\(label.prefix(40))' is not valid base64")
            }
            blocks.append(PEMBlock(label: label, der: Array(der)))
            if blocks.count >= limit { break }
        }
        return blocks
    }

    /// The PEM text, base64 wrapped at 64 columns.
    public var pem: String { String(decoding: pemBytes, as: UTF8.self) }

    /// ``pem`` as its ASCII bytes.
    public var pemBytes: [UInt8] {
        let encoded = Base64Text.encodedBytes(der)
        var out = Array("-----BEGIN \(label)-----\n".utf8)
        out.reserveCapacity(2 * out.count + encoded.count + encoded.count / 64 + 2)
        var index = 0
        while index < encoded.count {
            let end = min(index + 64, encoded.count)
            out.append(contentsOf: encoded[index..<end])
            out.append(0x0A)
            index = end
        }
        out.append(contentsOf: "-----END \(label)-----\n".utf8)
        return out
    }
}
