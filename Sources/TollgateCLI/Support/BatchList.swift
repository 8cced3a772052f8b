/// The job list of `verify-bundle --batch`: one job per line, whitespace-separated fields,
/// `#` starts a comment, blank lines are skipped.
///
/// Read on bytes, not `Character`s: a grapheme walk over a 1,000-line list took ~10 ms before
/// the first bundle could start (docs/benchmarks.md), and `"\r\n"` is one `Character`, so a
/// list with Windows line ends was read as a single line. Splitting at ASCII bytes never cuts
/// a UTF-8 sequence; every field is decoded as UTF-8 (invalid bytes become U+FFFD, as before).
public struct BatchList: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        /// 1-based line number in the file.
        public let number: Int
        public let fields: [String]
    }

    /// The lines that hold at least one field, in file order.
    public let lines: [Line]

    public init(bytes: some Collection<UInt8>) {
        var lines: [Line] = []
        var number = 1
        var fields: [String] = []
        var field: [UInt8] = []
        var inComment = false
        func endField() {
            if !field.isEmpty {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            }
        }
        func endLine() {
            endField()
            if !fields.isEmpty { lines.append(Line(number: number, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
            inComment = false
            number += 1
        }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\n"):
                endLine()
            case _ where inComment:
                continue
            case UInt8(ascii: "#"):
                endField()
                inComment = true
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                endField()
            default:
                field.append(byte)
            }
        }
        endLine()
        self.lines = lines
    }
}
