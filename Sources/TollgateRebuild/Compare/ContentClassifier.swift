/// Classifies why two versions of one entry's bytes differ: a `.pyc` header's source time, an
/// embedded build path (mapping one build's directory to the other's makes the bytes equal), a
/// timestamp written into text (a jar's `MANIFEST.MF`, `pom.properties`, a generated header), or
/// plain content.
enum ContentClassifier {
    struct Verdict {
        var classes: [DifferenceClass] = []
        var details: [String] = []
        var buildPaths: BuildPathMap?
    }

    static func classify(path: String, release: [UInt8]?, rebuilt: [UInt8]?) -> Verdict {
        guard let release, let rebuilt else {
            return Verdict(classes: [.content], details: ["too large to inspect: compared by digest only"])
        }
        if path.hasSuffix(".pyc"), let verdict = pyc(release, rebuilt) { return verdict }
        return generic(release, rebuilt)
    }

    /// PEP 552: magic, flags, then either the source's mtime and size (flags 0) or its hash.
    private static func pyc(_ release: [UInt8], _ rebuilt: [UInt8]) -> Verdict? {
        guard release.count >= 16, rebuilt.count >= 16, release[0..<8] == rebuilt[0..<8] else { return nil }
        func le32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
            UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
        }
        let flags = le32(release, 4)
        var verdict = Verdict()
        if flags == 0, release[8..<12] != rebuilt[8..<12] {
            verdict.classes.append(.embeddedTimestamp)
            verdict.details.append(".pyc header: source mtime \(le32(release, 8)) → \(le32(rebuilt, 8))")
        }
        if flags == 0, release[12..<16] != rebuilt[12..<16] {
            verdict.classes.append(.content)
            verdict.details.append(".pyc header: source size \(le32(release, 12)) → \(le32(rebuilt, 12))")
        }
        if flags != 0, release[8..<16] != rebuilt[8..<16] {
            verdict.classes.append(.content)
            verdict.details.append(".pyc header: the source hash differs (the sources differ)")
        }
        if release[16...] != rebuilt[16...] {
            let body = generic(Array(release[16...]), Array(rebuilt[16...]))
            verdict.classes += body.classes
            verdict.details += body.details.map { "code object: \($0)" }
            verdict.buildPaths = body.buildPaths
        }
        return verdict
    }

    private static func generic(_ release: [UInt8], _ rebuilt: [UInt8]) -> Verdict {
        var verdict = Verdict()
        let map = BuildPathMap.derive(release: BuildPathMap.absolutePaths(in: release), rebuilt: BuildPathMap.absolutePaths(in: rebuilt))
        var mapped = release
        if let map {
            verdict.buildPaths = map
            mapped = BuildPathMap.replace(map.release, with: map.rebuilt, in: release)
            verdict.classes.append(.buildPath)
            verdict.details.append("build path '\(map.release)' → '\(map.rebuilt)'")
            if mapped == rebuilt { return verdict }
        }
        if isText(mapped), isText(rebuilt) {
            let left = lines(mapped)
            let right = lines(rebuilt)
            var changed: [(Int, String, String)] = []
            var explained = left.count == right.count
            var timestamps = false
            for (number, (a, b)) in zip(left, right).enumerated() where a != b {
                changed.append((number + 1, a, b))
                let (normalA, foundA) = Timestamps.mask(a)
                let (normalB, foundB) = Timestamps.mask(b)
                if normalA == normalB, foundA || foundB { timestamps = true } else { explained = false }
            }
            if timestamps { verdict.classes.append(.embeddedTimestamp) }
            if !explained { verdict.classes.append(.content) }
            if left.count != right.count { verdict.details.append("\(left.count) lines → \(right.count) lines") }
            for (number, a, b) in changed.prefix(3) {
                verdict.details.append("line \(number): '\(a.prefix(160))' → '\(b.prefix(160))'")
            }
            if changed.count > 3 { verdict.details.append("\(changed.count - 3) more lines differ") }
            return verdict
        }
        // Binary: a timestamp is a printable string that one side has and the other has masked alike.
        let (onlyA, onlyB) = Timestamps.differing(mapped, rebuilt)
        if !onlyA.isEmpty, !onlyB.isEmpty {
            verdict.classes.append(.embeddedTimestamp)
            verdict.details.append("timestamps '\(onlyA.prefix(2).joined(separator: "', '"))' → '\(onlyB.prefix(2).joined(separator: "', '"))'")
        }
        let offset = (0..<min(mapped.count, rebuilt.count)).first { mapped[$0] != rebuilt[$0] } ?? min(mapped.count, rebuilt.count)
        if verdict.classes.isEmpty {
            verdict.classes.append(.content)
        } else if verdict.buildPaths != nil {
            verdict.classes.append(.content)
            verdict.details.append("bytes still differ once the build path is mapped (offsets and sizes shift with the path's length, "
                                   + "or another cause)")
        }
        verdict.details.append("\(release.count) → \(rebuilt.count) bytes; first difference at byte \(offset)")
        return verdict
    }

    static func isText(_ bytes: [UInt8]) -> Bool {
        !bytes.prefix(8192).contains(0) && String(validating: bytes.prefix(1 << 20), as: UTF8.self) != nil
    }

    private static func lines(_ bytes: [UInt8]) -> [String] {
        // Split on bytes: in a String, "\r\n" is one Character and would not split on "\n".
        bytes.split(separator: 0x0A, omittingEmptySubsequences: false).prefix(200_000)
            .map { String(decoding: $0.last == 0x0D ? $0.dropLast() : $0, as: UTF8.self) }
    }
}
