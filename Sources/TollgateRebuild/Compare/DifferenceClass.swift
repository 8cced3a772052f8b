/// Why two builds of one entry differ, each with the fix reproducible-builds.org and diffoscope
/// users reach for first.
public enum DifferenceClass: String, Sendable, Codable, Hashable, CaseIterable, Comparable {
    /// The bytes differ and no known cause explains it: a real difference in what was built.
    case content
    /// The entry is in one build only.
    case presence
    /// The archive records different modification times.
    case modificationTime = "modification-time"
    /// The archive lists the same entries in another order.
    case entryOrder = "entry-order"
    /// The archive records different owners, groups or permission bits.
    case ownership
    /// The bytes embed the directory the build ran in.
    case buildPath = "build-path"
    /// The bytes embed the time of the build (a `.pyc` header, a jar manifest, `pom.properties`, `__DATE__`).
    case embeddedTimestamp = "embedded-timestamp"
    /// The same uncompressed bytes, compressed differently (a gzip header's time or name, another level).
    case compression

    public var title: String {
        switch self {
        case .content: "content"
        case .presence: "only in one build"
        case .modificationTime: "modification time"
        case .entryOrder: "entry order"
        case .ownership: "owner or permissions"
        case .buildPath: "embedded build path"
        case .embeddedTimestamp: "embedded timestamp"
        case .compression: "compression"
        }
    }

    public var fix: String {
        switch self {
        case .content:
            "a real difference in what was built: compare the inputs both builds recorded (source commit, lockfile digests, "
                + "toolchain versions, environment: `tollgate provenance generate` records them) and run with --deep"
        case .presence:
            "the builds produced different file sets: a file generated conditionally, a stray file picked up by a glob, "
                + "or a different input; compare both build logs"
        case .modificationTime:
            "set SOURCE_DATE_EPOCH and clamp times to it: tar --mtime=@$SOURCE_DATE_EPOCH --clamp-mtime; "
                + "touch -d @$SOURCE_DATE_EPOCH before zip; jar --date; ZipInfo.date_time; "
                + "Maven project.build.outputTimestamp"
        case .entryOrder:
            "sort the entries: tar --sort=name; zip and jar from a sorted list (find . | LC_ALL=C sort | zip -X -@)"
        case .ownership:
            "normalise owners and modes: tar --owner=0 --group=0 --numeric-owner --mode=go-w; umask 022; zip -X"
        case .buildPath:
            "map the build directory to a fixed one: -ffile-prefix-map=$PWD=. (C, C++), --remap-path-prefix (Rust), "
                + "-trimpath (Go), -Xswiftc -file-prefix-map / -debug-prefix-map (Swift), or build in a fixed path"
        case .embeddedTimestamp:
            "honour SOURCE_DATE_EPOCH: python -m py_compile / compileall --invalidation-mode checked-hash for .pyc; "
                + "Maven project.build.outputTimestamp for MANIFEST.MF and pom.properties; no __DATE__/__TIME__; "
                + "strip-nondeterminism as a last resort"
        case .compression:
            "pin the compressor: gzip -n (no name, no time), the same level and implementation on both sides"
        }
    }

    public static func < (lhs: DifferenceClass, rhs: DifferenceClass) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
