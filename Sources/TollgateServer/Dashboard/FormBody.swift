import Foundation

/// An `application/x-www-form-urlencoded` body (the dashboard's sign-in and sign-out forms): at
/// most `maxFields` fields; `+` is a space and `%XX` a byte; a field that does not decode is dropped.
struct FormBody {
    let fields: [String: String]

    init(_ bytes: [UInt8], maxFields: Int = 16) {
        var fields: [String: String] = [:]
        for pair in String(decoding: bytes, as: UTF8.self).split(separator: "&").prefix(maxFields) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { continue }
            fields[name] = parts.count > 1 ? Self.decode(parts[1]) : ""
        }
        self.fields = fields
    }

    subscript(_ name: String) -> String? { fields[name] }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
