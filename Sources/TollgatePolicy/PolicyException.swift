import Foundation

/// A time-bound exception: an owner accepts a named risk, for a reason, until a date, for a scope.
///
/// An exception always has owner, reason and expiry; an expired one has no effect and the
/// decision names it. Scope is the most specific of `match.advisory`, `match.component`,
/// `match.artifact`.
public struct PolicyException: Sendable, Hashable, Codable {
    /// What an exception covers.
    public enum Scope: String, Sendable, Hashable, Codable {
        case advisory
        case component
        case artifact
    }

    public var id: String
    public var owner: String
    public var reason: String
    public var compensatingControl: String?
    /// When the exception was granted (required when the policy caps exception duration).
    public var granted: Date?
    /// The instant the exception stops having effect. A date-only `expires: 2026-12-31` means the
    /// end of that day (UTC), so it is `2027-01-01T00:00:00Z`.
    public var expires: Date
    public var match: ExceptionMatch
    /// Where the exception is written, for messages.
    public var location: SourceLocation?

    public init(id: String, owner: String, reason: String, compensatingControl: String? = nil, granted: Date? = nil,
                expires: Date, match: ExceptionMatch, location: SourceLocation? = nil) {
        self.id = id
        self.owner = owner
        self.reason = reason
        self.compensatingControl = compensatingControl
        self.granted = granted
        self.expires = expires
        self.match = match
        self.location = location
    }

    public var scope: Scope {
        if match.advisory != nil { return .advisory }
        if match.component != nil { return .component }
        return .artifact
    }

    /// True at instants strictly before `expires`.
    public func isActive(at now: Date) -> Bool { now < expires }
}
