import TollgateModel

/// An exact string or a regular expression, for keyless identities (issuer, subject).
public enum StringMatcher: Sendable, Hashable, CustomStringConvertible {
    case exact(String)
    case regexp(RegexPattern)

    public func matches(_ text: String) -> Bool {
        switch self {
        case .exact(let value): value == text
        case .regexp(let regex): regex.matches(text)
        }
    }

    public var description: String {
        switch self {
        case .exact(let value): "\"\(value)\""
        case .regexp(let regex): "/\(regex.pattern)/"
        }
    }
}
