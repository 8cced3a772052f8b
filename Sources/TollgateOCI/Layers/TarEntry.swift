/// One entry of a tarball, as ``TarStream`` reports it.
package struct TarEntry: Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
        case file, directory, symlink, hardlink, other
    }

    /// The normalised path: no leading `/` or `./`, no empty or `.` components, never `..`.
    package var path: String
    package var kind: Kind
    package var size: Int64
    package var linkTarget: String
    /// Permission bits (the header's mode field), owner and group ids and names, and modification
    /// time in seconds since the epoch (PAX `mtime`, `uid`, `gid`, `uname`, `gname` override them).
    package var mode: Int64 = 0
    package var uid: Int64 = 0
    package var gid: Int64 = 0
    package var userName = ""
    package var groupName = ""
    package var modificationTime: Double = 0

    package init(path: String, kind: Kind, size: Int64, linkTarget: String) {
        self.path = path
        self.kind = kind
        self.size = size
        self.linkTarget = linkTarget
    }
}
