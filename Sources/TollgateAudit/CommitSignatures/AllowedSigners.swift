/// An allowed-signers file (`ssh-keygen(1)` ALLOWED SIGNERS; Git's `gpg.ssh.allowedSignersFile`): each line
/// `PRINCIPALS [OPTIONS] KEYTYPE BASE64`, principals comma-separated, options such as `namespaces="git"`.
public struct AllowedSigners: Sendable {
    public struct Entry: Sendable {
        public let principals: [String]
        public let namespaces: [String]?
        public let key: SSHPublicKey
        public let line: Int
    }

    public let entries: [Entry]
    /// Lines that could not be read, by number.
    public let skipped: [Int]

    public init(text: String) {
        var entries: [Entry] = []
        var skipped: [Int] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let fields = line.split(separator: " ").map(String.init)
            guard let keyIndex = fields.firstIndex(where: { $0.hasPrefix("ssh-") || $0.hasPrefix("ecdsa-") }), keyIndex >= 1,
                  keyIndex + 1 < fields.count, let key = SSHPublicKey(text: "\(fields[keyIndex]) \(fields[keyIndex + 1])") else {
                skipped.append(index + 1)
                continue
            }
            let options = fields[1..<keyIndex].joined(separator: " ")
            var namespaces: [String]?
            if let range = options.range(of: "namespaces=\"") {
                let rest = options[range.upperBound...]
                namespaces = rest.prefix { $0 != "\"" }.split(separator: ",").map(String.init)
            }
            entries.append(Entry(principals: fields[0].split(separator: ",").map(String.init), namespaces: namespaces, key: key,
                                 line: index + 1))
        }
        self.entries = entries
        self.skipped = skipped
    }

    /// The entry allowed to sign in `namespace` with `key`, if any.
    public func entry(for key: SSHPublicKey, namespace: String) -> Entry? {
        entries.first { $0.key == key && ($0.namespaces?.contains(namespace) ?? true) }
    }
}
