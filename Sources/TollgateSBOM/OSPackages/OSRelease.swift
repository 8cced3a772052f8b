import Foundation

/// `/etc/os-release` (freedesktop.org os-release(5)): which distribution an image is, for the
/// `distro` qualifier of its package purls.
public struct OSRelease: Sendable, Hashable {
    /// `debian`, `ubuntu`, `alpine`.
    public var id: String
    /// `12`, `22.04`, `3.19.1`; nil on testing/unstable releases.
    public var versionID: String?
    public var versionCodename: String?
    public var prettyName: String?

    public init(id: String, versionID: String? = nil, versionCodename: String? = nil, prettyName: String? = nil) {
        self.id = id
        self.versionID = versionID
        self.versionCodename = versionCodename
        self.prettyName = prettyName
    }

    /// Parses `KEY=value` lines (values may be quoted); nil without an `ID`.
    public init?(parsing bytes: [UInt8]) {
        var fields: [String: String] = [:]
        for line in String(decoding: bytes.prefix(64 << 10), as: UTF8.self).split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { continue }
            var value = trimmed[trimmed.index(after: equals)...]
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = value.dropFirst().dropLast()
            }
            fields[String(trimmed[..<equals])] = value.replacingOccurrences(of: "\\\"", with: "\"")
        }
        guard let id = fields["ID"]?.lowercased(), !id.isEmpty else { return nil }
        self.init(id: id, versionID: fields["VERSION_ID"].flatMap { $0.isEmpty ? nil : $0 },
                  versionCodename: fields["VERSION_CODENAME"].flatMap { $0.isEmpty ? nil : $0 },
                  prettyName: fields["PRETTY_NAME"])
    }

    /// The purl `distro` qualifier: `debian-12`, `ubuntu-22.04`, `alpine-3.19.1` (or the codename).
    public var distroQualifier: String? {
        if let versionID { return "\(id)-\(versionID)" }
        return versionCodename
    }
}
