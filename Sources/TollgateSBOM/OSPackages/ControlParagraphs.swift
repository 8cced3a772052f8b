import Foundation

/// Splits deb822-style databases into paragraphs of fields: dpkg's `status` ("Key: value",
/// continuation lines start with a space) and apk's `installed` ("K:value"). Paragraphs are
/// separated by blank lines.
enum ControlParagraphs {
    /// The database as text, within the lockfile size limit.
    static func text(_ data: Data, path: String) throws(SBOMError) -> String {
        guard data.count <= LockfileLimits.maximumBytes else {
            throw SBOMError(.tooLarge, "\(path) is \(data.count) bytes; the limit is \(LockfileLimits.maximumBytes)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SBOMError(.invalidLockfile, "\(path) is not UTF-8 text")
        }
        return text
    }

    /// The paragraphs, each a list of (key, value) in file order.
    static func split(_ text: String, separator: Character, continuation: Bool) -> [[(key: String, value: String)]] {
        var paragraphs: [[(key: String, value: String)]] = []
        var current: [(key: String, value: String)] = []
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if !current.isEmpty { paragraphs.append(current) }
                current = []
                continue
            }
            if continuation, line.first == " " || line.first == "\t" {
                if !current.isEmpty { current[current.count - 1].value += "\n" + line.dropFirst() }
                continue
            }
            guard let index = line.firstIndex(of: separator) else { continue }
            let key = String(line[..<index])
            var value = line[line.index(after: index)...]
            while value.first == " " || value.first == "\t" { value = value.dropFirst() }
            current.append((key, String(value)))
        }
        if !current.isEmpty { paragraphs.append(current) }
        return paragraphs
    }

    static func field(_ paragraph: [(key: String, value: String)], _ key: String) -> String? {
        paragraph.first { $0.key == key }?.value
    }
}
