/// Picks the hash that identifies a Python release: the sdist's (`.tar.gz` / `.zip`) hash, else
/// the only listed file's. A release has many wheels with different hashes; listing them all on
/// one component would claim that every one of them is "the" artifact.
enum PythonHashes {
    static func sdistHash(files: [TOMLValue]) -> [SBOMHash] {
        let entries = files.compactMap(\.table)
        let sdist = entries.first { entry in
            let file = entry["file"]?.string ?? entry["url"]?.string ?? ""
            return file.hasSuffix(".tar.gz") || file.hasSuffix(".zip")
        } ?? (entries.count == 1 ? entries.first : nil)
        guard let hash = sdist?["hash"]?.string.flatMap(SBOMHash.fromPrefixed) else { return [] }
        return [hash]
    }
}
