/// An SPDX license expression (SPDX 2.3 Annex D, <https://spdx.github.io/spdx-spec/v2.3/SPDX-license-expressions/>):
/// license ids (optionally `+`), `LicenseRef-…`, `id WITH exception`, `AND`, `OR` and parentheses.
///
/// "WITH" binds tighter than "AND", which binds tighter than "OR". License ids compare
/// case-insensitively ("License identifiers … MUST be matched in a case-insensitive manner").
public indirect enum SPDXExpression: Sendable, Hashable, CustomStringConvertible {
    /// One license, e.g. `MIT`, `GPL-2.0+`, `LicenseRef-acme`, or `Apache-2.0 WITH LLVM-exception`.
    case license(SPDXLicense)
    case and(SPDXExpression, SPDXExpression)
    case or(SPDXExpression, SPDXExpression)

    /// Longest expression accepted and deepest parenthesis nesting: hostile input is refused, not recursed into.
    public static let maxLength = 4096
    public static let maxDepth = 32

    /// Parses `text`; on failure the problem is a `policy.invalid-license-expression` error whose
    /// `message` says what was expected and what was found.
    public static func parse(_ text: String) -> Result<SPDXExpression, PolicyError> {
        guard text.utf8.count <= maxLength else {
            return .failure(invalid("expression is longer than \(maxLength) bytes"))
        }
        var parser = SPDXExpressionParser(tokens: SPDXExpressionParser.tokenize(text))
        do throws(PolicyError) {
            let expression = try parser.parseOr(depth: 0)
            guard parser.atEnd else {
                throw invalid("unexpected '\(parser.peek ?? "")' after a complete expression")
            }
            return .success(expression)
        } catch {
            return .failure(error)
        }
    }

    /// A `policy.invalid-license-expression` error saying why an expression did not parse.
    static func invalid(_ message: String) -> PolicyError {
        PolicyError(.invalidLicenseExpression, message)
    }

    /// Every license leaf, in order.
    public var licenses: [SPDXLicense] {
        switch self {
        case .license(let license): [license]
        case .and(let l, let r), .or(let l, let r): l.licenses + r.licenses
        }
    }

    /// Whether some choice of licenses satisfies `accept`: both sides of AND, either side of OR.
    public func isSatisfied(by accept: (SPDXLicense) -> Bool) -> Bool {
        switch self {
        case .license(let license): accept(license)
        case .and(let l, let r): l.isSatisfied(by: accept) && r.isSatisfied(by: accept)
        case .or(let l, let r): l.isSatisfied(by: accept) || r.isSatisfied(by: accept)
        }
    }

    public var description: String {
        switch self {
        case .license(let license): license.description
        case .and(let l, let r): "(\(l) AND \(r))"
        case .or(let l, let r): "(\(l) OR \(r))"
        }
    }
}

/// One license term of an SPDX expression.
public struct SPDXLicense: Sendable, Hashable, CustomStringConvertible {
    /// The license id as written (`MIT`, `LicenseRef-x`), without `+`.
    public var id: String
    /// `+`: "this version or any later version".
    public var orLater: Bool
    /// The `WITH` exception id, if any.
    public var exception: String?

    public init(id: String, orLater: Bool = false, exception: String? = nil) {
        self.id = id
        self.orLater = orLater
        self.exception = exception
    }

    /// Case-insensitive equality, the comparison SPDX prescribes.
    public func sameLicense(as other: SPDXLicense) -> Bool {
        id.lowercased() == other.id.lowercased() && orLater == other.orLater
            && exception?.lowercased() == other.exception?.lowercased()
    }

    public var description: String {
        var text = id + (orLater ? "+" : "")
        if let exception { text += " WITH \(exception)" }
        return text
    }
}

struct SPDXExpressionParser {
    private let tokens: [String]
    private var index = 0

    init(tokens: [String]) { self.tokens = tokens }

    static func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        for character in text {
            if character == "(" || character == ")" {
                if !current.isEmpty { tokens.append(current); current = "" }
                tokens.append(String(character))
            } else if character.isWhitespace {
                if !current.isEmpty { tokens.append(current); current = "" }
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    var atEnd: Bool { index >= tokens.count }
    var peek: String? { atEnd ? nil : tokens[index] }

    private func isOperator(_ token: String?, _ name: String) -> Bool {
        token?.uppercased() == name
    }

    mutating func parseOr(depth: Int) throws(PolicyError) -> SPDXExpression {
        var left = try parseAnd(depth: depth)
        while isOperator(peek, "OR") {
            index += 1
            left = .or(left, try parseAnd(depth: depth))
        }
        return left
    }

    mutating func parseAnd(depth: Int) throws(PolicyError) -> SPDXExpression {
        var left = try parsePrimary(depth: depth)
        while isOperator(peek, "AND") {
            index += 1
            left = .and(left, try parsePrimary(depth: depth))
        }
        return left
    }

    mutating func parsePrimary(depth: Int) throws(PolicyError) -> SPDXExpression {
        guard let token = peek else { throw SPDXExpression.invalid("expected a license id, found the end") }
        if token == "(" {
            guard depth < SPDXExpression.maxDepth else {
                throw SPDXExpression.invalid("parentheses nest deeper than \(SPDXExpression.maxDepth)")
            }
            index += 1
            let inner = try parseOr(depth: depth + 1)
            guard peek == ")" else { throw SPDXExpression.invalid("expected ')', found \(Self.describe(peek))") }
            index += 1
            return inner
        }
        guard token != ")", !isOperator(token, "AND"), !isOperator(token, "OR"), !isOperator(token, "WITH") else {
            throw SPDXExpression.invalid("expected a license id, found '\(token)'")
        }
        index += 1
        var id = token
        var orLater = false
        if id.hasSuffix("+") {
            orLater = true
            id.removeLast()
        }
        guard Self.isIDString(id, allowingRef: true) else {
            throw SPDXExpression.invalid("'\(token)' is not a license id (letters, digits, '-', '.')")
        }
        var exception: String?
        if isOperator(peek, "WITH") {
            index += 1
            guard let name = peek, Self.isIDString(name, allowingRef: false) else {
                throw SPDXExpression.invalid("expected an exception id after WITH, found \(Self.describe(peek))")
            }
            index += 1
            exception = name
        }
        return .license(SPDXLicense(id: id, orLater: orLater, exception: exception))
    }

    /// A token quoted for a message, or "the end" when the expression ran out.
    static func describe(_ token: String?) -> String {
        token.map { "'\($0)'" } ?? "the end"
    }

    /// `idstring = 1*(ALPHA / DIGIT / "-" / ".")`, plus `DocumentRef-x:LicenseRef-y` for refs.
    static func isIDString(_ text: String, allowingRef: Bool) -> Bool {
        guard !text.isEmpty else { return false }
        var colons = 0
        for scalar in text.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", ".": continue
            case ":" where allowingRef && text.hasPrefix("DocumentRef-"): colons += 1
            default: return false
            }
        }
        return colons <= 1
    }
}
