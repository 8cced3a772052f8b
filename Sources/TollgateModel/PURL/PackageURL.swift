/// A Package URL (purl): `pkg:type/namespace/name@version?qualifiers#subpath`.
///
/// Parsing and the canonical form follow the purl specification
/// (https://github.com/package-url/purl-spec, "PURL-SPECIFICATION.rst", sections "Rules for each
/// purl component" and "How to parse / build a purl string") and the type-specific rules in
/// "PURL-TYPES.rst". Values are normalised when constructed, so two purls that name the same
/// package compare equal: `pkg:PyPI/Django_Rest.Framework@3.0` equals
/// `pkg:pypi/django-rest-framework@3.0`.
public struct PackageURL: Hashable, Sendable, CustomStringConvertible, Comparable {
    /// The package type (ecosystem), lowercased: `npm`, `pypi`, `maven`, `golang`, ...
    public let type: String
    /// The namespace (npm scope such as `@angular`, Maven groupId, Go module path prefix,
    /// distro vendor for deb/rpm/apk), unencoded, segments joined with `/`. `nil` when absent.
    public let namespace: String?
    /// The package name, unencoded and normalised for its type.
    public let name: String
    /// The version, unencoded and unchanged (except for types whose spec says otherwise).
    public let version: String?
    /// Qualifiers with lowercased keys and unencoded, non-empty values.
    public let qualifiers: [String: String]
    /// The subpath inside the package, unencoded, without leading/trailing `/`.
    public let subpath: String?

    /// The canonical string, built once when the purl is made by `init(type:…)` or
    /// `init(parsing:)` (a scan and the gate ask for it per component); nil for derived values
    /// (`withoutVersion`, `packageKey`, `with(version:)`), which build it on demand. Not part of
    /// equality or hashing: it is a function of the other fields.
    private var canonical: String?

    /// The longest purl string accepted by `init(parsing:)`.
    public static let maximumLength = 4096

    /// Builds a purl from its components and normalises them for the type.
    ///
    /// Throws `model.invalid-purl` when a component breaks the purl rules (for example a type
    /// with invalid characters, an empty name, or a Maven purl without a namespace).
    public init(
        type: String,
        namespace: String? = nil,
        name: String,
        version: String? = nil,
        qualifiers: [String: String] = [:],
        subpath: String? = nil
    ) throws(ModelError) {
        let loweredType = type.lowercased()
        guard PackageURL.isValidType(loweredType) else {
            throw ModelError(.invalidPurl, "purl type '\(type)' must start with a letter and contain only letters, digits, '.', '+' and '-'.")
        }
        var normalisedQualifiers: [String: String] = [:]
        for (key, value) in qualifiers {
            let lowered = key.lowercased()
            guard PackageURL.isValidQualifierKey(lowered) else {
                throw ModelError(.invalidPurl, "purl qualifier key '\(key)' must start with a letter and contain only letters, digits, '.', '-' and '_'.")
            }
            if value.isEmpty { continue }
            normalisedQualifiers[lowered] = value
        }
        var ns: String? = namespace.map { value in
            value.split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
        }
        if ns?.isEmpty == true { ns = nil }
        var normalisedSubpath: String? = subpath.map { value in
            value.split(separator: "/", omittingEmptySubsequences: true)
                .filter { $0 != "." && $0 != ".." }
                .joined(separator: "/")
        }
        if normalisedSubpath?.isEmpty == true { normalisedSubpath = nil }
        let normalisedVersion = (version?.isEmpty ?? true) ? nil : version

        let rules = try PackageURL.normalise(type: loweredType, namespace: ns, name: name,
                                             version: normalisedVersion, qualifiers: normalisedQualifiers)
        guard !rules.name.isEmpty else {
            throw ModelError(.invalidPurl, "a purl needs a name; found an empty name for type '\(loweredType)'.")
        }
        self.type = loweredType
        self.namespace = rules.namespace
        self.name = rules.name
        self.version = rules.version
        self.qualifiers = normalisedQualifiers
        self.subpath = normalisedSubpath
        self.canonical = nil
        self.canonical = render()
    }

