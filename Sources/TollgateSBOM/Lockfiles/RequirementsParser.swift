import Foundation

/// pip `requirements.txt` (https://pip.pypa.io/en/stable/reference/requirements-file-format/).
///
/// Only exact pins (`name==1.2.3`, `name===1.2.3`) become packages, with their `--hash` values.
/// Everything that does not name one version (ranges, wildcards, bare names, URLs, local paths,
/// editable installs, environment variables) is reported as a warning and never guessed.
/// `-r other.txt` includes are followed through `includeLoader` (cycles and depth are bounded).
public struct RequirementsParser: LockfileParser {
    /// Loads an included requirements file, given the path written after `-r` and the including
    /// file's path. `nil` means includes are reported but not followed.
    public var includeLoader: (@Sendable (_ include: String, _ from: String) -> (path: String, data: Data)?)?
    /// Deepest chain of `-r` includes followed.
    public var maximumIncludeDepth = 16

    public init(includeLoader: (@Sendable (_ include: String, _ from: String) -> (path: String, data: Data)?)? = nil) {
        self.includeLoader = includeLoader
    }

    public func parse(_ data: Data, path: String) throws(SBOMError) -> LockfileParseResult {
        var packages: [LockfilePackage] = []
        var warnings: [SBOMWarning] = []
        var visited: Set<String> = []
        try parseFile(data, path: path, depth: 0, visited: &visited, packages: &packages, warnings: &warnings)
        return LockfileParseResult(kind: .requirementsTxt, path: path, packages: packages, warnings: warnings)
    }

    private func parseFile(_ data: Data, path: String, depth: Int, visited: inout Set<String>,
                           packages: inout [LockfilePackage], warnings: inout [SBOMWarning]) throws(SBOMError) {
        guard data.count <= LockfileLimits.maximumBytes else {
            throw SBOMError(.tooLarge, "requirements file must be at most \(LockfileLimits.maximumBytes) bytes; found \(data.count).")
        }
        visited.insert(path)
        let text = String(decoding: data, as: UTF8.self)
        for (lineNumber, line) in logicalLines(text) {
            func warn(_ code: String, _ message: String, subject: String?) {
                warnings.append(SBOMWarning(code: code, message: "line \(lineNumber): \(message)", file: path, subject: subject))
            }
            if line.hasPrefix("-r ") || line.hasPrefix("--requirement") {
                let include = line.split(whereSeparator: { $0 == " " || $0 == "=" }).dropFirst().first.map(String.init) ?? ""
                guard let includeLoader else {
                    warn("sbom.requirements-include", "'-r \(include)' is not followed.", subject: nil)
                    continue
                }
                guard depth < maximumIncludeDepth, let loaded = includeLoader(include, path) else {
                    warn("sbom.requirements-include", "'-r \(include)' could not be read.", subject: nil)
                    continue
                }
                if visited.contains(loaded.path) { continue }
                try parseFile(loaded.data, path: loaded.path, depth: depth + 1, visited: &visited, packages: &packages, warnings: &warnings)
                continue
            }
            if line.hasPrefix("-e ") || line.hasPrefix("--editable") {
                warn("sbom.unpinned-requirement", "editable requirement '\(line)' has no version; not scanned.", subject: line)
                continue
            }
            if line.hasPrefix("-") {
                // -c constraints, --index-url and other global options name no package.
                if !(line.hasPrefix("-c ") || line.hasPrefix("--")) || line.contains("==") {
                    warn("sbom.invalid-requirement", "'\(line)' is not a requirement.", subject: nil)
                }
                continue
            }
            if line.hasPrefix(".") || line.hasPrefix("/") || line.contains("://") && !line.contains(" @ ") {
                warn("sbom.unpinned-requirement", "'\(line)' is a path or URL, not a pinned version; not scanned.", subject: line)
                continue
            }
            parseRequirement(line, path: path, warn: warn, packages: &packages)
        }
    }

