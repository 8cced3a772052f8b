/// Removes what looks like a credential from a log value: Tollgate API tokens (`tg_…`) and
/// JWTs (three base64url parts starting `eyJ`) become `[redacted]`.
enum LogRedactor {
    static func redact(_ text: String) -> String {
        guard text.contains("tg_") || text.contains("eyJ") else { return text }
        var out = ""
        var word = ""
        func flush() {
            out += (word.hasPrefix("tg_") && word.count > 8) || (word.hasPrefix("eyJ") && word.split(separator: ".").count >= 2) ? "[redacted]" : word
            word = ""
        }
        for character in text {
            if character.isLetter || character.isNumber || character == "_" || character == "-" || character == "." {
                word.append(character)
            } else {
                flush()
                out.append(character)
            }
        }
        flush()
        return out
    }
}