    /// Parses a purl string, following "How to parse a purl string" in the purl specification.
    ///
    /// Accepts `pkg:` in any case and tolerates `pkg://` (slashes after the scheme are ignored,
    /// as the spec requires). Throws `model.invalid-purl` for anything else that is malformed.
    ///
    /// Parsing is a pure function of the text, so results are remembered (`PackageURLCache`): the
    /// same components recur across the SBOMs a gate or server reads.
    public init(parsing string: String) throws(ModelError) {
        if let known = PackageURLCache.shared.lookup(string) {
            self = known
            return
        }
        self = try PackageURL(parsingUncached: string)
        PackageURLCache.shared.remember(self, for: string)
    }

    private init(parsingUncached string: String) throws(ModelError) {
        guard string.utf8.count <= PackageURL.maximumLength else {
            throw ModelError(.invalidPurl, "a purl must be at most \(PackageURL.maximumLength) bytes; found \(string.utf8.count).")
        }
        // Printable ASCII (the usual purl) needs no Unicode property lookups; anything else is
        // checked character by character.
        let plainASCII = string.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        guard plainASCII || !string.contains(where: { $0.isWhitespace && $0 != " " }) else {
            throw ModelError(.invalidPurl, "a purl must not contain control or whitespace characters; found one in '\(string)'.")
        }
        var remainder = Substring(string)

        // 1. subpath: everything after the first '#'.
        var subpath: String?
        if let hash = remainder.utf8.firstIndex(of: UInt8(ascii: "#")) {
            let raw = remainder[remainder.utf8.index(after: hash)...]
            remainder = remainder[..<hash]
            var segments: [String] = []
            for segment in raw.split(separator: "/", omittingEmptySubsequences: true) {
                let decoded = try PackageURL.percentDecode(segment, component: "subpath")
                if decoded == "." || decoded == ".." || decoded.isEmpty { continue }
                segments.append(decoded)
            }
            subpath = segments.isEmpty ? nil : segments.joined(separator: "/")
        }

        // 2. qualifiers: everything after the first '?'.
        var qualifiers: [String: String] = [:]
        if let question = remainder.utf8.firstIndex(of: UInt8(ascii: "?")) {
            let raw = remainder[remainder.utf8.index(after: question)...]
            remainder = remainder[..<question]
            for pair in raw.split(separator: "&", omittingEmptySubsequences: true) {
                guard let equals = pair.firstIndex(of: "=") else {
                    throw ModelError(.invalidPurl, "purl qualifier '\(pair)' must have the form key=value.")
                }
                let key = pair[..<equals].lowercased()
                guard PackageURL.isValidQualifierKey(key) else {
                    throw ModelError(.invalidPurl, "purl qualifier key '\(pair[..<equals])' must start with a letter and contain only letters, digits, '.', '-' and '_'.")
                }
                guard qualifiers[key] == nil else {
                    throw ModelError(.invalidPurl, "purl qualifier key '\(key)' must appear once; found it twice.")
                }
                let value = try PackageURL.percentDecode(pair[pair.index(after: equals)...], component: "qualifier")
                if value.isEmpty { continue }
                qualifiers[key] = value
            }
        }

        // 3. scheme.
        guard let colon = remainder.utf8.firstIndex(of: UInt8(ascii: ":")),
              remainder[..<colon].lowercased() == "pkg" else {
            throw ModelError(.invalidPurl, "a purl must start with 'pkg:'; found '\(string.prefix(40))'.")
        }
        remainder = remainder[remainder.utf8.index(after: colon)...]
        while remainder.first == "/" { remainder = remainder.dropFirst() }

        // 4. type.
        guard let slash = remainder.utf8.firstIndex(of: UInt8(ascii: "/")) else {
            throw ModelError(.invalidPurl, "a purl needs 'pkg:type/name'; found no '/' after the type in '\(string)'.")
        }
        let type = String(remainder[..<slash])
        remainder = remainder[remainder.utf8.index(after: slash)...]
        while remainder.last == "/" { remainder = remainder.dropLast() }

        // 5. version: after the last '@' (an npm scope '@' is in the namespace, before a '/').
        var version: String?
        if let at = remainder.utf8.lastIndex(of: UInt8(ascii: "@")),
           !remainder.utf8[remainder.utf8.index(after: at)...].contains(UInt8(ascii: "/")) {
            let raw = remainder[remainder.utf8.index(after: at)...]
            let before = remainder[..<at]
            guard !(before.isEmpty || before.last == "/") else {
                throw ModelError(.invalidPurl, "a purl needs a name before '@version'; found none in '\(string)'.")
            }
            version = try PackageURL.percentDecode(raw, component: "version")
            remainder = before
        }

        // 6. name and namespace.
        var segments = remainder.split(separator: "/", omittingEmptySubsequences: true)
        guard let rawName = segments.popLast() else {
            throw ModelError(.invalidPurl, "a purl needs a name after the type; found none in '\(string)'.")
        }
        let name = try PackageURL.percentDecode(rawName, component: "name")
        var namespaceParts: [String] = []
        for segment in segments {
            let decoded = try PackageURL.percentDecode(segment, component: "namespace")
            guard !decoded.contains("/") else {
                throw ModelError(.invalidPurl, "a purl namespace segment must not contain an encoded '/'; found '\(segment)'.")
            }
            if !decoded.isEmpty { namespaceParts.append(decoded) }
        }
        let namespace = namespaceParts.isEmpty ? nil : namespaceParts.joined(separator: "/")
        try self.init(type: type, namespace: namespace, name: name, version: version,
                      qualifiers: qualifiers, subpath: subpath)
    }

