import Testing
import TollgateCLI

/// The `verify-bundle --batch` list reader, on bytes.
@Suite("verify-bundle --batch list")
struct BatchListTests {
    func lines(_ text: String) -> [[String]] {
        BatchList(bytes: Array(text.utf8)).lines.map(\.fields)
    }

    @Test("fields split at spaces, tabs and carriage returns; blank and comment-only lines are skipped; line numbers count every line")
    func fieldsAndNumbers() {
        let list = BatchList(bytes: Array("a.json a.txt\n\n# a comment\n  b.json\tb.txt  # trailing\nc.json c.txt id issuer".utf8))
        #expect(list.lines.map(\.fields) == [["a.json", "a.txt"], ["b.json", "b.txt"], ["c.json", "c.txt", "id", "issuer"]])
        #expect(list.lines.map(\.number) == [1, 4, 5])
    }

    @Test("Windows line ends: each line is its own job (a grapheme split read \\r\\n as one character, so the whole list was one line)")
    func crlf() {
        #expect(lines("a.json a.txt\r\nb.json b.txt\r\n") == [["a.json", "a.txt"], ["b.json", "b.txt"]])
        #expect(BatchList(bytes: Array("a b\r\n\r\nc d\r\n".utf8)).lines.map(\.number) == [1, 3])
    }

    @Test("a '#' inside a field starts the comment there, as before; non-ASCII paths stay whole")
    func commentsAndUnicode() {
        #expect(lines("dir/a#1.json x") == [["dir/a"]])
        #expect(lines("répertoire/ü.json 包.txt\n") == [["répertoire/ü.json", "包.txt"]])
        #expect(lines("") == [])
        #expect(lines("\n\n \t\r\n") == [])
    }

    @Test("invalid UTF-8 in a path is decoded with replacement characters, never dropped or crashed on")
    func invalidUTF8() {
        let list = BatchList(bytes: [0x61, 0xFF, 0x62, 0x20, 0x63])
        #expect(list.lines.map(\.fields) == [["a\u{FFFD}b", "c"]])
    }
}
