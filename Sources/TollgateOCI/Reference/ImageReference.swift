import TollgateModel

/// An image reference, parsed and normalised as docker/distribution's `reference` package does:
/// `alpine` is `docker.io/library/alpine:latest`, `index.docker.io/x/y` is `docker.io/x/y`, a
/// first component with `.` or `:` (or `localhost`) is a registry, and in `name:tag@sha256:…`
/// the digest wins (the tag is kept only to be reported).
///
/// Grammar: https://github.com/distribution/reference/blob/main/reference.go
public struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    public let repository: Repository
    /// The tag: as written, or `latest` when neither a tag nor a digest was given.
    public let tag: String?
    /// The digest, when the reference pins one. It is what is fetched and verified.
    public let digest: Digest?
    /// What the text itself said (before the implicit `latest`).
    public let written: (tag: String?, digest: Digest?)

    /// The longest reference text accepted.
    public static let maxLength = 1024
    /// The longest repository name (registry included) distribution accepts.
    public static let maxNameLength = 255

    public init(repository: Repository, tag: String? = nil, digest: Digest? = nil) {
        self.repository = repository
        self.tag = tag ?? (digest == nil ? "latest" : nil)
        self.digest = digest
        written = (tag, digest)
    }

    public static func == (lhs: ImageReference, rhs: ImageReference) -> Bool {
        lhs.repository == rhs.repository && lhs.tag == rhs.tag && lhs.digest == rhs.digest
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(repository)
        hasher.combine(tag)
        hasher.combine(digest)
    }

    public init(parsing text: String) throws(OCIError) {
        func fail(_ why: String) -> OCIError {
            OCIError(.invalidReference, "'\(text.prefix(200))' is not an image reference: \(why)")
        }
        guard !text.isEmpty else { throw fail("it is empty") }
        guard text.utf8.count <= Self.maxLength else { throw fail("it is longer than \(Self.maxLength) bytes") }
        var rest = Substring(text)
        var digest: Digest?
        if let at = rest.firstIndex(of: "@") {
            let digestText = String(rest[rest.index(after: at)...])
            do throws(ModelError) {
                let parsed = try Digest(parsing: digestText)
                guard digestText == parsed.description else { throw ModelError(.invalidDigest, "digest hex must be lowercase") }
                digest = parsed
            } catch {
                throw fail("the digest '\(digestText.prefix(100))' is not ALGORITHM:HEX (\(error.reason))")
            }
            rest = rest[..<at]
        }
        var tag: String?
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            let tagText = String(rest[rest.index(after: colon)...])
            guard Self.isTag(tagText) else { throw fail("the tag '\(tagText.prefix(140))' is not [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}") }
            tag = tagText
            rest = rest[..<colon]
        }
        // The first component is a registry when it has '.' or ':', is `localhost`, or has capitals.
        var registry = Repository.dockerHub
        var path = rest
        if let slash = rest.firstIndex(of: "/") {
            let first = rest[..<slash]
            if first.contains(".") || first.contains(":") || first == "localhost" || first.lowercased() != first {
                registry = String(first)
                path = rest[rest.index(after: slash)...]
                guard Self.isRegistry(registry) else { throw fail("the registry '\(registry.prefix(100))' is not HOST[:PORT]") }
            }
        }
        if registry == "index.docker.io" { registry = Repository.dockerHub }
        guard !path.isEmpty else { throw fail("the repository name is empty") }
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        for component in components where !Self.isPathComponent(component) {
            throw fail("the path component '\(component.prefix(100))' is not lowercase letters and digits joined by '.', '_', '__' or '-'")
        }
        var name = String(path)
        if registry == Repository.dockerHub && components.count == 1 { name = "library/" + name }
        guard registry.utf8.count + 1 + name.utf8.count <= Self.maxNameLength else {
            throw fail("the repository name is longer than \(Self.maxNameLength) characters")
        }
        self.init(repository: Repository(registry: registry, name: name), tag: tag, digest: digest)
    }

    /// The manifest reference the registry is asked for: the digest when there is one, else the tag.
    public var manifestReference: String { digest?.description ?? tag ?? "latest" }

    /// The same image pinned to `digest` (the tag is kept for reports).
    public func pinned(to digest: Digest) -> ImageReference {
        ImageReference(repository: repository, tag: tag, digest: digest)
    }

    /// `docker.io/library/alpine:3.20`, `ghcr.io/x/y@sha256:…`, `r/x:1@sha256:…`.
    public var description: String {
        repository.description + (tag.map { ":" + $0 } ?? "") + (digest.map { "@" + $0.description } ?? "")
    }

    static func isTag(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, bytes.count <= 128, isWord(first) else { return false }
        return bytes.dropFirst().allSatisfy { isWord($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }

    private static func isWord(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "_")
    }

    private static func isLowerAlnum(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`
    static func isPathComponent(_ text: Substring) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last, isLowerAlnum(first), isLowerAlnum(last) else { return false }
        var index = 0
        while index < bytes.count {
            if isLowerAlnum(bytes[index]) { index += 1; continue }
            var separator: [UInt8] = []
            while index < bytes.count, !isLowerAlnum(bytes[index]) { separator.append(bytes[index]); index += 1 }
            let ok = separator == [UInt8(ascii: ".")] || separator == [UInt8(ascii: "_")] || separator == [UInt8(ascii: "_"), UInt8(ascii: "_")]
                || separator.allSatisfy { $0 == UInt8(ascii: "-") }
            if !ok { return false }
        }
        return true
    }

    /// `host[:port]`, host a DNS name, IPv4 address or bracketed IPv6 address.
    static func isRegistry(_ text: String) -> Bool {
        var host = Substring(text)
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            let inside = host[host.index(after: host.startIndex)..<close]
            guard !inside.isEmpty, inside.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return false }
            let after = host[host.index(after: close)...]
            return after.isEmpty || (after.hasPrefix(":") && isPort(after.dropFirst()))
        }
        if let colon = host.lastIndex(of: ":") {
            guard isPort(host[host.index(after: colon)...]) else { return false }
            host = host[..<colon]
        }
        guard !host.isEmpty, host.utf8.count <= 253 else { return false }
        return host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            guard let first = label.first, let last = label.last, first != "-", last != "-" else { return false }
            return label.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }
        }
    }

    private static func isPort(_ text: Substring) -> Bool {
        guard !text.isEmpty, text.count <= 5, text.allSatisfy({ $0.isASCII && $0.isNumber }), let port = Int(text) else { return false }
        return port > 0 && port <= 65535
    }
}
