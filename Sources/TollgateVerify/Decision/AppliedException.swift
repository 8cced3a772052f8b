import Foundation
import TollgatePolicy

/// An exception the gate considered for a rule: applied (`active`) or ignored because it expired.
public struct AppliedException: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        case active
        case expired
    }

    public var id: String
    public var owner: String
    public var reason: String
    public var compensatingControl: String?
    public var expires: Date
    public var status: Status
    /// What it covered here (advisory/component), for the report.
    public var covers: [String]

    public init(_ exception: PolicyException, status: Status, covers: [String]) {
        id = exception.id
        owner = exception.owner
        reason = exception.reason
        compensatingControl = exception.compensatingControl
        expires = exception.expires
        self.status = status
        self.covers = covers
    }
}
