import Foundation
import Testing

/// `tollgate … --help` for every command, compared with the snapshots in Fixtures/help/.
///
/// After changing a command's flags or help, regenerate them and review the diff:
///
///     swift build --build-tests && TOLLGATE_UPDATE_SNAPSHOTS=1 swift test --skip-build --filter HelpSnapshotTests
@Suite("help text snapshots")
struct HelpSnapshotTests {
    static let directory = TollgateProcess.root.appendingPathComponent("Tests/TollgateCLITests/Fixtures/help")
    static let updating = ProcessInfo.processInfo.environment["TOLLGATE_UPDATE_SNAPSHOTS"] == "1"

    static func snapshotName(_ command: String) -> String {
        (["tollgate"] + command.split(separator: " ").map(String.init)).joined(separator: "-") + ".txt"
    }

    @Test("--help matches its snapshot", arguments: CommandTree.all.map(\.name))
    func help(command: String) throws {
        try #require(FileManager.default.isExecutableFile(atPath: TollgateProcess.binary.path), "build the tollgate binary first")
        let arguments = command.split(separator: " ").map(String.init) + ["--help"]
        let result = try TollgateProcess.run(arguments, in: TollgateProcess.root)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let file = Self.directory.appendingPathComponent(Self.snapshotName(command))
        if Self.updating {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try result.stdout.write(to: file)
            return
        }
        let expected = try #require(try? String(contentsOf: file, encoding: .utf8),
                                    "no snapshot \(file.lastPathComponent); run with TOLLGATE_UPDATE_SNAPSHOTS=1")
        #expect(result.text == expected, "help of 'tollgate \(command)' changed; regenerate with TOLLGATE_UPDATE_SNAPSHOTS=1 and review the diff")
    }

    @Test("every snapshot belongs to a command (none is left over from a removed one)")
    func noStaleSnapshots() throws {
        guard !Self.updating else { return }
        let expected = Set(CommandTree.all.map { Self.snapshotName($0.name) })
        let present = Set(try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".txt") })
        #expect(present.subtracting(expected).isEmpty)
        #expect(expected.subtracting(present).isEmpty)
    }

    @Test("the root help lists 'provenance verify' and not the deprecated 'verify-provenance'")
    func deprecatedCommandHidden() throws {
        let root = try TollgateProcess.run(["--help"], in: TollgateProcess.root).text
        #expect(!root.contains("verify-provenance"))
        let provenance = try TollgateProcess.run(["provenance", "--help"], in: TollgateProcess.root).text
        #expect(provenance.contains("verify"))
    }
}