    /// The canonical purl string: normalised, percent-encoded, qualifiers sorted by key.
    public var description: String {
        canonical ?? render()
    }

    public static func == (lhs: PackageURL, rhs: PackageURL) -> Bool {
        lhs.type == rhs.type && lhs.namespace == rhs.namespace && lhs.name == rhs.name && lhs.version == rhs.version
            && lhs.qualifiers == rhs.qualifiers && lhs.subpath == rhs.subpath
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(type)
        hasher.combine(namespace)
        hasher.combine(name)
        hasher.combine(version)
        hasher.combine(qualifiers)
        hasher.combine(subpath)
    }

    /// Builds the canonical string: normalised, percent-encoded, qualifiers sorted by key.
    private func render() -> String {
        var out = "pkg:" + type + "/"
        if let namespace {
            out += namespace.split(separator: "/").map { PackageURL.percentEncode(String($0)) }.joined(separator: "/")
            out += "/"
        }
        out += PackageURL.percentEncode(name)
        if let version {
            out += "@" + PackageURL.percentEncode(version)
        }
        if !qualifiers.isEmpty {
            out += "?" + qualifiers.keys.sorted().map { key in
                key + "=" + PackageURL.percentEncode(qualifiers[key] ?? "", keepSlash: true)
            }.joined(separator: "&")
        }
        if let subpath {
            out += "#" + subpath.split(separator: "/").map { PackageURL.percentEncode(String($0)) }.joined(separator: "/")
        }
        return out
    }

    /// The same purl without version (qualifiers and subpath kept): the identity of the package.
    public var withoutVersion: PackageURL {
        PackageURL(unchecked: type, namespace: namespace, name: name, version: nil,
                   qualifiers: qualifiers, subpath: subpath)
    }

    /// The same purl with only type, namespace and name: the key advisory databases match on.
    public var packageKey: PackageURL {
        PackageURL(unchecked: type, namespace: namespace, name: name, version: nil,
                   qualifiers: [:], subpath: nil)
    }

    /// The namespace and name joined with `/` (or with `:` for Maven, as OSV names them).
    public var fullName: String {
        guard let namespace else { return name }
        return type == "maven" ? namespace + ":" + name : namespace + "/" + name
    }

    /// Returns a copy with another version (`nil` removes it), normalised for the type.
    public func with(version newVersion: String?) -> PackageURL {
        let v = (newVersion?.isEmpty ?? true) ? nil : newVersion
        return PackageURL(unchecked: type, namespace: namespace, name: name, version: v,
                          qualifiers: qualifiers, subpath: subpath)
    }

    public static func < (lhs: PackageURL, rhs: PackageURL) -> Bool {
        lhs.description < rhs.description
    }

    private init(unchecked type: String, namespace: String?, name: String, version: String?,
                 qualifiers: [String: String], subpath: String?) {
        self.type = type
        self.namespace = namespace
        self.name = name
        self.version = version
        self.qualifiers = qualifiers
        self.subpath = subpath
        self.canonical = nil
    }
}

extension PackageURL: Codable {
    /// Encodes as the canonical purl string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Decodes from a purl string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let string = try container.decode(String.self)
        do {
            try self.init(parsing: string)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.reason)
        }
    }
}
