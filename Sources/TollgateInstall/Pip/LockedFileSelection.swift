import TollgateSBOM

/// Which of the files a lockfile pins for one release `tollgate pip verify` checks: the wheels
/// (those the target interpreter can install, when its tags are known; else every wheel, since
/// each may be installed somewhere), and the sdist only when no wheel fits. A wheel is what pip
/// installs whenever one fits, so an sdist that would never be used is not judged.
public enum LockedFileSelection {
    /// The files to check, and why (for the decision's evidence).
    public static func pick(_ files: [LockfileDistribution], supportedTags: Set<String>?) -> (files: [LockfileDistribution], reason: String) {
        let wheels = files.filter { $0.kind == .wheel }
        let fitting = supportedTags.map { tags in wheels.filter { !tags.isDisjoint(with: Self.tags(ofWheel: $0.filename)) } } ?? wheels
        if !fitting.isEmpty {
            let why = supportedTags == nil ? "every wheel the lockfile pins" : "the wheels the interpreter can install"
            return (fitting, why)
        }
        let sdists = files.filter { $0.kind == .sdist }
        let why = wheels.isEmpty ? "the lockfile pins no wheel" : "none of the \(wheels.count) pinned wheels fits the interpreter"
        return (sdists, sdists.isEmpty ? "\(why) and no sdist" : "\(why): the sdist")
    }

    /// The compatibility tags a wheel file name declares (PEP 425 compressed tag sets expanded):
    /// `pkg-1.0-py2.py3-none-any.whl` → `py2-none-any`, `py3-none-any`.
    public static func tags(ofWheel filename: String) -> Set<String> {
        guard filename.hasSuffix(".whl") else { return [] }
        let parts = filename.dropLast(4).split(separator: "-")
        guard parts.count >= 5 else { return [] }
        let python = parts[parts.count - 3].split(separator: ".")
        let abi = parts[parts.count - 2].split(separator: ".")
        let platform = parts[parts.count - 1].split(separator: ".")
        var result: Set<String> = []
        for p in python.prefix(16) {
            for a in abi.prefix(16) {
                for s in platform.prefix(16) { result.insert("\(p)-\(a)-\(s)") }
            }
        }
        return result
    }
}
