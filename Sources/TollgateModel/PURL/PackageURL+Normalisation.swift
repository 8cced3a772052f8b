/// Type-specific normalisation and percent-encoding for `PackageURL`
/// (purl spec, "PURL-TYPES.rst" and "Character encoding").
extension PackageURL {
    /// The result of applying a type's rules to the raw components.
    struct Normalised {
        var namespace: String?
        var name: String
        var version: String?
    }

    /// Applies the per-type rules from PURL-TYPES.rst.
    ///
    /// Case is folded only where the ecosystem's registry is case-insensitive and the spec says
    /// so; Go, Cargo, RubyGems, NuGet and Maven keep case because their names are case-sensitive
    /// (or the spec keeps them as published).
    static func normalise(type: String, namespace: String?, name: String, version: String?,
                          qualifiers: [String: String]) throws(ModelError) -> Normalised {
        var result = Normalised(namespace: namespace, name: name, version: version)
        switch type {
        case "pypi":
            // PEP 503: lowercase, runs of '-', '_' and '.' become a single '-'.
            result.name = pep503(name)
        case "npm":
            // npm names must be lowercase (package.json spec); the scope is the namespace.
            result.namespace = namespace?.lowercased()
            result.name = name.lowercased()
        case "github", "bitbucket", "composer", "deb", "apk", "alpm", "hex", "bitnami":
            result.namespace = namespace?.lowercased()
            result.name = name.lowercased()
        case "rpm":
            result.namespace = namespace?.lowercased()
        case "pub":
            result.name = name.lowercased()
        case "oci":
            result.name = name.lowercased()
        case "huggingface":
            result.version = version?.lowercased()
        case "maven":
            guard namespace != nil else {
                throw ModelError(.invalidPurl, "a Maven purl needs a namespace (the groupId); found only the name '\(name)'.")
            }
        case "swift":
            // The namespace is the source host and owner (github.com/apple).
            guard namespace != nil else {
                throw ModelError(.invalidPurl, "a swift purl needs a namespace (source host and owner); found only the name '\(name)'.")
            }
        case "conan":
            // A conan namespace (user) and the channel qualifier come together or not at all.
            guard (namespace == nil) == (qualifiers["channel"] == nil) else {
                throw ModelError(.invalidPurl, "a conan purl has a namespace (user) exactly when it has a 'channel' qualifier.")
            }
        case "golang", "cargo", "gem", "nuget", "cocoapods", "conda", "cran",
             "docker", "generic", "hackage", "mlflow", "qpm", "swid", "luarocks", "julia", "otp":
            break
        default:
            break
        }
        return result
    }

    /// PEP 503 name normalisation: `re.sub(r"[-_.]+", "-", name).lower()`.
    public static func pep503(_ name: String) -> String {
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII names (all of PyPI's) byte by byte: no Character or String per letter.
            var bytes: [UInt8] = []
            bytes.reserveCapacity(name.utf8.count)
            var lastWasSeparator = false
            for byte in name.utf8 {
                if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") {
                    if !lastWasSeparator { bytes.append(UInt8(ascii: "-")) }
                    lastWasSeparator = true
                } else {
                    bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                    lastWasSeparator = false
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var out = ""
        out.reserveCapacity(name.utf8.count)
        var lastWasSeparator = false
        for character in name {
            if character == "-" || character == "_" || character == "." {
                if !lastWasSeparator { out.append("-") }
                lastWasSeparator = true
            } else {
                out += character.lowercased()
                lastWasSeparator = false
            }
        }
        return out
    }

    static func isValidType(_ type: String) -> Bool {
        guard let first = type.unicodeScalars.first, first.isASCIILetter else { return false }
        return type.unicodeScalars.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "." || $0 == "+" || $0 == "-" }
    }

    static func isValidQualifierKey(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first.isASCIILetter else { return false }
        return key.unicodeScalars.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "." || $0 == "-" || $0 == "_" }
    }

    /// Percent-encodes every byte except unreserved characters and ':' (which the spec says
    /// need not be encoded); `/` is kept in qualifier values (e.g. `repository_url`).
    static func percentEncode(_ value: String, keepSlash: Bool = false) -> String {
        let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            let isUnreserved = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x2E || byte == 0x5F
                || byte == 0x7E || byte == 0x3A || (keepSlash && byte == 0x2F)
            if isUnreserved {
                bytes.append(byte)
            } else {
                bytes.append(0x25)
                bytes.append(hexDigits[Int(byte >> 4)])
                bytes.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Decodes `%XX` escapes; rejects malformed escapes and bytes that are not UTF-8. (Also the
    /// unquoting of a purl-spec `vers:` range's versions.)
    public static func percentDecode(_ value: Substring, component: String) throws(ModelError) -> String {
        guard value.utf8.contains(0x25) else { return String(value) }
        var bytes: [UInt8] = []
        var iterator = Array(value.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == 0x25 {
                guard let high = iterator.popFirst().flatMap(hexValue),
                      let low = iterator.popFirst().flatMap(hexValue) else {
                    throw ModelError(.invalidPurl, "purl \(component) '\(value)' has a malformed percent-escape.")
                }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw ModelError(.invalidPurl, "purl \(component) '\(value)' does not decode to UTF-8.")
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A) }
    fileprivate var isASCIIDigit: Bool { value >= 0x30 && value <= 0x39 }
}
