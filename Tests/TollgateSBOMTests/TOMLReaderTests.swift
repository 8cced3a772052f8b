import Testing
import TollgateSBOM

@Suite("TOML reader")
struct TOMLReaderTests {
    @Test("reads the TOML that lockfiles use")
    func reads() throws {
        let text = #"""
        # comment
        version = 3
        title = "a \"quoted\" \u00e9"
        literal = 'C:\path'
        multi = """
        line one \
          continued"""
        floats = [1.5, -2e3, inf]
        dates = 1979-05-27T07:32:00Z
        spaced = 1979-05-27 07:32:00
        "quoted key".x = true
        [[package]]
        name = "a"
        deps = [
          "b 1.0", # trailing comment
          "c",
        ]
        source = { git = "https://x", rev = "abc" }
        [package.extra]
        k = 0x1F
        [[package]]
        name = "b"
        """#
        let root = try TOMLReader().parse(text)
        #expect(root["version"] == .integer(3))
        #expect(root["title"]?.string == "a \"quoted\" é")
        #expect(root["literal"]?.string == #"C:\path"#)
        #expect(root["multi"]?.string == "line one continued")
        #expect(root["dates"] == .datetime("1979-05-27T07:32:00Z"))
        #expect(root["spaced"] == .datetime("1979-05-27 07:32:00"))
        #expect(root["quoted key"]?["x"] == .bool(true))
        let packages = root["package"]?.array ?? []
        #expect(packages.count == 2)
        #expect(packages.first?["deps"]?.array?.count == 2)
        #expect(packages.first?["source"]?["rev"]?.string == "abc")
        #expect(packages.first?["extra"]?["k"] == .integer(31))
        #expect(packages.last?["name"]?.string == "b")
    }

    @Test("rejects malformed TOML", arguments: [
        "key", "key = ", "a = 1\na = 2", "[t]\n[t]", "a = \"unterminated", "a = [1, 2", "a = {b = 1",
        "a = 1 2", "= 1", "a = \"\\q\"", "[[a]]\n[a]\nb = 1\n[a]",
    ])
    func rejects(text: String) {
        #expect(throws: SBOMError.self) { try TOMLReader().parse(text) }
    }

    @Test("bounds nesting depth")
    func depth() {
        let deep = "a = " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: SBOMError.self) { try TOMLReader().parse(deep) }
    }
}
