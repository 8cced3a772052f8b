/// A `WWW-Authenticate` challenge (RFC 7235 §4.1): `Bearer realm="…",service="…",scope="…"`
/// (the distribution token protocol) or `Basic realm="…"`.
struct AuthChallenge: Sendable, Hashable {
    var scheme: String
    var parameters: [String: String]

    init?(header: String) {
        let trimmed = header.drop { $0 == " " }
        guard let space = trimmed.firstIndex(of: " ") else {
            guard !trimmed.isEmpty else { return nil }
            scheme = trimmed.lowercased()
            parameters = [:]
            return
        }
        scheme = trimmed[..<space].lowercased()
        var parameters: [String: String] = [:]
        var rest = trimmed[trimmed.index(after: space)...]
        while !rest.isEmpty {
            rest = rest.drop { $0 == " " || $0 == "," }
            guard let equals = rest.firstIndex(of: "=") else { break }
            let key = rest[..<equals].trimmingCharacters(in: " ").lowercased()
            rest = rest[rest.index(after: equals)...]
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                while let character = rest.first, character != "\"" {
                    if character == "\\", rest.count > 1 { rest = rest.dropFirst() }
                    value.append(rest.first!)
                    rest = rest.dropFirst()
                }
                rest = rest.dropFirst()
            } else {
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                value = String(rest[..<end]).trimmingCharacters(in: " ")
                rest = rest[end...]
            }
            parameters[key] = value
        }
        self.parameters = parameters
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        String(drop { $0 == character }.reversed().drop { $0 == character }.reversed())
    }
}