    private func parseRequirement(_ line: String, path: String, warn: (String, String, String?) -> Void, packages: inout [LockfilePackage]) {
        // Split the requirement from its per-requirement options (--hash, -C, --config-settings, ...).
        let tokens = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        var specTokens: [String] = []
        var hashes: [SBOMHash] = []
        var index = 0
        var inOptions = false
        while index < tokens.count {
            let token = tokens[index]
            if token.hasPrefix("-") { inOptions = true }
            if inOptions {
                var hashText: String?
                if token.hasPrefix("--hash=") {
                    hashText = String(token.dropFirst(7))
                } else if token == "--hash", index + 1 < tokens.count {
                    hashText = tokens[index + 1]
                    index += 1
                }
                if let hashText {
                    if let hash = SBOMHash.fromPrefixed(hashText) {
                        hashes.append(hash)
                    } else {
                        warn("sbom.invalid-hash", "'--hash=\(hashText)' is not algorithm:hex of the right length; ignored.", nil)
                    }
                }
            } else {
                specTokens.append(token)
            }
            index += 1
        }
        var spec = specTokens.joined(separator: " ")
        if let semicolon = spec.firstIndex(of: ";") { spec = String(spec[..<semicolon]) }

        // Name: PEP 508 identifier.
        let scalars = Array(spec.unicodeScalars)
        var cursor = 0
        func isNameScalar(_ s: Unicode.Scalar) -> Bool {
            (s.value >= 0x30 && s.value <= 0x39) || (s.value >= 0x41 && s.value <= 0x5A) || (s.value >= 0x61 && s.value <= 0x7A)
                || s == "-" || s == "_" || s == "."
        }
        while cursor < scalars.count, isNameScalar(scalars[cursor]) { cursor += 1 }
        let name = String(String.UnicodeScalarView(scalars[0..<cursor]))
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic || ("0"..."9").contains(first) else {
            warn("sbom.invalid-requirement", "'\(line)' does not start with a package name.", nil)
            return
        }
        var rest = String(String.UnicodeScalarView(scalars[cursor...])).trimmingCharacters(in: .whitespaces)
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else {
                warn("sbom.invalid-requirement", "'\(line)' has an unterminated extras list.", nil)
                return
            }
            rest = String(rest[rest.index(after: close)...]).trimmingCharacters(in: .whitespaces)
        }
        if rest.hasPrefix("@") {
            warn("sbom.unpinned-requirement", "'\(name)' is installed from a URL (\(rest.dropFirst().trimmingCharacters(in: .whitespaces))), not a pinned version; not scanned.", name)
            return
        }
        guard !rest.isEmpty else {
            warn("sbom.unpinned-requirement", "'\(name)' has no version pin; not scanned (pin it with ==).", name)
            return
        }
        let specifiers = rest.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let pinned = specifiers.count == 1 ? exactPin(specifiers[0]) : nil
        guard let version = pinned else {
            warn("sbom.unpinned-requirement", "'\(name) \(rest)' does not pin one version; not scanned (pin it with ==).", name)
            return
        }
        packages.append(LockfilePackage(ecosystem: "PyPI", name: name, version: version,
                                        purl: EcosystemPurl.make(ecosystem: "PyPI", name: name, version: version),
                                        hashes: hashes))
    }

    /// The version of an `==`/`===` specifier naming exactly one version, else `nil`.
    private func exactPin(_ specifier: String) -> String? {
        var body: Substring
        if specifier.hasPrefix("===") {
            body = specifier.dropFirst(3)
        } else if specifier.hasPrefix("==") {
            body = specifier.dropFirst(2)
        } else {
            return nil
        }
        let version = body.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? ""
        guard !version.isEmpty, !version.contains("*"), !version.contains("$"),
              version.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || ".+-_!".unicodeScalars.contains($0) })
        else { return nil }
        return version
    }

    /// Joins backslash continuations and strips comments (`#` at line start or after whitespace).
    private func logicalLines(_ text: String) -> [(Int, String)] {
        var out: [(Int, String)] = []
        var buffer = ""
        var startLine = 0
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if buffer.isEmpty { startLine = offset + 1 }
            if line.hasSuffix("\\") {
                buffer += line.dropLast() + " "
                continue
            }
            buffer += line
            out.append((startLine, stripComment(buffer)))
            buffer = ""
        }
        if !buffer.isEmpty { out.append((startLine, stripComment(buffer))) }
        return out.filter { !$0.1.isEmpty }
    }

    private func stripComment(_ line: String) -> String {
        var previous: Character = " "
        var result = ""
        for character in line {
            if character == "#" && (previous == " " || previous == "\t") { break }
            result.append(character)
            previous = character
        }
        return result.trimmingCharacters(in: .whitespaces)
    }
}
